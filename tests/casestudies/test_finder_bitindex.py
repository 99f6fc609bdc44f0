"""The finder's counts from the per-process bitset index (casestudies/finder/snapshot.py)
are the ones SQL gives, and follow every write once it is committed."""

import itertools
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casestudies.finder import snapshot
from casestudies.models import CaseStudy
from editorial.publishing import Status
from professions.models import Profession, Setting
from tests.casestudies.helpers import ART, count_in, make_studies

pytestmark = pytest.mark.django_db

NONCE = re.compile(r' nonce="[^"]*"')
PATHS = [
    "/case-studies/",
    "/case-studies/?page=2",
    "/case-studies/?page=2&sort=newest",
    "/case-studies/?profession=occupational-therapists&outcome=cost-saving",
    "/case-studies/?outcome=cost-saving&outcome=positive-patient-outcome&outcome_match=all",
    "/case-studies/?profession=dietitians&profession=paramedics&setting=autism",
    "/case-studies/?kind=case_study&outcome=cost-saving&sort=newest",
    "/case-studies/?profession=no-such-profession&outcome_match=all",
    "/case-studies/?q=therapy&outcome=cost-saving",
    "/case-studies/?q=therapy+dietitian&profession=paramedics&profession=dietitians",
    "/case-studies/?q=zzzznothing&outcome=cost-saving",
    "/case-studies/evidence-map/",
]


def pages(client, settings, mode):
    settings.FINDER_BITINDEX = mode
    # the CSP nonce is new on every page
    return [NONCE.sub("", client.get(path).content.decode()) for path in PATHS]


def assert_same_pages(client, settings):
    from_index, from_sql = pages(client, settings, "on"), pages(client, settings, "off")
    for path, indexed, sql in zip(PATHS, from_index, from_sql, strict=True):
        assert indexed == sql, path


def test_the_pages_are_the_same_with_the_index(client, settings):
    make_studies(30)
    assert_same_pages(client, settings)
    assert count_in(pages(client, settings, "on")[0]) == 50


def test_the_counts_follow_committed_writes(client, settings, django_capture_on_commit_callbacks):
    make_studies(5)
    pages(client, settings, "on")  # built
    study = CaseStudy.objects.get(source_url=ART)
    with django_capture_on_commit_callbacks(execute=True):
        study.professions.add(Profession.objects.get(slug="dietitians"))
    assert_same_pages(client, settings)
    with django_capture_on_commit_callbacks(execute=True):
        study.settings.clear()
        study.status = Status.DRAFT
        study.save()
    html = pages(client, settings, "on")[0]
    assert count_in(html) == 24
    assert_same_pages(client, settings)
    with django_capture_on_commit_callbacks(execute=True):
        Setting.objects.get(slug="autism").delete()
        CaseStudy.objects.filter(slug="generated-0").delete()
    assert count_in(pages(client, settings, "on")[0]) == 23
    assert_same_pages(client, settings)


def test_an_uncommitted_write_leaves_the_index_as_it_was(client, settings):
    """No commit, no new version: the index still shows what was committed (here: the 20
    case studies of the content), as SQL would in any other transaction."""
    pages(client, settings, "on")
    CaseStudy.objects.filter(source_url=ART).update(status=Status.DRAFT)  # no signal, no commit
    assert count_in(pages(client, settings, "on")[0]) == 20
    assert count_in(pages(client, settings, "off")[0]) == 19


def test_a_scheduled_case_study_is_counted_once_its_time_comes(client, settings):
    study = CaseStudy.objects.get(source_url=ART)
    CaseStudy.objects.filter(pk=study.pk).update(
        published_at=timezone.now() + timezone.timedelta(seconds=1)
    )
    snapshot._kept.clear()  # as if built after that write was committed
    assert count_in(pages(client, settings, "on")[0]) == 19
    time.sleep(1.1)
    assert count_in(pages(client, settings, "on")[0]) == 20
    assert_same_pages(client, settings)


def test_the_index_saves_the_counting_query(client, settings, warm_layout):
    settings.FINDER_BITINDEX = "on"
    warm_layout()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get("/case-studies/")
        counts.append(len(queries))
    settings.FINDER_BITINDEX = "off"
    with CaptureQueriesContext(connection) as queries:
        client.get("/case-studies/")
    # Then: no counting query, and the vocabulary's three are not repeated. The first request
    # builds the index (the published set, the next scheduled case study and, on PostgreSQL,
    # the frequent words' matches) and keeps the vocabulary (its three queries, the next
    # scheduled case study and profession).
    steady = len(queries) - 1 - 3
    building = 3 if connection.vendor == "postgresql" else 2
    assert counts == [steady + building + 5, steady]


def test_auto_uses_it_only_with_a_shared_cache(settings):
    settings.FINDER_BITINDEX = "auto"
    assert not snapshot.enabled()  # tests use the local-memory cache
    settings.FINDER_BITINDEX = "on"
    assert snapshot.enabled()


