"""A system view as a paper: the CSV's cells, the PDF's text (pdftotext) and structure
(pikepdf, tagged like a record's PDF), and the same number of queries for 1 and 50 records."""

import csv
import io
import subprocess

import pikepdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pikepdf import Name

from checklist import services, systems
from checklist.models import ProgressRecord
from tests.checklist.test_pdf_tagged import elements
from tests.checklist.test_systems import HOST, make_record, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def system(client, three):
    response = start(client, "Northshire ICS", [HOST + r.get_shared_url() for r in three])
    assert response.status_code == 302
    return systems.SystemView.objects.get()


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("link", ["edit", "read"])
def test_the_csv_holds_the_table(client, system, three, link):
    base = system.get_absolute_url() if link == "edit" else system.get_shared_url()
    response = client.get(base + "system.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'attachment; filename="checklist-system-northshire-ics-' in response["Content-Disposition"]
    )
    rows = read_csv(response)
    assert rows[0][:6] == [
        "Organisation",
        "Area or ICS",
        "Read-only link",
        "Completed",
        "Overdue",
        "1. Identify who the 14 AHPs in your mental health and learning disability services are",
    ]
    assert len(rows[0]) == 5 + 14
    north = rows[1]
    assert north[:5] == [
        "Northshire Partnership NHS Foundation Trust",
        "Northshire ICS",
        HOST + three[0].get_shared_url(),
        "1",
        "1",
    ]
    assert north[5:9] == ["Completed", "In progress, overdue", "Not applicable", "Not started"]
    assert rows[3][0] == "Eastfield Mental Health Services"
    assert rows[3][8:10] == ["In progress, overdue", "Not started, overdue"]
    totals = {row[0]: row[5:] for row in rows[4:]}
    assert totals["Organisations completed"][:3] == ["2", "1", "0"]
    assert totals["Organisations in progress"][:4] == ["0", "1", "0", "1"]
    assert totals["Organisations overdue"][:5] == ["0", "1", "0", "1", "1"]
    assert totals["Organisations not applicable"][:3] == ["0", "0", "1"]
    assert system.edit_token not in response.content.decode()


def test_the_csv_marks_no_longer_shared_and_neutralises_formulas(client, system, three):
    three[0].organisation = '=HYPERLINK("http://evil")'
    three[0].save()
    services.progress_record_delete(record=three[1])
    rows = read_csv(client.get(system.get_shared_url() + "system.csv"))
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[2][:3] == ["No longer shared", "", HOST + three[1].get_shared_url()]


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's words in the order they are drawn (-raw): cell by cell, row by row."""
    path = tmp_path / "system.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-raw", path, "-"], capture_output=True, text=True, check=True
    )
    return " ".join(text.stdout.split())


def test_the_pdf_says_what_the_page_says(client, system, three, tmp_path):
    services.progress_link_replace(record=three[1], link="read")
    response = client.get(system.get_shared_url() + "system.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "System view: Northshire ICS" in text  # the page header
    assert "Page 1 of 1" in text
    assert "AHP toolkit checklist: system view" in text
    assert "2 organisations: 1 of 28 actions completed, 3 overdue; 1 link no longer shared" in text
    for words in [
        "Northshire Partnership NHS Foundation Trust",
        "Eastfield Mental Health Services",
        "No longer shared",
        "Not applicable",
        "Overdue",
        "Organisations completed",
        "Action 14: Support leadership development",
        # Northshire's row, cell by cell.
        "Northshire Partnership NHS Foundation Trust Northshire ICS 1 of 14 1 Completed "
        "In progress Overdue Not applicable Not started",
    ]:
        assert words in text, words
    assert "Southdale" not in text
    assert system.get_shared_url() in "".join(text.split())


def test_the_pdf_is_tagged_a4_landscape(client, system):
    response = client.get(system.get_absolute_url() + "system.pdf")
    pdf = pikepdf.open(io.BytesIO(response.content))
    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert str(pdf.docinfo[Name.Title]) == "Checklist system view: Northshire ICS"
    width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
    assert width > height  # landscape
    root = pdf.Root.StructTreeRoot
    assert len(elements(root, "/H1")) == 1
    for table in elements(root, "/Table"):
        headers = elements(table, "/THead")
        assert len(headers) == 1
        assert len(elements(headers[0], "/TH")) == 3 + 14
    body_rows = sum(len(elements(body, "/TR")) for body in elements(root, "/TBody"))
    assert body_rows == 3  # one an organisation (the totals are the table's foot)


def test_the_print_view_has_the_table_and_the_page_header(client, system):
    response = client.get(system.get_shared_url() + "print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{system.get_shared_url()}print/page.css"' in html
    assert "Eastfield Mental Health Services" in html
    css = client.get(system.get_shared_url() + "print/page.css")
    assert css["Content-Type"] == "text/css; charset=utf-8"
    assert "size: A4 landscape" in css.content.decode()


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("suffix", ["", "print/", "system.csv"])
def test_queries_are_the_same_for_1_and_50_records(client, warm_layout, suffix):
    warm_layout()
    counts = []
    for size in (1, 50):
        records = [
            make_record(f"Trust {size}-{n}", {1: "completed", 2: "in_progress"}, overdue=(2,))
            for n in range(size)
        ]
        system = systems.system_view_create(
            client=f"10.0.0.{size}", name=f"ICS {size}", tokens=[r.read_token for r in records]
        )
        for url in (system.get_absolute_url(), system.get_shared_url()):
            counts.append((size, queries(client, url + suffix)))
        assert ProgressRecord.objects.filter(organisation__startswith=f"Trust {size}-").count() == (
            size
        )
    small = {count for size, count in counts if size == 1}
    large = {count for size, count in counts if size == 50}
    assert small == large, counts
