"""Checklist progress in a real browser: start, fill in (with and without JavaScript), leave and
come back through the link, share read-only, print, replace a link."""

import re

import pytest
from playwright.sync_api import expect

from checklist.models import Action, ActionProgress, ProgressRecord
from tests.browser.helpers import run_axe


def start_record(page, site):
    page.goto(site + "/checklist/")
    page.get_by_role("button", name="Start tracking your progress").click()
    expect(page).to_have_url(re.compile(r"/checklist/progress/[A-Za-z0-9_-]{43}/$"))
    return ProgressRecord.objects.get(edit_token=page.url.rstrip("/").rsplit("/", 1)[1])


def fill_action(page, number, *, status, owner="", date=None, notes=""):
    group = page.locator(f"#action-{number}")
    group.get_by_label(status, exact=True).check()
    group.get_by_label("Owner").fill(owner)
    if date:
        day, month, year = date
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill(month)
        group.get_by_label("Year").fill(year)
    group.get_by_label("Notes or evidence").fill(notes)


@pytest.fixture
def no_js(browser):
    context = browser.new_context(java_script_enabled=False, bypass_csp=True, locale="en-GB")
    yield context.new_page()
    context.close()


def test_without_javascript_start_fill_leave_and_come_back(no_js, site):
    page = no_js
    record = start_record(page, site)
    edit_url = page.url
    expect(page.locator("#edit-link")).to_have_text(edit_url)
    expect(page.get_by_role("button", name="Copy the editing link")).to_be_hidden()

    page.get_by_label("Organisation", exact=True).fill("Northshire Partnership Trust")
    fill_action(page, 1, status="Completed", owner="Director of AHPs", date=("31", "3", "2026"))
    fill_action(page, 2, status="In progress", owner="Workforce lead", notes="Mapping under way")
    fill_action(page, 3, status="In progress", notes="Agreed at May board")
    page.get_by_role("button", name="Save your progress").click()
    expect(page.get_by_text("Your progress was saved")).to_be_visible()
    expect(page.locator("[data-progress-summary]")).to_have_text("1 of 14 completed, 2 in progress")

    page.goto(site + "/")  # leave, then come back through the link
    page.goto(edit_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northshire Partnership Trust")
    expect(page.locator("#action-1").get_by_label("Owner")).to_have_value("Director of AHPs")
    expect(page.locator("#action-1").get_by_label("Year")).to_have_value("2026")
    expect(page.locator("#action-2").get_by_label("Notes or evidence")).to_have_value(
        "Mapping under way"
    )
    assert ActionProgress.objects.filter(record=record).count() == 3


def test_without_javascript_errors_are_summarised_and_input_kept(no_js, site):
    page = no_js
    start_record(page, site)
    fill_action(page, 5, status="In progress", owner="Kept", date=("31", "2", "2026"))
    page.get_by_role("button", name="Save your progress").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Action 5: Target date must be a real date")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator("#action-5").get_by_label("Owner")).to_have_value("Kept")
    summary.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile("#action-5-target_day$"))


def test_with_javascript_changes_save_as_you_go(page, site):
    record = start_record(page, site)
    expect(page.get_by_role("button", name="Copy the editing link")).to_be_visible()
    status = page.locator("[data-save-status]")
    page.locator("#action-4").get_by_label("Completed", exact=True).check()
    expect(status).to_contain_text("Your progress was saved")
    expect(page.locator("[data-progress-summary]")).to_have_text("1 of 14 completed, 0 in progress")
    page.locator("#action-4").get_by_label("Owner").fill("Chief AHP")
    page.locator("#action-4").get_by_label("Owner").blur()
    expect(status).to_contain_text("1 of 14 completed")
    expect(page.locator("input[name=action-4-version]")).to_have_value("2")
    saved = ActionProgress.objects.get(record=record, action__number=4)
    assert (saved.status, saved.owner, saved.version) == ("completed", "Chief AHP", 2)

    # A plain Save afterwards does not clash with the saves already made.
    page.locator("#action-6").get_by_label("In progress", exact=True).check()
    page.get_by_role("button", name="Save your progress").click()
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    expect(page.locator("[data-progress-summary]")).to_have_text("1 of 14 completed, 1 in progress")
    assert run_axe(page) == []


