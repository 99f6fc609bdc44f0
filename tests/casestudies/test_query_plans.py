"""How the database reads a page of the finder: from the index in title order, not by sorting
every published case study (the planner's choice, checked with EXPLAIN)."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.utils import timezone

from casestudies.finder.filters import case_study_filter
from casestudies.finder.page import PER_PAGE, RESULT_COLUMNS
from casestudies.models import CaseStudy
from editorial.publishing import Status

pytestmark = pytest.mark.django_db

SQLITE = connection.vendor == "sqlite"


@pytest.fixture
def many():
    CaseStudy.objects.bulk_create(
        CaseStudy(
            title=f"Generated {i:04}",
            slug=f"generated-{i}",
            source_url="https://example.org/",
            status=Status.PUBLISHED,
            published_at=timezone.now() - timedelta(days=i),
        )
        for i in range(300)
    )


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if SQLITE:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " | ".join(row[-1] for row in cursor.fetchall())
        # PostgreSQL chooses by table statistics, and a small test table is best scanned
        # whole: check that the same index can serve the query without a sort step.
        with transaction.atomic():
            cursor.execute("ANALYZE casestudies_casestudy")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            return " | ".join(row[0] for row in cursor.fetchall())


def first_page(query=""):
    finder = case_study_filter(QueryDict(query))
    return finder.qs.values_list(*RESULT_COLUMNS)[:PER_PAGE]


def test_a_page_in_title_order_is_read_from_the_title_index_without_sorting(many):
    plan = plan_of(first_page())
    assert "casestudy_title_idx" in plan
    assert "TEMP B-TREE" not in plan  # SQLite's sort step
    assert "Sort" not in plan  # PostgreSQL's


@pytest.mark.parametrize("query", ["profession=dietitians&outcome=cost-saving", "q=therapy"])
def test_a_filtered_page_walks_the_title_index_on_sqlite(many, query):
    """SQLite has no statistics here and would otherwise sort every published row; PostgreSQL
    rightly sorts the few rows its statistics expect, and is given plain SQL."""
    queryset = first_page(query)
    plan = plan_of(queryset)
    if SQLITE:
        assert "casestudy_title_idx" in plan
        assert "TEMP B-TREE" not in plan
    else:
        sql, _ = queryset.query.sql_with_params()
        assert '+"casestudies_casestudy"' not in sql


def test_newest_first_is_read_from_the_publication_index(many):
    plan = plan_of(first_page("sort=newest"))
    assert "casestudy_published_idx" in plan


def test_a_future_publication_date_still_keeps_a_case_study_out(client):
    CaseStudy.objects.create(
        title="Scheduled study",
        source_url="https://example.org/scheduled",
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    assert not CaseStudy.objects.published().filter(title="Scheduled study").exists()
    assert "Scheduled study" not in client.get("/case-studies/?q=scheduled").content.decode()
    assert client.get("/case-studies/scheduled-study/").status_code == 404
