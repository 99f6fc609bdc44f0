"""The board paper printed by the browser (Chromium, print media, A4) reads like the PDF
WeasyPrint makes of it; the print view and the upload page at 375 and 1280 px; starting a
record from a file by keyboard alone, without JavaScript."""

import re
import subprocess
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from checklist.models import Action, ProgressRecord
from tests.browser.helpers import ARTIFACTS, run_axe
from tests.browser.rendered import sideways_scroll
from tests.checklist.test_board_paper import fill

BAD_CSV = b"Action number,Status,Notes\n1,Done,\n99,Completed," + b"x" * 300 + b"\n"


@pytest.fixture
def board(site):
    record = ProgressRecord.objects.create(
        organisation="Northshire Partnership Trust", area="Northshire ICS", completed_by="Jane Doe"
    )
    return fill(record)


def pages_of(pdf: bytes, tmp_path, name) -> list[str]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def facts(record) -> list[str]:
    """What both papers must say: each action's status, owner, overdue, the N/A reason."""
    values = []
    for item in record.items.select_related("action"):
        values += [item.get_status_display(), item.owner]
    return [*values, "Overdue", "We run no inpatient services", "Summary: 3 of 14 completed"]


def test_the_browser_print_and_the_pdf_start_the_table_on_page_1_and_say_the_same(
    page, site, board, tmp_path
):
    page.goto(site + board.get_shared_url() + "print/")
    page.emulate_media(media="print")
    expect(page.locator("header.nhsuk-header")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.locator("nav.nhsuk-breadcrumb")).to_be_hidden()
    expect(page.locator("form.app-since-form")).to_be_hidden()
    printed = pages_of(page.pdf(format="A4"), tmp_path, "browser")
    with urllib.request.urlopen(site + board.get_shared_url() + "progress.pdf") as response:
        weasy = pages_of(response.read(), tmp_path, "weasyprint")

    first, second = Action.objects.order_by("number").values_list("title", flat=True)[:2]
    for name, pages in [("browser", printed), ("pdf", weasy)]:
        assert len(pages) in (2, 3), name
        for number, text in enumerate(pages, start=1):
            assert "Northshire Partnership Trust, Northshire ICS" in text, (name, number)
            assert "Completed by Jane Doe · Printed" in text, (name, number)
            assert f"Page {number} of {len(pages)}" in text, (name, number)
        for title in (first, second):
            assert " ".join(title.split()[:5]) in pages[0], (name, title)
        whole = " ".join(pages)
        for fact in facts(board):
            assert fact in whole, (name, fact)
        assert board.get_shared_url() in "".join(whole.split())
    # The same rows on each page: the two papers break pages alike.
    for browser_page, pdf_page in zip(printed, weasy, strict=True):
        rows = re.compile(r"\b(\d{1,2})\. [A-Z]")
        assert rows.findall(browser_page) == rows.findall(pdf_page)


def test_the_printed_notes_column_is_wide_enough_to_read(page, site, board):
    page.goto(site + board.get_shared_url() + "print/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 px an inch
    notes = page.locator("#paper-action-1 [data-field=notes]")
    width = notes.bounding_box()["width"]
    assert width > 150  # about 25 characters a line at 8.5 pt, not one word
    line_height = float(notes.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert notes.bounding_box()["height"] / line_height < 8


@pytest.mark.parametrize("width", [375, 1280])
def test_print_view_and_upload_page_at_phone_and_desktop_widths(page, site, board, width):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + board.get_absolute_url() + "print/?since-day=1&since-month=1&since-year=2020")
    expect(page.get_by_role("heading", level=2, name=re.compile("Changes since"))).to_be_visible()
    assert sideways_scroll(page) is None
    assert run_axe(page) == []
    page.screenshot(path=str(ARTIFACTS / f"board-paper-{width}.png"), full_page=True)

    page.goto(site + "/checklist/start/from-file/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a new record from a file")
    assert sideways_scroll(page) is None
    assert run_axe(page) == []
    page.screenshot(path=str(ARTIFACTS / f"start-from-file-{width}.png"), full_page=True)

    # The page listing a bad file's problems by line.
    page.get_by_label("Upload a file").set_input_files(
        files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": BAD_CSV}]
    )
    page.get_by_role("button", name="Start the new record").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The file has 2 problems")
    assert sideways_scroll(page) is None
    assert run_axe(page) == []
    page.screenshot(path=str(ARTIFACTS / f"start-from-file-errors-{width}.png"), full_page=True)


def test_a_bad_since_date_is_shown_in_the_nhs_error_pattern(page, site, board):
    page.goto(site + board.get_shared_url() + "print/")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Show changes").click()
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("The date must be a real date")
    expect(page.locator("#since-error")).to_contain_text("The date must be a real date")
    expect(page.get_by_label("Day")).to_have_value("31")
    assert run_axe(page) == []
    summary.get_by_role("link").click()
    expect(page.get_by_label("Day")).to_be_focused()


def tab_to(page, locator, limit=80):
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("e => e === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_keyboard_only_without_javascript_start_a_record_from_a_file(no_js, site, board, tmp_path):
    page = no_js
    with urllib.request.urlopen(site + board.get_shared_url() + "progress.csv") as response:
        good = tmp_path / "northshire.csv"
        good.write_bytes(response.read())
    bad = tmp_path / "bad.csv"
    bad.write_text("Action number,Status\n1,Done\n", encoding="utf-8")

    page.goto(site + "/checklist/")
    link = page.get_by_role("link", name="Start a new record from a file")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/checklist/start/from-file/")

    def choose(path):
        field = page.get_by_label("Upload a file")
        page.wait_for_load_state("load")
        tab_to(page, field)
        # Space on the focused input opens the browser's file chooser; on a busy machine the
        # first press is sometimes lost, so press it again (still the keyboard, nothing else).
        for attempt in range(3):
            try:
                with page.expect_file_chooser(timeout=5000) as chooser:
                    page.keyboard.press("Space")
                break
            except PlaywrightTimeoutError:
                if attempt == 2:
                    raise
        chooser.value.set_files(path)
        tab_to(page, page.get_by_role("button", name="Start the new record"))
        page.keyboard.press("Enter")

    choose(bad)
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Line 2: Status must be")
    expect(page.get_by_role("table", name="Problems in the file")).to_contain_text("Line 2")
    assert ProgressRecord.objects.count() == 1

    choose(good)
    expect(page).to_have_url(re.compile(r"/checklist/progress/[A-Za-z0-9_-]{43}/$"))
    expect(page.get_by_text("Your new record was started from northshire.csv")).to_be_visible()
    new = ProgressRecord.objects.exclude(pk=board.pk).get()
    assert new.organisation == "Northshire Partnership Trust"
    assert new.items.count() == board.items.count()