def test_an_unreachable_shared_cache_means_sql_counts(client, settings):
    """A Redis nobody listens on (a closed port), through the backend REDIS_URL configures:
    the finder still answers, with the counts SQL gives, rather than from an index whose
    version it cannot read."""
    expected = pages(client, settings, "off")
    settings.CACHES = {
        "default": {
            "BACKEND": "toolkit.cache.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    settings.FINDER_BITINDEX = "auto"
    assert snapshot.enabled()
    assert pages(client, settings, "auto") == expected
    assert not snapshot._kept


def test_the_kept_vocabulary_follows_a_profession_unpublished_and_scheduled(
    client, settings, django_capture_on_commit_callbacks
):
    """The finder's options come from a vocabulary kept per process with the index: an
    unpublished profession leaves the facet once the write commits, and a scheduled one
    joins it when its time comes, as when the vocabulary was loaded for each request."""
    option = 'value="dietitians"'
    assert option in pages(client, settings, "on")[0]
    dietitians = Profession.objects.get(slug="dietitians")
    with django_capture_on_commit_callbacks(execute=True):
        dietitians.status = Status.DRAFT
        dietitians.save()
    assert option not in pages(client, settings, "on")[0]
    assert_same_pages(client, settings)
    Profession.objects.filter(pk=dietitians.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now() + timezone.timedelta(seconds=1)
    )
    snapshot._kept.clear()  # as if kept after that write was committed
    assert option not in pages(client, settings, "on")[0]
    time.sleep(1.1)
    assert option in pages(client, settings, "on")[0]
    assert_same_pages(client, settings)


def test_a_profession_published_later_is_an_option_that_filters(
    client, settings, django_capture_on_commit_callbacks
):
    """The finder's form is built once for each kept vocabulary: once a profession is
    published after a first page was served, choosing it filters the list (it is not ignored
    as an unknown option by a form built before)."""
    make_studies(30)
    dietitians = Profession.objects.get(slug="dietitians")
    with django_capture_on_commit_callbacks(execute=True):
        dietitians.status = Status.DRAFT
        dietitians.save()
    settings.FINDER_BITINDEX = "on"
    page = client.get("/case-studies/?profession=dietitians").content.decode()
    assert "we know, so it was left out" in page
    assert count_in(page) == 50
    with django_capture_on_commit_callbacks(execute=True):
        dietitians.status = Status.PUBLISHED
        dietitians.save()
    chosen = client.get("/case-studies/?profession=dietitians").content.decode()
    expected = CaseStudy.objects.published().filter(professions=dietitians).count()
    assert 0 < expected < 50
    assert count_in(chosen) == expected
    assert 'value="dietitians" checked' in chosen


def test_the_evidence_map_runs_no_counting_query_from_the_index(client, settings):
    def queries_of_map():
        with CaptureQueriesContext(connection) as queries:
            client.get("/case-studies/evidence-map/")
        return [query["sql"] for query in queries]  # read now: the next request resets them

    settings.FINDER_BITINDEX = "off"
    from_sql = queries_of_map()
    settings.FINDER_BITINDEX = "on"
    queries_of_map()  # builds the index and keeps the vocabulary
    from_index = queries_of_map()

    def of_the_map(queries):  # the vocabulary's and the counts' (not the navigation's)
        tables = ('SELECT "casestudies_', 'SELECT "professions_')
        return [sql for sql in queries if sql.startswith(tables)]

    assert len(of_the_map(from_sql)) == 4
    assert of_the_map(from_index) == []


WORD_SEARCHES = [
    "therapy",
    "THERAPY the",
    "the",
    "&",
    "& therapy",
    "dietitian",
    "dietitian &",
    "saving mental therapy",
    '"mental health" services',
    "therapy or art",
    "-therapy art",
    "therapy therapy",
    "art-therapy",
    "zzzznothing dietitian",
]


def test_word_searches_count_the_same_from_the_index(client, settings):
    """Each word's matches kept in the index, intersected, are what the words' one query
    matches: stop words, punctuation, names of tags, repeats, and (matched together, not one
    by one) phrases and operators."""
    make_studies(10)
    for words, extra in itertools.product(WORD_SEARCHES, ["&outcome=cost-saving", "&page=2"]):
        path = f"/case-studies/?q={words}{extra}"
        found = {}
        for mode in ("on", "off", "on"):  # the second "on" from the words kept
            settings.FINDER_BITINDEX = mode
            found.setdefault(mode, []).append(NONCE.sub("", client.get(path).content.decode()))
        assert found["on"][0] == found["off"][0] == found["on"][1], words


def test_a_search_of_words_already_seen_runs_no_query_for_them(client, settings):
    settings.FINDER_BITINDEX = "on"
    client.get("/case-studies/?q=health+mental")
    client.get("/case-studies/?q=therapy")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/case-studies/?q=mental+therapy+health").content.decode()
    word_queries = [q for q in queries if "toolkit_search_fts" in q["sql"] or "@@" in q["sql"]]
    assert count_in(html) > 0
    # counts from the words kept, and the page of results read by primary key
    assert word_queries == []


def test_a_frequent_word_is_read_with_the_index_on_postgresql(client, settings):
    """On PostgreSQL the matches of the words in 1 % of the documents or more are read when
    the index is built, so the first search for one reads no matches; a rare word's are read
    when first searched for. SQLite reads each word's matches when first searched for."""
    settings.FINDER_BITINDEX = "on"
    client.get("/case-studies/")  # built
    matches_read = []
    for words in ("therapy", "zzzznothing"):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"/case-studies/?q={words}").content.decode()
        matches_read.append(
            len([q for q in queries if "toolkit_search_fts" in q["sql"] or "@@" in q["sql"]])
        )
        if words == "therapy":
            assert count_in(html) > 0
    if connection.vendor == "postgresql":
        assert matches_read == [0, 1]
    else:
        assert matches_read == [1, 1]
