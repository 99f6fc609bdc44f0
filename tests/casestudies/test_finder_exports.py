"""The finder's exports, feed and print version: the whole filtered set."""

import csv
import io
import json
import re

import pytest

from casestudies.finder import exports
from casestudies.models import CaseStudy
from editorial.publishing import Status
from tests.casestudies.helpers import ART, make_studies, study_for, tags_as_printed
from tests.content.test_content import COST

pytestmark = pytest.mark.django_db

# -- exports and feed ------------------------------------------------------------------------


def test_csv_export_is_the_whole_filtered_set(client):
    response = client.get("/case-studies/export.csv", {"outcome": "cost-saving"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.getvalue().decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    assert list(rows[0]) == [
        "title", "slug", "url", "source_url", "publisher", "professions", "outcomes", "settings", "kind", "summary",
        "source_year", "evaluated", "costed",
    ]  # fmt: skip
    expected = {study_for(u).slug for u, t in tags_as_printed().items() if COST in t}
    assert {row["slug"] for row in rows} == expected
    small = next(
        row
        for row in rows
        if row["slug"] == study_for("https://www.rcot.co.uk/small-change-big-impact").slug
    )
    assert small["url"] == f"http://testserver/case-studies/{small['slug']}/"
    assert "Cost-saving; " in small["outcomes"] or small["outcomes"].endswith("Cost-saving")
    assert "<" not in small["summary"]
    make_studies(30)
    all_rows = list(
        csv.DictReader(io.StringIO(client.get("/case-studies/export.csv").getvalue().decode()[1:]))
    )
    assert len(all_rows) == 50  # not one page: every match


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_csv_cells_cannot_run_as_formulas(client, start):
    study = CaseStudy.objects.get(source_url=ART)
    study.title = f'{start}HYPERLINK("http://evil.example")'
    study.publisher = f"{start}1+1"
    study.save()
    body = client.get("/case-studies/export.csv").getvalue().decode()[1:]
    row = next(r for r in csv.DictReader(io.StringIO(body)) if r["slug"] == study.slug)
    assert row["title"].startswith("'" + start)
    assert row["publisher"].startswith("'" + start)


def test_json_export(client):
    data = json.loads(
        client.get(
            "/case-studies/export.json",
            {"profession": "occupational-therapists", "outcome": "cost-saving"},
        ).getvalue()
    )
    assert data["count"] == 3 == len(data["results"])
    assert data["filters"]["profession"] == ["occupational-therapists"]
    assert data["filters"]["outcome"] == ["cost-saving"]
    result = data["results"][0]
    assert set(result) == {
        "title", "slug", "url", "source_url", "publisher", "professions", "outcomes", "settings", "kind", "summary",
        "source_year", "evaluated", "costed",
    }  # fmt: skip
    assert "Occupational therapists" in result["professions"]
    assert isinstance(result["outcomes"], list)


def test_atom_feed_of_the_filtered_set(client):
    response = client.get("/case-studies/feed/", {"outcome": "cost-saving"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert xml.count("<entry>") == 5
    assert 'rel="self"' in xml and "outcome=cost-saving" in xml
    page = client.get("/case-studies/", {"outcome": "cost-saving"}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/case-studies/feed/?outcome=cost-saving"' in page


def test_drafts_are_left_out_of_exports_and_feed(client):
    study = CaseStudy.objects.get(source_url=ART)
    study.status = Status.DRAFT
    study.save()
    assert study.slug not in client.get("/case-studies/export.csv").getvalue().decode()
    assert json.loads(client.get("/case-studies/export.json").getvalue())["count"] == 19
    assert study.title not in client.get("/case-studies/feed/").content.decode()
    assert (
        "/case-studies/evidence-map/"
        and ">19<" in client.get("/case-studies/evidence-map/").content.decode()
    )


def test_exports_are_streamed_and_complete(client):
    """More rows than one database fetch (exports.CHUNK) and many write batches: every
    published case study once, the header once, the count right, and a draft left out."""
    CaseStudy.objects.bulk_create(
        CaseStudy(
            title=f"Streamed {i:05}",
            slug=f"streamed-{i}",
            source_url="https://example.org/",
            status=Status.DRAFT if i == 7 else Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
        )
        for i in range(exports.CHUNK + 101)
    )
    published = set(CaseStudy.objects.published().values_list("slug", flat=True))
    assert len(published) == exports.CHUNK + 100 + 20

    response = client.get("/case-studies/export.csv")
    assert response.streaming is True
    body = response.getvalue().decode("utf-8")
    assert body.startswith("\ufeff") and body.count("\ufeff") == 1
    lines = body[1:].splitlines()
    assert lines.count(",".join(exports.CSV_COLUMNS)) == 1 and lines[0].startswith("title,")
    slugs = [row["slug"] for row in csv.DictReader(io.StringIO(body[1:]))]
    assert len(slugs) == len(published) and set(slugs) == published
    assert "streamed-7" not in slugs

    response = client.get("/case-studies/export.json")
    assert response.streaming is True
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.getvalue())
    slugs = [result["slug"] for result in data["results"]]
    assert data["count"] == len(slugs) == len(published) and set(slugs) == published


@pytest.mark.parametrize("q", ["zzzqqq", ":"])  # no match; no word at all to search for
def test_an_empty_export_is_still_a_whole_file(client, q):
    data = json.loads(client.get("/case-studies/export.json", {"q": q}).getvalue())
    assert data["results"] == [] and data["count"] == 0
    assert data["filters"]["q"] == q
    body = client.get("/case-studies/export.csv", {"q": q}).getvalue().decode()
    assert body == "\ufeff" + ",".join(exports.CSV_COLUMNS) + "\r\n"


# -- print -----------------------------------------------------------------------------------


def test_print_version_shows_date_description_and_full_source_urls(client):
    html = client.get("/case-studies/", {"outcome": "cost-saving"}).content.decode()
    assert re.search(
        r'class="app-print-only" id="print-header">Printed on \d+ \w+ \d{4} from http://testserver/case-studies/\?outcome=cost-saving',
        html,
    )
    assert "Source: https://www.rcot.co.uk/small-change-big-impact" in html
    assert 'class="nhsuk-grid-column-one-third app-no-print"' in html
