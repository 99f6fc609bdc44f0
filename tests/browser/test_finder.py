"""The case-study finder in a real browser: with JavaScript (live results, history, focus,
announcements) and without it (the "Apply filters" button), and the axe gate on its pages."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from tests.browser.conftest import run_axe


def heading(page):
    return page.locator("#results-heading")


def expected_count(**filters):
    queryset = CaseStudy.objects.published()
    for relation, slug in filters.items():
        queryset = queryset.filter(**{f"{relation}__slug": slug})
    return queryset.distinct().count()


def test_ticking_boxes_updates_the_results_keeps_focus_and_announces(page, site):
    page.goto(site + "/case-studies/")
    expect(heading(page)).to_have_text("20 case studies")
    expect(page.get_by_role("button", name="Apply filters")).to_be_hidden()

    ot = page.get_by_label("Occupational therapists")
    ot.check()
    expect(page).to_have_url(re.compile(r"\?profession=occupational-therapists$"))
    n = expected_count(professions="occupational-therapists")
    expect(heading(page)).to_have_text(f"{n} case studies")
    expect(ot).to_be_focused()
    expect(page.locator("#finder-status")).to_contain_text(f"{n} case studies")
    expect(page.locator("#selected-count")).to_have_text("(1 selected)")

    page.get_by_label("Cost-saving").check()
    expect(page).to_have_url(re.compile(r"profession=occupational-therapists&outcome=cost-saving"))
    expect(heading(page)).to_have_text("3 case studies")
    # The counts on the other options follow the new results.
    label = page.locator("label[for=outcome-positive-patient-outcome]")
    expect(label).to_contain_text(
        f"({expected_count(professions='occupational-therapists', outcomes='positive-patient-outcome')}"
    )

    page.go_back()
    expect(page).to_have_url(re.compile(r"\?profession=occupational-therapists$"))
    expect(heading(page)).to_have_text(f"{n} case studies")
    expect(page.get_by_label("Cost-saving")).not_to_be_checked()
    page.go_back()
    expect(heading(page)).to_have_text("20 case studies")
    expect(page.get_by_label("Occupational therapists")).not_to_be_checked()


def test_removable_tags_and_clear_filters(page, site):
    page.goto(site + "/case-studies/?profession=dietitians&outcome=prevention-and-health-promotion")
    tags = page.locator(".app-remove-filter")
    expect(tags).to_have_count(2)
    page.get_by_role("link", name=re.compile("Remove filter Profession: Dietitians")).click()
    expect(page).to_have_url(re.compile(r"\?outcome=prevention-and-health-promotion$"))
    expect(page.get_by_label("Dietitians")).not_to_be_checked()
    expect(heading(page)).to_be_focused()
    page.get_by_role("link", name="Clear filters").click()
    expect(heading(page)).to_have_text("20 case studies")
    expect(page).to_have_url(re.compile(r"/case-studies/$"))


def test_options_with_no_results_cannot_be_ticked(page, site):
    page.goto(site + "/case-studies/?profession=dietitians")
    expect(page.get_by_label("Cost-saving")).to_be_disabled()
    expect(page.locator("label[for=outcome-cost-saving]")).to_contain_text("(0")


def test_words_search_with_enter(page, site):
    page.goto(site + "/case-studies/")
    page.get_by_label("Search case studies").fill("dramatherapy")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=dramatherapy"))
    expect(heading(page)).to_have_text(re.compile(r"^\d+ case stud"))
    expect(heading(page)).not_to_have_text("20 case studies")


def test_sort_without_reload(page, site):
    page.goto(site + "/case-studies/")
    page.get_by_label("Sort by").select_option("outcomes")
    expect(page).to_have_url(re.compile(r"sort=outcomes"))
    most = max(CaseStudy.objects.published(), key=lambda s: s.outcomes.count())
    expect(page.locator("#results h3 a").first).to_have_text(most.title)


@pytest.mark.parametrize("width", [320, 1280])
def test_finder_without_javascript(browser, site, width):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(site + "/case-studies/")
    expect(page.locator("#selected-count")).to_have_text("(0 selected)")
    page.get_by_label("Occupational therapists").check()
    page.get_by_label("Cost-saving").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"profession=occupational-therapists&outcome=cost-saving"))
    expect(heading(page)).to_have_text("3 case studies")
    expect(page.locator("#selected-count")).to_have_text("(2 selected)")
    page.get_by_role("link", name=re.compile("Remove filter Outcome: Cost-saving")).click()
    expect(page).to_have_url(re.compile(r"\?profession=occupational-therapists$"))
    page.get_by_label("Sort by").select_option("newest")
    page.get_by_role("button", name="Sort").click()
    expect(page).to_have_url(re.compile(r"profession=occupational-therapists&sort=newest"))
    context.close()


def test_filters_fold_away_on_a_small_screen(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto(site + "/case-studies/?profession=dietitians")
    summary = page.locator("#filters summary")
    expect(summary).to_contain_text("Filters (1 selected)")
    expect(page.get_by_label("Dietitians")).to_be_hidden()
    summary.click()
    expect(page.get_by_label("Dietitians")).to_be_visible()
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/case-studies/",
        "/case-studies/?profession=occupational-therapists&outcome=cost-saving&sort=newest",
        "/case-studies/?profession=no-such&q=zzzz",
        "/case-studies/evidence-map/",
    ],
)
def test_no_axe_violations(page, site, path):
    page.goto(site + path)
    assert run_axe(page) == []


def test_no_axe_violations_on_a_case_study_and_after_a_live_update(page, site):
    page.goto(site + CaseStudy.objects.published().order_by("pk").first().get_absolute_url())
    assert run_axe(page) == []
    page.goto(site + "/case-studies/")
    page.get_by_label("Dietitians").check()
    expect(page).to_have_url(re.compile(r"profession=dietitians"))
    assert run_axe(page) == []


def test_evidence_map_number_opens_the_finder_with_both_facets(page, site):
    page.goto(site + "/case-studies/evidence-map/")
    expect(page.get_by_role("table")).to_be_visible()
    page.get_by_role(
        "link", name=re.compile(r"^3 case studies: Occupational therapists, Cost-saving$")
    ).click()
    expect(page).to_have_url(re.compile(r"profession=occupational-therapists&outcome=cost-saving"))
    expect(heading(page)).to_have_text("3 case studies")
