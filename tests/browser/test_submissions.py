"""Submitting a case study in a real browser, by keyboard alone and without JavaScript: one
mistake fixed on the way, the reference shown and emailed; then a publisher publishes it from
the admin's "Submissions" queue and the public can read it. The pages at 320, 375 and 1280 px,
axe clean and never wider than the window."""

import re

import pytest
from playwright.sync_api import expect

from submissions.models import Submission
from tests.browser.helpers import press, run_axe, type_into
from tests.browser.rendered import sideways_scroll
from tests.submissions.conftest import form_data

TITLE = "Sensory diets on an autism inpatient ward"


@pytest.fixture
def quick_people(settings):
    """The browser types faster than a person: a second open is enough for this test (the
    check itself, at its 3 seconds, is tested in tests/submissions/test_spam.py)."""
    settings.SUBMISSIONS_MIN_SECONDS = 1


def fill_in(page, *, email):
    type_into(page.get_by_label("Title", exact=True), TITLE)
    type_into(page.get_by_label("Web address"), "https://www.example.org/sensory-diets")
    type_into(page.get_by_label("Publisher"), "Northshire Partnership NHS Foundation Trust")
    for label in ("Occupational therapists", "Dietitians", "Positive patient outcome", "Autism"):
        press(page.get_by_label(label, exact=True), "Space")
    type_into(
        page.get_by_label("Summary"),
        "Occupational therapists and dietitians built sensory diets.\n\n"
        "Restraint fell by a third in a year.",
    )
    type_into(page.get_by_label("Full name"), "Jo Bloggs")
    type_into(page.get_by_label("Role", exact=True), "AHP lead")
    type_into(page.get_by_label("Organisation"), "Northshire Partnership NHS Foundation Trust")
    type_into(page.get_by_label("Email address"), email)


def test_by_keyboard_without_javascript_a_case_study_is_submitted_then_published(
    no_js, site, quick_people, smtp_server, sign_in
):
    page = no_js
    page.goto(site + "/case-studies/")
    press(page.get_by_role("link", name="Submit a case study"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit a case study")
    expect(page.get_by_role("heading", name="What the toolkit includes")).to_be_visible()

    fill_in(page, email="jo.bloggs@")
    page.wait_for_timeout(1000)
    press(page.get_by_role("button", name="Submit the case study"))
    expect(page).to_have_title(re.compile("^Error: Submit a case study"))
    summary = page.locator(".nhsuk-error-summary")
    message = "Enter an email address in the correct format, like name@example.com"
    expect(summary).to_contain_text(message)
    expect(page.locator("#email-error")).to_have_text(f"Error: {message}")
    # Everything typed is still there, ticks too.
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)
    expect(page.get_by_label("Autism", exact=True)).to_be_checked()
    expect(page.get_by_label("Summary")).to_have_value(re.compile("Restraint fell by a third"))

    press(summary.get_by_role("link", name=message))
    email = page.get_by_label("Email address")
    expect(email).to_be_focused()
    type_into(email, "jo.bloggs@example.org")
    page.wait_for_timeout(1000)
    press(page.get_by_role("button", name="Submit the case study"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Case study sent")
    submission = Submission.objects.get()
    expect(page.locator(".nhsuk-panel")).to_contain_text(submission.reference)
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    [acknowledgement] = smtp_server.to("jo.bloggs@example.org")
    assert submission.reference in acknowledgement["Subject"]
    public_url = site + submission.case_study.get_absolute_url()
    assert page.goto(public_url).status == 404  # a draft until it is published

    editor = sign_in(site, "publisher")
    editor.goto(site + "/admin/")
    editor.get_by_role("rowheader", name="Submissions").get_by_role("link").click()
    row = editor.locator("#result_list tbody tr").filter(has_text=submission.reference)
    expect(row).to_contain_text("Jo Bloggs")
    expect(row).to_contain_text("jo.bloggs@example.org")
    expect(row).to_contain_text(f"{TITLE} (Draft)")
    row.get_by_role("checkbox").check()
    editor.get_by_label("Action:").select_option(label="Publish the selected submissions")
    editor.get_by_role("button", name="Go").click()
    expect(editor.locator(".messagelist")).to_contain_text("Published 1 submission.")
    expect(row).to_contain_text(f"{TITLE} (Published)")

    page.goto(public_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Restraint fell by a third in a year.")
    assert len(smtp_server.to("jo.bloggs@example.org")) == 2  # and told it is published


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_submission_pages_fit_the_window_and_pass_axe(browser, site, quick_people, width):
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(site + "/case-studies/submit/")
    check(page, "form")
    press(page.get_by_role("button", name="Submit the case study"))
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check(page, "errors")
    fill_in(page, email="jo.bloggs@example.org")
    page.wait_for_timeout(1000)
    press(page.get_by_role("button", name="Submit the case study"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Case study sent")
    check(page, "sent")
    context.close()


def check(page, name):
    assert sideways_scroll(page) is None, name
    assert run_axe(page) == [], name


def test_an_editor_declines_from_the_queue_giving_a_reason(site, sign_in, smtp_server, client):
    client.post("/case-studies/submit/", form_data())
    submission = Submission.objects.get()
    editor = sign_in(site, "content-editor")
    editor.goto(site + "/admin/submissions/submission/")
    assert run_axe(editor) == []
    row = editor.locator("#result_list tbody tr").filter(has_text=submission.reference)
    row.get_by_role("checkbox").check()
    editor.get_by_label("Action:").select_option(label="Decline the selected submissions…")
    editor.get_by_role("button", name="Go").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Decline submissions")
    assert run_axe(editor) == []
    editor.get_by_role("button", name="Decline and email the reason").click()
    expect(editor.locator(".errorlist")).to_have_text("Enter why the submission is declined")
    reason = "It is about acute hospital wards, not these settings."
    editor.get_by_label("Why is it declined?").fill(reason)
    editor.get_by_role("button", name="Decline and email the reason").click()
    expect(editor.locator(".messagelist")).to_contain_text(
        "Declined 1 submission and emailed the reason."
    )
    expect(row).to_contain_text("Declined")
    [_, declined] = smtp_server.to("jo.bloggs@example.org")
    assert reason in declined.get_content()
