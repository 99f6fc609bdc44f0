"""The evidence pack (issue 15, item 1): the PDF (structure tree with pikepdf, text with
pdftotext) and the Word file (python-docx) of a filtered view hold every case study of that
view, with its source link, and nothing else; constant queries; the cap; bad input."""

import io
import json
import subprocess

import docx
import pikepdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx.oxml.ns import qn
from pikepdf import Name

from casestudies.models import CaseStudy
from tests.casestudies.helpers import make_studies, study_for, tags_as_printed
from tests.checklist.test_pdf_tagged import elements
from tests.content.test_content import COST
from tests.vnu import vnu_errors

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

FILTER = {"outcome": "cost-saving", "setting": "mental-health"}
PDF = "/case-studies/evidence-pack.pdf"
DOCX = "/case-studies/evidence-pack.docx"


@pytest.fixture
def expected():
    """The case studies of the filtered view, from the toolkit's printed tags."""
    studies = [study_for(url) for url, tags in tags_as_printed().items() if COST in tags]
    return {s.title: s for s in studies if s.settings.filter(slug="mental-health").exists()}


def finder_sentence(client, query):
    html = client.get("/case-studies/", query).content.decode()
    return html.split('id="filter-description">', 1)[1].split("<", 1)[0].strip()


def pdf_text(content, *pages) -> str:
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", "-raw", *first_last, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def link_targets(pdf) -> list[str]:
    return [
        str(annot.A.URI)
        for page in pdf.pages
        for annot in page.get("/Annots", [])
        if "/A" in annot and "/URI" in annot.A
    ]


@pytest.fixture
def pdf_response(client):
    response = client.get(PDF, FILTER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    return response


def test_the_pdf_is_tagged_with_its_title_and_language(pdf_response):
    pdf = pikepdf.open(io.BytesIO(pdf_response.content))
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert str(pdf.docinfo[Name.Title]) == "Evidence pack: AHP case studies"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    root = pdf.Root.StructTreeRoot
    assert len(elements(root, "/H1")) == 1
    assert elements(root, "/Link")


def test_the_pdf_holds_the_filtered_view_and_nothing_else(client, pdf_response, expected):
    assert len(expected) >= 3
    pdf = pikepdf.open(io.BytesIO(pdf_response.content))
    root = pdf.Root.StructTreeRoot
    for table in elements(root, "/Table"):
        headers = elements(table, "/THead")
        assert len(headers) == 1
        assert len(elements(headers[0], "/TH")) == 5  # title, publisher, professions…
    rows = sum(len(elements(body, "/TR")) for body in elements(root, "/TBody"))
    assert rows == len(expected)
    # one heading per case study, under the contents, the table and the section heading
    assert len(elements(root, "/H3")) == len(expected)

    cover = pdf_text(pdf_response.content, 1)
    sentence = finder_sentence(client, FILTER)
    assert sentence.startswith(f"{len(expected)} case studies with the outcome cost-saving")
    assert " ".join(sentence.split()) in " ".join(cover.split())
    assert "cost-saving" in cover and "mental health" in cover

    text = " ".join(pdf_text(pdf_response.content).split())
    assert "Page 1 of" in text and "Contents" in text
    targets = link_targets(pdf)
    for title, study in expected.items():
        assert " ".join(title.split()) in text
        assert study.source_url in "".join(text.split())  # the address in full
        assert study.source_url in targets
        assert f"http://testserver/case-studies/{study.slug}/" in targets
    others = CaseStudy.objects.published().exclude(pk__in=[s.pk for s in expected.values()])
    for other in others:
        assert other.source_url not in targets or other.source_url in {
            s.source_url for s in expected.values()
        }
        assert f"/case-studies/{other.slug}/" not in " ".join(targets)


def test_the_word_file_has_headings_a_table_and_links(client, expected):
    response = client.get(DOCX, FILTER)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(response.content))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles[0] == ("Title", "Evidence pack: AHP case studies")
    assert finder_sentence(client, FILTER) in [text for _, text in styles]
    assert [t for s, t in styles if s == "Heading 1"] == [
        "Contents",
        "Summary table",
        "Case studies",
    ]
    assert sorted(t for s, t in styles if s == "Heading 2") == sorted(expected)

    (table,) = document.tables
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["Title", "Publisher", "Professions", "Outcomes", "Settings"]
    rows = table.rows[1:]
    assert sorted(row.cells[0].text for row in rows) == sorted(expected)
    for row in rows:
        study = expected[row.cells[0].text]
        assert row.cells[1].text == study.publisher
        assert "Cost-saving" in row.cells[3].text
        assert "Mental health" in row.cells[4].text

    urls = [link.url for p in document.paragraphs for link in p.hyperlinks if link.url]
    texts = [p.text for p in document.paragraphs]
    for study in expected.values():
        assert study.source_url in urls
        assert study.source_url in texts  # the address in full, on a line of its own
        assert f"http://testserver/case-studies/{study.slug}/" in urls
    assert not any("<" in p for p in texts)  # summaries as text, never tags
    footer = document.sections[0].footer._element
    fields = [e.text.strip() for e in footer.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]  # page numbers, which Word fills in


def test_the_finder_links_to_the_pack_with_its_filter(client):
    html = client.get("/case-studies/", FILTER).content.decode()
    query = "outcome=cost-saving&amp;setting=mental-health"
    assert f'href="{PDF}?{query}"' in html
    assert f'href="{DOCX}?{query}"' in html
    assert "Download an evidence pack (PDF)" in html
    assert "Download an evidence pack (Word)" in html


@pytest.mark.parametrize("path", [PDF, DOCX])
def test_query_count_is_the_same_at_1_and_50_extra(client, path):
    counts = []
    for extra in (1, 55):
        CaseStudy.objects.filter(slug__startswith="generated-").delete()
        make_studies(extra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6


@pytest.mark.parametrize("path", [PDF, DOCX])
def test_above_the_cap_a_page_says_how_many_and_to_narrow(client, path, tmp_path):
    make_studies(200)
    total = CaseStudy.objects.published().count()
    assert total > 200
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert f"All {total} case studies" in html
    assert "Narrow the filter to 200 or fewer" in html
    assert 'class="nhsuk-header' in html
    assert vnu_errors({"too-many": response.content}, tmp_path) == []
    finder = client.get("/case-studies/").content.decode()
    assert f"narrow the filter to 200 case studies or fewer first (this list has {total})" in finder
    assert f'href="{path}' not in finder
    # a narrower filter is under the cap again
    assert client.get(path, FILTER)["Content-Type"] != "text/html; charset=utf-8"


BAD = [
    "profession=no-such-slug&outcome=cost-saving",
    "q=%00therapy%00",
    "outcome=cost%00saving",
    "q=%ff%fe%80",
    "profession=%ff",
    "q=" + "occupational+" * 500,
    "sort=%00&outcome_match=%ff&page=-1",
]


@pytest.mark.parametrize("query", BAD)
def test_bad_filter_values_behave_as_in_the_finder(client, query):
    finder = json.loads(client.get(f"/case-studies/export.json?{query}").getvalue())
    response = client.get(f"{DOCX}?{query}")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert titles == [row["title"] for row in finder["results"]]
    assert client.get(f"{PDF}?{query}").status_code == 200
