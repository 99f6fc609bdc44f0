"""Constant queries and valid HTML in every state of the finder."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.models import CaseStudy
from tests.casestudies.helpers import ART, make_studies
from tests.vnu import vnu_errors

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# -- constant queries ------------------------------------------------------------------------


FILTERED = (
    "/case-studies/?profession=occupational-therapists&outcome=cost-saving&q=therapy&sort=outcomes"
)


@pytest.mark.parametrize(
    "path",
    [
        "/case-studies/",
        FILTERED,
        "/case-studies/?outcome=cost-saving&outcome=positive-patient-outcome&outcome_match=all",
        "/case-studies/?profession=dietitians&setting=autism&q=zzzqqq",
        "/case-studies/?page=99",
        "/case-studies/export.csv",
        "/case-studies/export.json?setting=mental-health",
        "/case-studies/feed/",
        "/case-studies/evidence-map/",
    ],
)
def test_query_count_is_the_same_at_1_and_200_extra(client, django_assert_max_num_queries, path):
    counts = []
    for extra in (1, 200):
        CaseStudy.objects.filter(slug__startswith="generated-").delete()
        make_studies(extra)
        with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            assert response.status_code == (404 if "page=99" in path else 200)
            response.getvalue()  # a streamed export runs its row query as it is read
        counts.append(len(queries))
        assert not any("DISTINCT" in q["sql"] for q in queries.captured_queries)
    assert counts[0] == counts[1]


def test_detail_query_count_is_constant(client, django_assert_max_num_queries):
    study = CaseStudy.objects.get(source_url=ART)
    counts = []
    for extra in (1, 200):
        CaseStudy.objects.filter(slug__startswith="generated-").delete()
        make_studies(extra)
        with django_assert_max_num_queries(7), CaptureQueriesContext(connection) as queries:
            client.get(study.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]


# -- valid HTML in the finder's states -------------------------------------------------------


def test_the_finder_is_valid_html_in_every_state(client, tmp_path):
    make_studies(45)
    pages = {
        name: client.get("/case-studies/", query).content
        for name, query in {
            "filtered": {"profession": ["occupational-therapists", "physiotherapists"]},
            "empty": {"outcome": "improve-and-establish-health-equity", "setting": "autism"},
            "empty-words": {"q": "zzzqqq", "kind": "report"},
            "page-2": {"page": 2},
            "past-the-end": {"page": 99},
        }.items()
    }
    assert vnu_errors(pages, tmp_path) == []
