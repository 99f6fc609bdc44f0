"""The board paper as a PDF: a header on every page, the table from page 1, overdue and not
applicable in words, changes since a date, tagged PDF/UA; and the print view's queries."""

import datetime
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from django.utils import timezone

from checklist import services
from checklist.models import Action, ProgressRecord

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LONG_NOTE = (
    "Agreed at the May board; the workforce group reports back in the autumn. " * 3
).strip()


def fill(record, *, now=None):
    """All 14 actions: a mix of statuses, every target date in the past, action 3 not
    applicable with a reason, long notes."""
    items = []
    for action in Action.objects.order_by("number"):
        n = action.number
        status = "not_applicable" if n == 3 else ["completed", "in_progress", "not_started"][n % 3]
        items.append(
            services.ActionInput(
                action=action,
                base_version=0,
                status=status,
                owner=["Sam Patel", "Ali Khan", "Workforce lead"][n % 3],
                target_date=datetime.date(2026, 1 + n % 11, 10),
                notes=LONG_NOTE if n % 2 else "Short note",
                reason="We run no inpatient services" if n == 3 else "",
            )
        )
    services.progress_save(record=record, items=items, now=now)
    record.refresh_from_db()
    return record


@pytest.fixture
def board(record):
    record.area = "Northshire ICS"
    record.completed_by = "Jane Doe"
    record.save()
    return fill(record)


def pdf_pages(content: bytes, tmp_path) -> list[str]:
    path = tmp_path / "paper.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [
        " ".join(
            subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), path, "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        )
        for n in range(1, count + 1)
    ]


def test_every_page_has_the_header_and_page_1_starts_the_table(client, board, tmp_path):
    response = client.get(board.get_absolute_url() + "progress.pdf")
    pages = pdf_pages(response.content, tmp_path)
    assert len(pages) >= 2
    today = f"{timezone.localdate():%-d %B %Y}"
    for number, text in enumerate(pages, start=1):
        assert "Northshire Partnership Trust, Northshire ICS" in text, number
        assert f"Completed by Jane Doe · Printed {today}" in text, number
        assert f"Page {number} of {len(pages)}" in text, number
    first = pages[0]
    titles = list(Action.objects.order_by("number").values_list("title", flat=True)[:2])
    for title in titles:
        assert " ".join(title.split()[:6]) in first
    assert "Notes" in first and "Last changed" in first  # the table's header row


def test_the_summary_counts_each_status_and_the_overdue(client, board, tmp_path):
    text = " ".join(
        pdf_pages(client.get(board.get_shared_url() + "progress.pdf").content, tmp_path)
    )
    # By n % 3: completed 6, 9, 12 (3 is not applicable); in progress 1, 4, 7, 10, 13; not
    # started 2, 5, 8, 11, 14. Every target date has passed: the 10 unfinished are overdue.
    assert "Summary: 3 of 14 completed, 5 in progress" in text
    assert "Not started: 5 In progress: 5 Completed: 3 Not applicable: 1 Overdue: 10" in text


def test_overdue_and_not_applicable_are_in_words(client, board):
    html = client.get(board.get_absolute_url() + "print/").content.decode()
    row = re.search(r'id="paper-action-1".*?</tr>', html, re.DOTALL).group()
    assert "In progress" in row and ">Overdue<" in row
    completed = re.search(r'id="paper-action-6".*?</tr>', html, re.DOTALL).group()
    assert "Overdue" not in completed  # a completed action is never overdue
    na = re.search(r'id="paper-action-3".*?</tr>', html, re.DOTALL).group()
    assert "Not applicable" in na and "We run no inpatient services" in na
    assert "Overdue" not in na


def test_the_read_only_link_ends_the_paper_and_the_edit_link_is_nowhere(client, board, tmp_path):
    pages = pdf_pages(client.get(board.get_absolute_url() + "progress.pdf").content, tmp_path)
    squashed = "".join(pages[-1].split())
    assert f"Onlineversion(readonly):http://testserver{board.get_shared_url()}" in squashed
    assert board.edit_token not in "".join("".join(pages).split())


