"""The checklist PDF is tagged PDF (PDF/UA-1): read back with pikepdf, its structure tree has
one heading 1 and the table's header cells, and the document carries its title and language."""

import io

import pikepdf
import pytest
from pikepdf import Name

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def elements(node, kind):
    """The structure elements of type ``kind`` (e.g. "/TH") under ``node``, depth first."""
    found = []
    if isinstance(node, pikepdf.Array):
        for child in node:
            found += elements(child, kind)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == Name(kind):
            found.append(node)
        if "/K" in node:
            found += elements(node.K, kind)
    return found


@pytest.fixture
def pdf(client, record):
    response = client.get(record.get_absolute_url() + "progress.pdf")
    assert response.status_code == 200
    return pikepdf.open(io.BytesIO(response.content))


def test_the_pdf_is_tagged(pdf):
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked is True


def test_the_pdf_has_its_language_and_title(pdf, record):
    assert str(pdf.Root.Lang) == "en-GB"
    title = f"Checklist progress: {record.organisation}"
    assert str(pdf.docinfo[Name.Title]) == title
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_the_structure_has_one_heading_1_and_table_header_cells(pdf):
    root = pdf.Root.StructTreeRoot
    assert len(elements(root, "/H1")) == 1
    tables = elements(root, "/Table")
    assert tables
    # WeasyPrint tags a table that runs over a page break as one table per page, each with
    # the header row that is repeated on paper.
    for table in tables:
        headers = elements(table, "/THead")
        assert len(headers) == 1
        assert len(elements(headers[0], "/TH")) == 6  # Action, Status, … Last changed
    rows = sum(len(elements(body, "/TR")) for body in elements(root, "/TBody"))
    assert rows == 14  # one per action
