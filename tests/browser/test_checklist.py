"""Checklist progress in a real browser, by keyboard: start, work through the task list (with and
without JavaScript), leave and come back through the link, share read-only, print, replace a
link."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from checklist.models import Action, ActionProgress, ProgressRecord
from tests.browser.helpers import press, run_axe, type_into


def start_record(page, site):
    page.goto(site + "/checklist/")
    press(page.get_by_role("button", name="Start tracking your progress"))
    expect(page).to_have_url(re.compile(r"/checklist/progress/[A-Za-z0-9_-]{43}/$"))
    return ProgressRecord.objects.get(edit_token=page.url.rstrip("/").rsplit("/", 1)[1])


def open_action(page, number):
    press(page.locator(".nhsuk-task-list__link").nth(number - 1))
    expect(page).to_have_url(re.compile(rf"/actions/{number}/$"))


def fill_action(page, *, status, owner="", date=None, notes=""):
    press(page.get_by_label(status, exact=True), "Space")
    if owner:
        type_into(page.get_by_label("Owner"), owner)
    if date:
        for label, value in zip(("Day", "Month", "Year"), date, strict=True):
            type_into(page.get_by_label(label, exact=True), value)
    if notes:
        type_into(page.get_by_label("Notes or evidence"), notes)


def past_date():
    day = datetime.date.today() - datetime.timedelta(days=30)
    return str(day.day), str(day.month), str(day.year)


def test_without_javascript_by_keyboard_complete_three_actions_and_share(no_js, site):
    page = no_js
    record = start_record(page, site)
    edit_url = page.url
    expect(page.locator("#edit-link")).to_have_text(edit_url)
    expect(page.get_by_role("button", name="Copy the editing link")).to_be_hidden()
    expect(page.locator("[data-progress-summary]")).to_contain_text("0 of 14 completed")
    type_into(page.get_by_label("Organisation", exact=True), "Northshire Partnership Trust")
    press(page.get_by_role("button", name="Save your details"))
    expect(page.get_by_text("Your details were saved at")).to_be_visible()

    # Three actions, one after the other, through "Save and continue".
    open_action(page, 1)
    for number in (1, 2, 3):
        expect(page.locator("h1")).to_contain_text(f"Action {number} of 14")
        fill_action(page, status="Completed", owner=f"Owner {number}")
        press(page.get_by_role("button", name="Save and continue"))
        expect(page.get_by_text(f"Action {number} was saved at")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/actions/4/$"))

    # Not applicable needs a reason: its field is on the page without JavaScript.
    press(page.get_by_label("Not applicable", exact=True), "Space")
    reason = page.get_by_label("Why is this action not applicable?")
    expect(reason).to_be_visible()
    press(page.get_by_role("button", name="Save and continue"))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter why this action is not applicable")
    expect(page).to_have_title(re.compile("^Error: "))
    press(summary.get_by_role("link", name="Enter why this action is not applicable"))
    expect(page.get_by_label("Why is this action not applicable?")).to_be_focused()
    page.keyboard.type("No AHPs work in this setting")
    press(page.get_by_role("button", name="Save and continue"))
    expect(page.get_by_text("Action 4 was saved at")).to_be_visible()

    # A target date already passed: Overdue, in words.
    fill_action(page, status="In progress", owner="Workforce lead", date=past_date())
    press(page.get_by_role("button", name="Save and return to the list"))
    expect(page).to_have_url(edit_url)
    expect(page.locator("[data-progress-summary]")).to_have_text(
        "3 of 14 completed, 1 in progress, 1 not applicable, 1 overdue"
    )
    task5 = page.locator(".nhsuk-task-list__item").nth(4)
    expect(task5).to_contain_text("In progress")
    expect(task5).to_contain_text("Overdue")
    expect(task5).to_contain_text("Owner: Workforce lead")
    expect(page.locator(".nhsuk-task-list__item").nth(3)).to_contain_text("Not applicable")

    # Leave and come back through the link; then open the read-only link.
    page.goto(site + "/")
    page.goto(edit_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northshire Partnership Trust")
    shared_url = page.locator("#shared-link").inner_text()
    page.goto(shared_url)
    expect(page.locator("[data-progress-summary]")).to_contain_text("3 of 14 completed")
    expect(page.locator("main form, main input, main textarea")).to_have_count(0)
    open_action(page, 4)
    expect(page.locator("main")).to_contain_text("No AHPs work in this setting")
    page.goto(shared_url + "actions/5/")
    expect(page.locator("[data-status]")).to_have_text(re.compile(r"In progress\s+Overdue"))
    saved = {p.action.number: p for p in ActionProgress.objects.filter(record=record)}
    assert [saved[n].status for n in (1, 2, 3, 4, 5)] == [
        "completed",
        "completed",
        "completed",
        "not_applicable",
        "in_progress",
    ]


def test_without_javascript_errors_are_summarised_and_input_kept(no_js, site):
    page = no_js
    start_record(page, site)
    open_action(page, 5)
    fill_action(page, status="In progress", owner="Kept", date=("31", "2", "2026"))
    press(page.get_by_role("button", name="Save and continue"))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Target date must be a real date")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_label("Owner")).to_have_value("Kept")
    press(summary.get_by_role("link").first)
    expect(page).to_have_url(re.compile("#action-5-target_day$"))


def test_with_javascript_changes_save_as_you_go(page, site):
    record = start_record(page, site)
    expect(page.get_by_role("button", name="Copy the editing link")).to_be_visible()
    open_action(page, 4)
    page.evaluate("() => { window.__stillHere = true; }")
    status = page.locator("[data-save-status]")
    tag = page.locator("[data-status]")
    press(page.get_by_label("In progress", exact=True), "Space")
    expect(status).to_contain_text(re.compile(r"Saved at \d\d:\d\d"))
    expect(tag).to_have_text("In progress")
    expect(page.locator(".app-last-changed")).to_contain_text("Last changed")
    expect(page.locator("[data-progress-summary]")).to_contain_text(
        "0 of 14 completed, 1 in progress"
    )
    press(page.get_by_label("Completed", exact=True), "Space")
    expect(tag).to_have_text("Completed")
    expect(page.locator("[data-progress-summary]")).to_contain_text(
        "1 of 14 completed, 0 in progress"
    )
    type_into(page.get_by_label("Owner"), "Chief AHP")  # saved after a pause, without leaving
    expect(page.locator("input[name=action-4-version]")).to_have_value("3")
    saved = ActionProgress.objects.get(record=record, action__number=4)
    assert (saved.status, saved.owner, saved.version) == ("completed", "Chief AHP", 3)
    # Typed and taken back: nothing new to save, and the page says so.
    page.keyboard.type("x")
    page.keyboard.press("Backspace")
    expect(status).to_contain_text("All changes are saved")
    assert page.evaluate("() => window.__stillHere") is True
    assert run_axe(page) == []

    # Pressing the button after autosave does not clash with the saves already made.
    press(page.get_by_role("button", name="Save and return to the list"))
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    expect(page.get_by_text("All changes are saved")).to_be_visible()
    expect(page.locator(".nhsuk-task-list__item").nth(3)).to_contain_text("Completed")


def test_with_javascript_leaving_with_unsaved_changes_asks_first(page, site):
    start_record(page, site)
    open_action(page, 2)
    action_url = page.url
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    type_into(page.get_by_label("Notes or evidence"), "Half-written note")
    # Leaving at once, before the pause that saves it: the browser asks, and staying keeps it.
    press(page.get_by_role("link", name="Back to the list of actions").first)
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert page.url == action_url
    expect(page.get_by_label("Notes or evidence")).to_have_value("Half-written note")
    # Once the server has the change, leaving asks nothing.
    expect(page.locator("[data-save-status]")).to_contain_text("Saved at")
    press(page.get_by_role("link", name="Back to the list of actions").first)
    expect(page).to_have_url(re.compile(r"/progress/[^/]+/$"))
    assert dialogs == ["beforeunload"]


def test_with_javascript_overdue_appears_and_goes_as_the_action_changes(page, site):
    start_record(page, site)
    open_action(page, 9)
    page.evaluate("() => { window.__stillHere = true; }")
    state = page.locator("[data-action-state]")
    fill_action(page, status="In progress", date=past_date())
    page.keyboard.press("Tab")
    expect(page.locator("[data-status]")).to_have_text(re.compile(r"^In progress\s+Overdue$"))
    expect(state).to_contain_text("has passed")
    expect(page.locator("[data-progress-summary]")).to_contain_text("1 overdue")
    press(page.get_by_label("Completed", exact=True), "Space")
    expect(page.locator("[data-status]")).to_have_text("Completed")
    expect(state).not_to_contain_text("has passed")
    expect(page.locator("[data-progress-summary]")).to_contain_text("1 of 14 completed")
    expect(page.locator("[data-progress-summary]")).to_contain_text("0 overdue")
    assert page.evaluate("() => window.__stillHere") is True


def test_autosave_never_reloads_the_page_when_a_save_is_refused(page, site):
    """Half a date is refused by the server: the page stays as it is, focus stays where the
    person is, and the save goes through once the date is whole (WCAG 3.2.2)."""
    record = start_record(page, site)
    open_action(page, 5)
    page.evaluate("() => { window.__stillHere = true; }")
    status = page.locator("[data-save-status]")
    press(page.get_by_label("In progress", exact=True), "Space")
    expect(status).to_contain_text("Saved at")
    type_into(page.get_by_label("Day", exact=True), "31")
    page.keyboard.press("Tab")  # on to Month: the change is sent half-way through
    expect(status).to_contain_text("Not saved yet: Target date must")
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.__stillHere") is True
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    expect(page.get_by_label("Month", exact=True)).to_be_focused()
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("2027")
    page.keyboard.press("Tab")
    expect(status).to_contain_text("Saved at")
    assert page.evaluate("() => window.__stillHere") is True
    saved = ActionProgress.objects.get(record=record, action__number=5)
    assert str(saved.target_date) == "2027-03-31"


def test_read_only_link_print_and_replace_links(page, site):
    record = start_record(page, site)
    type_into(page.get_by_label("Organisation", exact=True), "Southdale Trust")
    press(page.get_by_role("button", name="Save your details"))
    open_action(page, 7)
    fill_action(page, status="Completed", owner="AHP lead", notes="Done")
    press(page.get_by_role("button", name="Save and return to the list"))
    expect(page.get_by_text("Action 7 was saved")).to_be_visible()
    edit_url = page.url
    shared_url = page.locator("#shared-link").inner_text()

    # A colleague opens the read-only link: they see the progress and cannot edit it.
    page.goto(shared_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Southdale Trust")
    expect(page.locator(".nhsuk-task-list__item").nth(6)).to_contain_text("AHP lead")
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
    assert page.goto(shared_url + "actions/7/").status == 404
    page.goto(edit_url)
    page.get_by_role("button", name="Replace the editing link").click()
    expect(page.get_by_text("This page has a new address")).to_be_visible()
    new_edit_url = page.url
    assert new_edit_url != edit_url
    assert page.goto(edit_url).status == 404
    assert page.goto(edit_url + "actions/7/").status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.goto(new_edit_url + "actions/7/")
    expect(page.get_by_label("Owner")).to_have_value("AHP lead")
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
