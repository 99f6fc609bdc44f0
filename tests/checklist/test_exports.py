"""The board paper: print view, PDF and CSV carry the same data as the page."""

import csv
import datetime
import io
import re
import subprocess
from html import unescape

import pytest
from django.utils import timezone

from checklist.models import ActionProgress, ProgressChange
from editorial import spreadsheets

pytestmark = pytest.mark.django_db

OWNERS = ["Director of AHPs", "Chief AHP", "Workforce lead", '=HYPERLINK("http://x")']


@pytest.fixture
def filled(client, record, open_form, save_action):
    """A record with all 14 actions filled in with short notes, each on its own page."""
    for number in range(1, 15):
        response = save_action(
            record,
            number,
            {
                "status": ["completed", "in_progress", "not_started"][number % 3],
                "owner": OWNERS[number % len(OWNERS)],
                "target_day": str(number),
                "target_month": "6",
                "target_year": "2026",
                "notes": f"Short note on action {number}: agreed at the May board.",
            },
        )
        assert response.status_code == 302
    data = open_form(record)
    data["details-area"] = "Northshire ICS"
    assert client.post(record.get_absolute_url(), data).status_code == 302
    return record


def page_rows(html):
    """(number, status, overdue, owner, target date, reason, notes) from the print view's
    table: each value is the whole text of the element marked with its data-field."""
    rows = {}
    for number, cells in re.findall(
        r'<tr id="paper-action-(\d+)"[^>]*>(.*?)</tr>', html, flags=re.DOTALL
    ):
        values = dict(
            re.findall(
                r'data-field="(\w+)"[^>]*>(.*?)</(?:td|span|strong|div)>', cells, flags=re.DOTALL
            )
        )
        rows[int(number)] = {k: unescape(v).strip() for k, v in values.items()}
    return rows


def test_print_view_has_everything_a_board_paper_needs(client, filled):
    for path in [filled.get_absolute_url() + "print/", filled.get_shared_url() + "print/"]:
        html = client.get(path).content.decode()
        assert "Northshire Partnership Trust" in html and "Northshire ICS" in html
        assert "4 of 14 completed, 5 in progress" in html
        # The summary by status: every target date (June 2026) has passed.
        for label, count in [("Not started", 5), ("In progress", 5), ("Completed", 4)]:
            assert f"{label}: <strong>{count}</strong>" in html
        assert "Overdue: <strong>10</strong>" in html
        assert f"http://testserver{filled.get_shared_url()}" in html
        paper = html.split("<h1")[1].split("</main>")[0]
        assert filled.edit_token not in paper  # the paper never carries the editing link
        rows = page_rows(html)
        assert len(rows) == 14
        assert rows[1]["owner"] == "Chief AHP" and rows[1]["target_date"] == "1 June 2026"


def test_the_csv_carries_the_same_data_as_the_page(client, filled):
    rows = page_rows(client.get(filled.get_shared_url() + "print/").content.decode())
    response = client.get(filled.get_shared_url() + "progress.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert len(table) == 14
    for line in table:
        row = rows[int(line["Action number"])]
        assert line["Status"] == row["status"]
        assert line["Overdue"] == row.get("overdue", "")
        assert line["Owner"].removeprefix("'") == row["owner"]
        target = datetime.date.fromisoformat(line["Target date"])
        assert f"{target.day} June {target.year}" == row["target_date"]
        assert line["Notes"] == row["notes"]
        assert line["Organisation"] == "Northshire Partnership Trust"


def test_the_csv_cannot_run_formulas():
    for dangerous in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"]:
        assert spreadsheets.cell(dangerous) == "'" + dangerous
    assert spreadsheets.cell("Director") == "Director"
    assert spreadsheets.cell(None) == ""


def test_the_csv_escapes_an_injected_owner(client, filled):
    body = client.get(filled.get_absolute_url() + "progress.csv").content.decode()
    assert "'=HYPERLINK" in body and ",=HYPERLINK" not in body


def test_the_pdf_carries_the_same_data_and_fits_two_a4_pages(client, filled, tmp_path):
    rows = page_rows(client.get(filled.get_absolute_url() + "print/").content.decode())
    response = client.get(filled.get_absolute_url() + "progress.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "progress.pdf"
    pdf.write_bytes(response.content)

    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 2
    assert "595.276 x 841.89 pts (A4)" in info

    text = subprocess.run(
        ["pdftotext", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Northshire Partnership Trust" in flat
    assert "4 of 14 completed, 5 in progress" in flat
    assert f"http://testserver{filled.get_shared_url()}" in "".join(text.split())
    squashed = "".join(text.split())  # a long value may wrap anywhere in its cell
    for number, row in rows.items():
        for value in row.values():
            assert "".join(value.split()) in squashed, (number, value)


def since_query(day: datetime.date) -> dict:
    return {"since-day": day.day, "since-month": day.month, "since-year": day.year}


def test_changes_since_a_date(client, filled, save_action):
    ProgressChange.objects.filter(record=filled).update(
        changed_at=timezone.now() - datetime.timedelta(days=10)
    )
    save_action(filled, 2, {"status": "completed"})  # action 2 was "not started"
    since = timezone.localdate() - datetime.timedelta(days=3)
    html = client.get(f"{filled.get_shared_url()}print/", since_query(since)).content.decode()
    changes = html.split('id="changes"')[1]
    assert "2. " in changes and "Status: Not started → Completed" in changes
    assert "1. " not in changes  # unchanged since then
    assert ActionProgress.objects.get(record=filled, action__number=2).version == 2


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("yesterday", "", "", "must include a month and year"),
        ("1", "13", "2025", "must be a real date"),
        ("31", "3", "25", "must be a real date"),
        ("1", "1", "9999", "must be today or in the past"),
        ("x" * 500, "x" * 500, "x" * 500, "must be a real date"),
    ],
)
def test_a_bad_changes_since_date_is_a_clear_message(client, filled, day, month, year, message):
    query = {"since-day": day, "since-month": month, "since-year": year}
    response = client.get(f"{filled.get_absolute_url()}print/", query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert f"The date {message}" in html
    assert len(page_rows(html)) == 14
    assert client.get(f"{filled.get_absolute_url()}progress.pdf", query).status_code == 200
