"""The task list's page types at a phone's and a desktop's width: no sideways scrolling, no axe
violations, and a screenshot of each in test-results/ to look at."""

import datetime

import pytest
from playwright.sync_api import expect

from checklist.models import Action, ProgressRecord
from tests.browser.helpers import ARTIFACTS, run_axe

LONG = "A note that runs on, " * 40


@pytest.fixture
def filled(site):
    record = ProgressRecord.objects.create(
        organisation="Northshire Partnership Trust", area="Northshire ICS", completed_by="Sam"
    )
    overdue = datetime.date.today() - datetime.timedelta(days=30)
    statuses = ["completed", "in_progress", "not_applicable", "not_started"]
    for action in Action.objects.order_by("number")[:8]:
        status = statuses[action.number % 4]
        record.items.create(
            action=action,
            status=status,
            owner="Director of Allied Health Professions and Workforce Development",
            target_date=overdue,
            notes=LONG,
            reason="Not relevant to our services" if status == "not_applicable" else "",
            version=1,
        )
    return record


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", ["overview", "action", "action-error", "shared", "shared-action"])
def test_task_list_pages_fit_and_pass_axe(page, site, filled, width, name):
    page.set_viewport_size({"width": width, "height": 900})
    edit, shared = site + filled.get_absolute_url(), site + filled.get_shared_url()
    url = {
        "overview": edit,
        "action": edit + "actions/3/",
        "action-error": edit + "actions/3/",
        "shared": shared,
        "shared-action": shared + "actions/2/",
    }[name]
    page.goto(url)
    reason = page.get_by_label("Why is this action not applicable?")
    if name == "action":
        expect(reason).to_be_hidden()  # revealed only by choosing Not applicable
    if name == "action-error":
        page.get_by_label("Not applicable", exact=True).check()
        expect(reason).to_be_visible()
        page.get_by_role("button", name="Save and continue").click()
        expect(page.locator(".nhsuk-error-summary")).to_be_visible()
        expect(reason).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert run_axe(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"checklist-{name}-{width}.png"), full_page=True)
