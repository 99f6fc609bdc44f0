"""What each process keeps of the published set for the finder, while the content version
stays: the vocabulary (its three queries, one a scan of the case studies) and the bitset index
(casestudies/finder/bitindex.py), and the finder's uses of them: the facet counts, the words'
matches, the page of results in title order and the evidence map.

When they are rebuilt:
- the content version in the shared cache has changed: it is bumped after the commit of any
  write that signals (case studies, their tags, the tags themselves) and by the commands that
  write in bulk (``generate_demo_content``, ``rebuild_tag_summaries``);
- a scheduled case study's (or, for the vocabulary, profession's) publication time has come;
- they are older than ``bitindex.MAX_AGE`` seconds, a bound on staleness after a write that
  sends no signal at all (raw SQL, ``queryset.update()`` outside the tag summaries).

They are used only when every process sees the same version: with a shared cache (Redis), or
when ``FINDER_BITINDEX`` is "on" (one process, as in tests). Otherwise the vocabulary is loaded
for each request and everything comes from SQL, as it does while the cache cannot be read.
"""

import threading
import time
from dataclasses import replace

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone

from casestudies.finder.bitindex import Index, fresh, next_publication, set_bits
from casestudies.finder.vocabulary import COLUMN_FACETS, DEFAULT_SORT, M2M_FACETS, Vocabulary
from casestudies.models import CaseStudy
from editorial import contentversion
from professions.models import Profession

VERSION_KEY = "casestudies:finder:content-version"
LOCAL_CACHES = ("LocMemCache", "DummyCache")
VOCABULARY = "vocabulary"
FINDER_COLUMNS = tuple(COLUMN_FACETS.values())
_kept = {}  # grouping columns -> Index, and VOCABULARY -> KeptVocabulary
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


def vocabulary() -> Vocabulary:
    """The finder's vocabulary: kept per process, under the index's rules, when the index is
    used (its three queries, one of them a scan of the case studies, once per content version);
    otherwise loaded for each request. Its ``version`` says which it is (None: loaded)."""
    version = _version() if enabled() else None
    if version is None:
        return Vocabulary.load()
    return _keep(VOCABULARY, version, KeptVocabulary).vocabulary


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


def index_for(columns, version) -> Index:
    key = tuple(columns)
    return _keep(key, version, lambda version: Index(key, version))


def _keep(key, version, build):
    """What this process keeps under ``key``, built again when it is no longer fresh."""
    kept = _kept.get(key)
    if kept is None or not fresh(kept, version):
        with _lock:
            kept = _kept.get(key)
            if kept is None or not fresh(kept, version):
                kept = _kept[key] = build(version)
    return kept


def grouped_counts(finder, columns, aggregates) -> list[dict]:
    """``finder.searched().values(*columns).annotate(**aggregates)`` as a list of dicts, each
    aggregate a ``summaries.TagCount``; from the index when it can be used. With words, the
    index counts within their matches (``words_within``), instead of some thirty filtered
    counts over every matching row."""
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


def _version():
    """The content version (0 before the first bump), or None if the cache cannot be read:
    then the counts come from SQL, never from an index that might be stale."""
    try:
        version = contentversion.along(VERSION_KEY, 0)
    except Exception:  # noqa: BLE001 - any cache backend's connection error
        return None
    # The project's Redis backend (toolkit.cache) answers a default instead of raising while
    # Redis is down, and says so: that default is no version either.
    return version if getattr(cache, "available", True) else None


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from casestudies.finder.summaries import relations

    contentversion.read_along(VERSION_KEY)
    for signal in (post_save, post_delete):
        signal.connect(bump, sender=CaseStudy, dispatch_uid=f"bitindex-{signal}")
    for field, _ in relations(CaseStudy):
        m2m_changed.connect(bump, sender=field.remote_field.through, dispatch_uid=f"bi-{field}")
        for signal in (post_save, post_delete):
            signal.connect(bump, sender=field.related_model, dispatch_uid=f"bi-{field}-{signal}")
