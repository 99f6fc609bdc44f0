"""A bitset index of the published case studies: each has a position (in the finder's
default order, by title), and each tag (summary column, bit) and each group (the values of the
grouping columns, such as ``kind``) is a Python int with bit *i* set when the case study at
position *i* has it. An option's count is then the popcount of a few ANDs, instead of a scan
of the table with some thirty filtered counts (``Index.rows`` answers exactly what
``searched().values(*columns).annotate(**aggregates)`` would); a search word's matches are a
bitset too, kept once read, and a page of results is a run of set bits.

Built from one query of the published set (and one for the next scheduled publication); which
process keeps one, and when it is rebuilt, is ``snapshot``'s business.

Measured against SQL in the same runs (docs/performance.md, 3 and 4 December 2026): it wins
for the finder's counts, words and evidence map at 10,000 and 100,000.
"""

import time

from django.db.models import Min
from django.utils import timezone

from casestudies.finder.vocabulary import DEFAULT_SORT, SORTS
from casestudies.finder.words import frequent_lexemes, ids_matching, parse_word
from casestudies.models import TAG_SUMMARY_FIELDS, CaseStudy
from editorial.publishing import Status

MAX_AGE = 300  # seconds: a bound on staleness after a write that sends no signal
MAX_WORDS_KEPT = 512  # 6 MB at most at 100,000 case studies


class Index:
    def __init__(self, columns, version):
        self.version, self.built = version, time.monotonic()
        now = timezone.now()
        self.positions = None  # primary key -> position, built for the first words search
        self.words = {}  # search word -> its matches, whether it names a tag (Index.word)
        # in the finder's default order, so a page of results is a run of positions
        queryset = CaseStudy.objects.published().order_by(*SORTS[DEFAULT_SORT][1])
        rows = list(queryset.values_list(*columns, *TAG_SUMMARY_FIELDS, "pk"))
        self.pks = [row[-1] for row in rows]
        size, width = len(columns), (len(rows) + 7) >> 3
        groups, tags = {}, {}
        for position, row in enumerate(rows):
            byte, bit = position >> 3, 1 << (position & 7)
            group = row[:size]
            if group not in groups:
                groups[group] = bytearray(width)
            groups[group][byte] |= bit
            for column, value in zip(TAG_SUMMARY_FIELDS, row[size:-1], strict=True):
                while value:
                    low = value & -value
                    key = (column, low.bit_length() - 1)
                    if key not in tags:
                        tags[key] = bytearray(width)
                    tags[key][byte] |= bit
                    value ^= low
        self.groups = {key: int.from_bytes(bits, "little") for key, bits in groups.items()}
        self.tags = {key: int.from_bytes(bits, "little") for key, bits in tags.items()}
        self.masks = {}
        self.size = len(rows)
        self.valid_until = next_publication(CaseStudy, now)
        # the matches of the words in 1 % of the documents or more, read with the index
        frequent = frequent_lexemes(max(1, self.size // 100))
        self.lexemes = {lexeme: self.matching(pks) for lexeme, pks in frequent}

    def having(self, column, mask) -> int:
        """The case studies with at least one of the tags in ``mask``."""
        key = (column, mask)
        if key not in self.masks:
            if len(self.masks) > 4096:
                self.masks.clear()
            found, rest = 0, mask
            while rest:
                low = rest & -rest
                found |= self.tags.get((column, low.bit_length() - 1), 0)
                rest ^= low
            self.masks[key] = found
        return self.masks[key]

    def matching(self, pks) -> int:
        """The case studies with these primary keys (those not published are left out)."""
        if self.positions is None:
            self.positions = {pk: position for position, pk in enumerate(self.pks)}
        bits = bytearray((self.size + 7) >> 3)
        positions = self.positions
        for pk in pks:
            position = positions.get(pk)
            if position is not None:
                bits[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(bits, "little")

    def word(self, word, finder) -> tuple[int | None, bool]:
        """A search word's matches, and whether it names a tag (then its matches are those of
        its text or its tags); None for a word the full-text engine leaves out."""
        if word not in self.words:
            if len(self.words) >= MAX_WORDS_KEPT:
                self.words.clear()
            nothing, lexeme = parse_word(word)
            if nothing:
                bits = 0
            elif lexeme in self.lexemes:
                bits = self.lexemes[lexeme]
            else:
                bits = self.matching(ids_matching(word))
            names = finder.names(word)
            for column, mask in names:
                bits |= self.having(column, mask)
            self.words[word] = (None if nothing and not names else bits, bool(names))
        return self.words[word]

    def selected(self, chosen, conditions, within=-1) -> int:
        """The case studies in the groups whose grouping columns have one of the ``chosen``
        values (a set per column; empty: any), within ``within``, meeting every (column,
        mask) condition."""
        found = 0
        for group, members in self.groups.items():
            pairs = zip(group, chosen, strict=True)
            if all(not wanted or value in wanted for value, wanted in pairs):
                found |= members
        found &= within
        for column, mask in conditions:
            found &= self.having(column, mask)
        return found

    def rows(self, columns, aggregates, within=-1):
        """The grouped counts, of the case studies in ``within`` (a bitset; all by default)."""
        result = []
        for group, members in self.groups.items():
            row = dict(zip(columns, group, strict=True))
            members &= within
            for name, aggregate in aggregates.items():
                selected = members
                for column, mask in aggregate.conditions:
                    selected &= self.having(column, mask)
                row[name] = selected.bit_count()
            result.append(row)
        return result


def set_bits(bits, skip, count, step=4096) -> list[int]:
    """The positions of the set bits of ``bits`` after the first ``skip``, at most ``count``."""
    found, base = [], 0
    while bits and len(found) < count:
        chunk = bits & ((1 << step) - 1)
        if skip >= (ones := chunk.bit_count()):
            skip -= ones
        else:
            while chunk and len(found) < count:
                low = chunk & -chunk
                if skip:
                    skip -= 1
                else:
                    found.append(base + low.bit_length() - 1)
                chunk ^= low
        bits >>= step
        base += step
    return found


def next_publication(model, now):
    """When the next scheduled item of a model comes, or None."""
    upcoming = model.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
    return upcoming.aggregate(next=Min("published_at"))["next"]


def fresh(kept, version) -> bool:
    return (
        version == kept.version
        and time.monotonic() - kept.built < MAX_AGE
        and (kept.valid_until is None or timezone.now() < kept.valid_until)
    )
