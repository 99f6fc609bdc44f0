"""What the evidence is, in a real browser: the case study's summary list and the finder's
"Evaluated" and "Costed" facets once an editor has recorded them, on a phone and a desktop,
with and without JavaScript, checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from tests.browser.helpers import ARTIFACTS, run_axe
from tests.browser.rendered import sideways_scroll
from tests.casestudies.helpers import ART, record_evidence

WIDTHS = [320, 375, 1280]


@pytest.fixture
def recorded(site):
    record_evidence()
    return site


@pytest.mark.parametrize("width", WIDTHS)
def test_the_case_study_page_says_what_the_evidence_is(browser, recorded, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(recorded + CaseStudy.objects.get(source_url=ART).get_absolute_url())
    summary = page.locator(".nhsuk-summary-list")
    for key, value in [
        ("Kind of evidence", "Case study"),
        ("Evaluated", "Audit"),
        ("Costed", "A saving or cost is stated in the source"),
    ]:
        row = summary.locator(".nhsuk-summary-list__row", has_text=key)
        expect(row.locator("dt")).to_have_text(key)
        expect(row.locator("dd")).to_have_text(value)
        assert row.is_visible()
    expect(summary.locator("dt", has_text="Year")).to_have_count(0)
    assert sideways_scroll(page) is None
    assert run_axe(page) == []
    page.screenshot(path=str(ARTIFACTS / f"evidence-case-study-{width}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_finder_facets_with_javascript(browser, recorded, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(recorded + "/case-studies/")
    if width < 641:  # the filters fold away on a phone: open them
        page.locator("#filters summary").click()
    evaluated = page.get_by_role("group", name="Evaluated")
    expect(page.locator("label[for=evaluated-audit]")).to_contain_text("(2 case studies)")
    page.get_by_role("group", name="Costed").get_by_label("Saving or cost stated").check()
    expect(page).to_have_url(re.compile(r"\?costed=yes$"))
    expect(page.locator("#results-heading")).to_have_text("2 case studies")
    # The other options' numbers follow: audit, among the two costed ones.
    expect(page.locator("label[for=evaluated-audit]")).to_contain_text("(1 case study)")
    evaluated.get_by_label("Audit").check()
    expect(page).to_have_url(re.compile(r"costed=yes&evaluated=audit|evaluated=audit&costed=yes"))
    expect(page.locator("#results-heading")).to_have_text("1 case study")
    expect(page.locator("#filter-description")).to_have_text(
        "1 case study evaluated by audit, with a saving or cost stated."
    )
    assert sideways_scroll(page) is None
    assert run_axe(page) == []
    page.screenshot(path=str(ARTIFACTS / f"evidence-finder-{width}.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_finder_facets_without_javascript(browser, recorded, width):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(recorded + "/case-studies/")
    page.get_by_role("group", name="Evaluated").get_by_label("Peer reviewed").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"evaluated=peer_reviewed"))
    expect(page.locator("#results-heading")).to_have_text("1 case study")
    page.get_by_role("link", name=re.compile("Remove filter Evaluated: Peer reviewed")).click()
    expect(page.locator("#results-heading")).to_have_text("20 case studies")
    assert sideways_scroll(page) is None
    context.close()


def test_no_facets_while_nothing_is_recorded(page, site):
    page.goto(site + "/case-studies/")
    expect(page.get_by_role("group", name="Type")).to_be_visible()
    expect(page.get_by_role("group", name="Evaluated")).to_have_count(0)
    expect(page.get_by_role("group", name="Costed")).to_have_count(0)
