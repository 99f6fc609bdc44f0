"""A per-process bitset index of the published case studies, for the finder's facet counts.

Each published case study has a position; each tag (summary column, bit) and each group (the
values of the grouping columns, such as ``kind``) is a Python int with bit *i* set when the
case study at position *i* has it. An option's count is then the popcount of a few ANDs,
instead of a scan of the table with some thirty filtered counts: ``grouped_counts`` answers
exactly what ``searched().values(*columns).annotate(**aggregates)`` would.

When it is rebuilt (one query of the published set, one for the next scheduled publication):
- the content version in the shared cache has changed: it is bumped after the commit of any
  write that signals (case studies, their tags, the tags themselves) and by the commands that
  write in bulk (``generate_demo_content``, ``rebuild_tag_summaries``);
- a scheduled case study's publication time has come;
- it is older than ``MAX_AGE`` seconds, a bound on staleness after a write that sends no
  signal at all (raw SQL, ``queryset.update()`` outside the tag summaries).

It is used only when every process sees the same version: with a shared cache (Redis), or
when ``FINDER_BITINDEX`` is "on" (one process, as in tests). Otherwise, and for words (their
matches are a query anyway), the counts come from SQL as before.

Measured against SQL in the same runs (docs/performance.md, 3 December 2026): it wins for the
finder's counts at 10,000 and 100,000; for the evidence map (grouped by ``outcome_bits``, up
to 127 groups) it lost at 100,000 on PostgreSQL, so the map still counts in SQL.
"""

import threading
import time
from dataclasses import replace

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from casestudies.finder.vocabulary import (
    COLUMN_FACETS,
    DEFAULT_SORT,
    M2M_FACETS,
    SORTS,
    Vocabulary,
)
from casestudies.finder.words import asks_nothing, words_match
from casestudies.models import TAG_SUMMARY_FIELDS, CaseStudy
from editorial.publishing import Status
from professions.models import Profession

VERSION_KEY = "casestudies:finder:content-version"
MAX_AGE = 300
MAX_WORDS_KEPT = 512  # 6 MB at most at 100,000 case studies
LOCAL_CACHES = ("LocMemCache", "DummyCache")
VOCABULARY = "vocabulary"
FINDER_COLUMNS = tuple(COLUMN_FACETS.values())
_indexes = {}  # grouping columns -> Index, and VOCABULARY -> the kept Vocabulary
_lock = threading.Lock()


def enabled() -> bool:
    mode = getattr(settings, "FINDER_BITINDEX", "auto")
    if mode == "auto":
        return type(caches["default"]).__name__ not in LOCAL_CACHES
    return mode == "on"


def bump(**kwargs):
    """A new content version, once the current transaction (if any) has committed: an index
    rebuilt after it sees the write."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), timeout=None))


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

    def fresh(self, version) -> bool:
        return fresh(self, version)

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
            nothing = asks_nothing(word)
            text = CaseStudy.objects.published().filter(words_match(word))
            bits = 0 if nothing else self.matching(text.values_list("pk", flat=True))
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


def index_for(columns, version) -> Index:
    key = tuple(columns)
    index = _indexes.get(key)
    if index is None or not index.fresh(version):
        with _lock:
            index = _indexes.get(key)
            if index is None or not index.fresh(version):
                index = _indexes[key] = Index(key, version)
    return index


def grouped_counts(finder, columns, aggregates) -> list[dict]:
    """``finder.searched().values(*columns).annotate(**aggregates)`` as a list of dicts, each
    aggregate a ``summaries.TagCount``; from the index when it can be used. With words, the
    index counts within their matches: one query of primary keys, which the full-text index
    answers alone, instead of some thirty filtered counts over every matching row."""
    version = finder.vocabulary.version
    if version is None:
        return list(finder.searched().values(*columns).annotate(**aggregates).order_by())
    index = index_for(columns, version)
    if not (finder.form.cleaned_data.get("q") or "").split():
        return index.rows(columns, aggregates)
    return index.rows(columns, aggregates, words_within(index, finder))


def page_rows(finder, offset, limit, columns) -> list[tuple] | None:
    """A page of the finder's results in its default order (by title) as rows of ``columns``,
    read by primary key: the index knows which case studies are on it, so the database does
    not scan every match to sort them. None when the index is not used or the order is
    another; then the page is the queryset's slice."""
    version = finder.vocabulary.version
    if version is None or finder.sort_key != DEFAULT_SORT:
        return None
    index = index_for(FINDER_COLUMNS, version)
    chosen = [set(finder.column_values(facet)) for facet in COLUMN_FACETS]
    conditions = [c for facet in M2M_FACETS for c in finder.tag_conditions(facet)]
    within = words_within(index, finder) if finder.form.cleaned_data.get("q") else -1
    members = index.selected(chosen, conditions, within)
    pks = [index.pks[position] for position in set_bits(members, offset, limit)]
    found = CaseStudy.objects.published().filter(pk__in=pks).values_list("pk", *columns)
    by_pk = {row[0]: row[1:] for row in found}
    return [by_pk[pk] for pk in pks if pk in by_pk]


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