def test_autosave_never_reloads_the_page_when_a_save_is_refused(page, site):
    """Half a date is refused by the server: the page stays as it is, focus stays where the
    person is, and the save goes through once the date is whole (WCAG 3.2.2)."""
    record = start_record(page, site)
    page.evaluate("() => { window.__stillHere = true; }")
    status = page.locator("[data-save-status]")
    group = page.locator("#action-5")
    group.get_by_label("In progress", exact=True).check()
    expect(status).to_contain_text("Your progress was saved")
    group.get_by_label("Day").fill("31")
    group.get_by_label("Day").press("Tab")  # on to Month: the change is sent half-way through
    expect(status).to_contain_text("Not saved yet: Action 5: Target date must")
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__stillHere") is True
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    expect(group.get_by_label("Month")).to_be_focused()
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("2027")
    page.keyboard.press("Tab")
    expect(status).to_contain_text("Your progress was saved")
    assert page.evaluate("() => window.__stillHere") is True
    saved = ActionProgress.objects.get(record=record, action__number=5)
    assert str(saved.target_date) == "2027-03-31"


def test_read_only_link_print_and_replace_links(page, site):
    record = start_record(page, site)
    page.get_by_label("Organisation", exact=True).fill("Southdale Trust")
    fill_action(page, 7, status="Completed", owner="AHP lead", notes="Done")
    page.get_by_role("button", name="Save your progress").click()
    expect(page.get_by_text("Your progress was saved")).to_be_visible()
    edit_url = page.url
    shared_url = page.locator("#shared-link").inner_text()

    # A colleague opens the read-only link: they see the progress and cannot edit it.
    page.goto(shared_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Southdale Trust")
    expect(page.locator("#action-7")).to_contain_text("AHP lead")
    expect(page.locator("main form")).to_have_count(0)
    expect(page.locator("main input, main textarea")).to_have_count(0)
    assert run_axe(page) == []

    # The board paper, printed: no navigation or buttons, the page address shown.
    page.get_by_role("link", name="Print as a board paper").click()
    assert run_axe(page) == []
    page.emulate_media(media="print")
    expect(page.locator("header.nhsuk-header")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.locator(".app-no-print")).to_be_hidden()
    for button in page.locator("main button").all():
        expect(button).to_be_hidden()
    expect(page.locator(".app-paper-address")).to_contain_text(shared_url)
    expect(page.locator("#paper-action-7")).to_contain_text("Completed")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")

    # Replace both links: the old ones stop working.
    page.goto(edit_url)
    page.get_by_role("button", name="Replace the read-only link").click()
    expect(page.get_by_text("The read-only link has been replaced")).to_be_visible()
    assert page.goto(shared_url).status == 404
    page.goto(edit_url)
    page.get_by_role("button", name="Replace the editing link").click()
    expect(page.get_by_text("This page has a new address")).to_be_visible()
    new_edit_url = page.url
    assert new_edit_url != edit_url
    assert page.goto(edit_url).status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.goto(new_edit_url)
    expect(page.locator("#action-7").get_by_label("Owner")).to_have_value("AHP lead")
    record.refresh_from_db()
    assert new_edit_url.endswith(record.get_absolute_url())


def test_delete_the_record(page, site):
    record = start_record(page, site)
    page.get_by_role("link", name="Delete this progress record").click()
    assert run_axe(page) == []
    page.get_by_role("button", name="Delete this record").click()
    expect(page.get_by_text("Your progress record has been deleted")).to_be_visible()
    assert not ProgressRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize(
    "suffix",
    ["", "print/", "delete/", "shared", "shared-print"],
)
def test_no_axe_violations_on_filled_checklist_pages(page, site, suffix):
    record = ProgressRecord.objects.create(organisation="Northshire", area="Northshire ICS")
    first, second = Action.objects.order_by("number")[:2]
    record.items.create(action=first, status="completed", owner="Lead", notes="Done", version=1)
    record.items.create(action=second, status="in_progress", owner="Lead", version=1)
    if suffix.startswith("shared"):
        url = record.get_shared_url() + (
            "print/?since-day=1&since-month=1&since-year=2020" if suffix == "shared-print" else ""
        )
    else:
        url = record.get_absolute_url() + suffix
    page.goto(site + url)
    assert run_axe(page) == []
