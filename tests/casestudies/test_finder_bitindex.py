"""The finder's facet counts from the per-process bitset index (casestudies/finder/bitindex.py)
are the ones SQL gives, and follow every write once it is committed."""

import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casestudies.finder import bitindex
from casestudies.models import CaseStudy
from editorial.publishing import Status
from professions.models import Profession, Setting
from tests.casestudies.helpers import ART, count_in, make_studies

pytestmark = pytest.mark.django_db

NONCE = re.compile(r' nonce="[^"]*"')
PATHS = [
    "/case-studies/",
    "/case-studies/?profession=occupational-therapists&outcome=cost-saving",
    "/case-studies/?outcome=cost-saving&outcome=positive-patient-outcome&outcome_match=all",
    "/case-studies/?profession=dietitians&profession=paramedics&setting=autism",
    "/case-studies/?kind=case_study&outcome=cost-saving&sort=newest",
    "/case-studies/?profession=no-such-profession&outcome_match=all",
    "/case-studies/?q=therapy&outcome=cost-saving",  # words: SQL, whatever the mode
]


@pytest.fixture(autouse=True)
def fresh_indexes():
    bitindex._indexes.clear()  # each test's data is rolled back, never committed
    yield
    bitindex._indexes.clear()


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
    bitindex._indexes.clear()  # as if built after that write was committed
    assert count_in(pages(client, settings, "on")[0]) == 19
    time.sleep(1.1)
    assert count_in(pages(client, settings, "on")[0]) == 20
    assert_same_pages(client, settings)


def test_the_index_saves_the_counting_query(client, settings):
    settings.FINDER_BITINDEX = "on"
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get("/case-studies/")
        counts.append(len(queries))
    settings.FINDER_BITINDEX = "off"
    with CaptureQueriesContext(connection) as queries:
        client.get("/case-studies/")
    # the first builds it (the published set, the next scheduled one) instead of counting
    assert counts == [len(queries) + 1, len(queries) - 1]


def test_auto_uses_it_only_with_a_shared_cache(settings):
    settings.FINDER_BITINDEX = "auto"
    assert not bitindex.enabled()  # tests use the local-memory cache
    settings.FINDER_BITINDEX = "on"
    assert bitindex.enabled()


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
    assert bitindex.enabled()
    assert pages(client, settings, "auto") == expected
    assert not bitindex._indexes