def words_within(index, finder) -> int:
    """The published case studies matching the finder's words, as a bitset. People search
    for the same words in many combinations, so each word's matches are kept with the index
    and a search of words already seen runs no query; words that cannot be taken one by one
    (a phrase, an operator) are matched together, in one query of primary keys."""
    words = finder.separate_words()
    if words is None:
        return index.matching(finder.searched().values_list("pk", flat=True).iterator(5000))
    found, plain, plain_asks = -1, False, False
    for word in words:
        bits, named = index.word(word, finder)
        if named:
            found &= bits
        else:
            plain = True
            if bits is not None:  # as the words' one query, which leaves such a word out
                found, plain_asks = found & bits, True
    return 0 if plain and not plain_asks else found


def vocabulary() -> Vocabulary:
    """The finder's vocabulary: kept per process, under the index's rules, when the index is
    used (its three queries, one of them a scan of the case studies, once per content version);
    otherwise loaded for each request. Its ``version`` says which it is (None: loaded)."""
    version = _version() if enabled() else None
    if version is None:
        return Vocabulary.load()
    kept = _indexes.get(VOCABULARY)
    if kept is None or not fresh(kept, version):
        with _lock:
            kept = _indexes.get(VOCABULARY)
            if kept is None or not fresh(kept, version):
                kept = _indexes[VOCABULARY] = KeptVocabulary(version)
    return kept.vocabulary


class KeptVocabulary:
    def __init__(self, version):
        self.version, self.built = version, time.monotonic()
        now = timezone.now()
        self.vocabulary = replace(Vocabulary.load(), version=version)
        upcoming = (next_publication(model, now) for model in (CaseStudy, Profession))
        self.valid_until = min(filter(None, upcoming), default=None)


def published_index(vocabulary) -> Index | None:
    """The index of the published set for a vocabulary kept under its rules, else None."""
    if vocabulary.version is None:
        return None
    return index_for(FINDER_COLUMNS, vocabulary.version)


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


def _version():
    """The content version (0 before the first bump), or None if the cache cannot be read:
    then the counts come from SQL, never from an index that might be stale."""
    try:
        version = cache.get(VERSION_KEY, 0)
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        return None
    # The project's Redis backend (toolkit.cache) answers a default instead of raising while
    # Redis is down, and says so: that default is no version either.
    return version if getattr(cache, "available", True) else None


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from casestudies.finder.summaries import relations

    for signal in (post_save, post_delete):
        signal.connect(bump, sender=CaseStudy, dispatch_uid=f"bitindex-{signal}")
    for field, _ in relations(CaseStudy):
        m2m_changed.connect(bump, sender=field.remote_field.through, dispatch_uid=f"bi-{field}")
        for signal in (post_save, post_delete):
            signal.connect(bump, sender=field.related_model, dispatch_uid=f"bi-{field}-{signal}")