def test_changes_since_a_date_in_the_print_view_and_the_pdf(client, record, tmp_path):
    record.completed_by = "Jane Doe"
    record.save()
    fill(record, now=timezone.now() - datetime.timedelta(days=20))
    item = record.items.get(action__number=2)
    services.progress_save(
        record=record,
        items=[
            services.ActionInput(
                action=item.action,
                base_version=item.version,
                status=item.status,
                owner="Ali Khan",
                target_date=item.target_date,
                notes=item.notes,
            )
        ],
    )
    since = timezone.localdate() - datetime.timedelta(days=5)
    query = f"since-day={since.day}&since-month={since.month}&since-year={since.year}"
    html = client.get(f"{record.get_absolute_url()}print/?{query}").content.decode()
    assert f'href="{record.get_absolute_url()}progress.pdf?{query.replace("&", "&amp;")}"' in html
    changes = html.split('id="changes"')[1]
    assert "Owner: Workforce lead → Ali Khan" in changes and "Completed by Jane Doe" in changes
    text = " ".join(
        pdf_pages(client.get(f"{record.get_absolute_url()}progress.pdf?{query}").content, tmp_path)
    )
    assert f"Changes since {since:%-d %B %Y}" in text
    assert "Owner: Workforce lead → Ali Khan" in text
    assert "Target date" not in text.split("Changes since")[1]  # only what changed


def test_the_pdf_is_tagged_pdf_ua(client, board):
    pdf = pikepdf.open(io.BytesIO(client.get(board.get_absolute_url() + "progress.pdf").content))
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked is True
    with pdf.open_metadata() as xmp:
        assert xmp.get("pdfuaid:part") == "1"


def test_the_page_header_stylesheet_cannot_be_broken_out_of(client, record):
    record.organisation = 'Trust"; } body { display: none } @page { x: "'
    record.area = "Area\\ICS\n</style>"
    record.save()
    css = client.get(record.get_shared_url() + "print/page.css")
    assert css["Content-Type"] == "text/css; charset=utf-8"
    body = css.content.decode()
    strings = re.findall(r'"[^"]*"', body)
    outside = re.sub(r'"[^"]*"', "", body)
    assert outside.count("{") == 3 and outside.count("}") == 3  # @page and its two boxes
    assert "display" not in outside and "<" not in body and "\n" not in body
    assert any("Trust" in s for s in strings)


def test_the_browser_print_and_the_pdf_use_the_same_column_widths():
    pdf_css = (ROOT / "checklist" / "pdf.css").read_text()
    scss = (ROOT / "static" / "scss" / "_paper.scss").read_text()
    in_pdf = dict(re.findall(r"\.app-paper-col--(\w+) \{ width: (\d+)%; \}", pdf_css))
    in_scss = dict(re.findall(r'"(\w+)": (\d+)%', scss))
    assert len(in_pdf) == 6 and in_pdf == in_scss
    assert sum(map(int, in_pdf.values())) == 100
    for rule in ["size: A4", "margin: 16mm 12mm 14mm", "font-size: 8.5pt"]:
        assert rule in pdf_css and rule in scss


@pytest.mark.parametrize("size", [1, 50])
def test_the_print_view_takes_constant_queries(
    client, size, django_assert_num_queries, warm_layout
):
    """At 1 and 50 records (each filled in, 14 changes each), the printed one with 1 or 50
    more saves since the date shown: the same number of queries."""
    for n in range(size):
        fill(ProgressRecord.objects.create(organisation=f"Trust {n}"))
    record = ProgressRecord.objects.order_by("pk").last()
    for n in range(size):
        item = record.items.get(action__number=1 + n % 14)
        services.progress_save(
            record=record,
            items=[
                services.ActionInput(
                    action=item.action,
                    base_version=item.version,
                    status=item.status,
                    owner=f"Owner {n}",
                    target_date=item.target_date,
                    notes=item.notes,
                    reason=item.reason,
                )
            ],
        )
    since = timezone.localdate()
    url = (
        f"{record.get_shared_url()}print/?since-day={since.day}"
        f"&since-month={since.month}&since-year={since.year}"
    )
    warm_layout()
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="app-history__group"') == 14
    assert html.count('class="app-history__item"') == 14 + size
