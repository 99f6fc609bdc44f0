"""The case-study finder in a real browser: with JavaScript (live results, history, focus,
announcements) and without it (the "Apply filters" button), and the axe gate on its pages."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from tests.browser.helpers import run_axe


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
    # The counts on the other options follow the new results: ticking another outcome would
    # give the OT case studies with either outcome.
    either = (
        CaseStudy.objects.published()
        .filter(
            professions__slug="occupational-therapists",
            outcomes__slug__in=["cost-saving", "positive-patient-outcome"],
        )
        .distinct()
        .count()
    )
    label = page.locator("label[for=outcome-positive-patient-outcome]")
    expect(label).to_contain_text(f"({either} case studies)")

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


def test_an_option_at_0_can_be_ticked_and_the_empty_list_offers_the_way_back(page, site):
    page.goto(site + "/case-studies/?outcome=improve-and-establish-health-equity")
    learning = page.get_by_label("Learning disability")
    expect(page.locator("label[for=setting-learning-disability]")).to_contain_text("(0 case")
    expect(learning).to_be_enabled()
    learning.check()
    expect(heading(page)).to_have_text("0 case studies")
    expect(page.locator("#no-results")).to_contain_text(
        "There are no case studies with the outcome improve and establish health equity, "
        "in learning disability settings yet."
    )
    equity = expected_count(outcomes="improve-and-establish-health-equity")
    page.get_by_role(
        "link",
        name=f"See the {equity} case studies with the outcome improve and establish health equity",
    ).click()
    expect(heading(page)).to_have_text(f"{equity} case studies")
    expect(heading(page)).to_be_focused()
    expect(page.get_by_label("Learning disability")).not_to_be_checked()


def test_words_search_with_enter(page, site):
    page.goto(site + "/case-studies/")
    page.get_by_label("Search case studies", exact=True).fill("dramatherapy")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=dramatherapy"))
    expect(heading(page)).to_have_text(re.compile(r"^\d+ case stud"))
    expect(heading(page)).not_to_have_text("20 case studies")


def test_words_search_with_the_visible_button(page, site):
    page.goto(site + "/case-studies/")
    page.get_by_label("Search case studies", exact=True).fill("dramatherapy")
    expect(heading(page)).to_have_text("20 case studies")  # typing alone changes nothing
    button = page.locator("#search-button")
    expect(button).to_be_visible()
    expect(button).to_have_text("Search")
    button.click()
    expect(page).to_have_url(re.compile(r"q=dramatherapy"))
    expect(heading(page)).not_to_have_text("20 case studies")
    expect(heading(page)).to_be_focused()


def result_titles(page):
    return page.locator("#results h3 a").all_inner_texts()


def test_sort_by_keyboard_changes_nothing_until_the_sort_button(page, site):
    page.goto(site + "/case-studies/")
    before = result_titles(page)
    select = page.get_by_label("Sort by")
    select.focus()
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value("newest")
    page.wait_for_timeout(500)  # time enough for a fetch, were one started
    assert page.evaluate("document.activeElement.id") == "sort"
    assert result_titles(page) == before
    expect(page).to_have_url(re.compile(r"/case-studies/$"))
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value("outcomes")
    assert page.evaluate("document.activeElement.id") == "sort"
    sort_button = page.get_by_role("button", name="Sort", exact=True)
    expect(sort_button).to_be_visible()
    sort_button.click()
    expect(page).to_have_url(re.compile(r"sort=outcomes"))
    most = max(CaseStudy.objects.published(), key=lambda s: s.outcomes.count())
    expect(page.locator("#results h3 a").first).to_have_text(most.title)
    assert result_titles(page) != before
    expect(page.get_by_role("button", name="Sort", exact=True)).to_be_focused()


def test_after_a_live_update_print_header_feed_link_and_title_follow(page, site):
    page.goto(site + "/case-studies/")
    feed = page.locator("link[rel=alternate][type='application/atom+xml']")
    expect(feed).to_have_attribute("title", re.compile("All 20 case studies"))
    page.get_by_label("Dietitians").check()
    expect(page).to_have_url(re.compile(r"\?profession=dietitians$"))
    n = expected_count(professions="dietitians")
    expect(heading(page)).to_have_text(f"{n} case studies")
    expect(feed).to_have_attribute("title", re.compile(f"{n} case studies involving dietitians"))
    expect(feed).to_have_attribute("href", "/case-studies/feed/?profession=dietitians")
    expect(page).to_have_title("Case studies – AHP toolkit")
    expect(page.get_by_role("link", name="Download as a spreadsheet (CSV)")).to_have_attribute(
        "href", "/case-studies/export.csv?profession=dietitians"
    )
    expect(page.locator("#showing")).to_have_text(f"Showing 1–{n} of {n}")
    page.emulate_media(media="print")
    printed = page.locator("#print-header")
    expect(printed).to_be_visible()
    expect(printed).to_contain_text(f"from {site}/case-studies/?profession=dietitians")
    page.emulate_media(media="screen")
    page.get_by_label("Sort by").select_option("newest")
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page).to_have_url(re.compile(r"profession=dietitians&sort=newest"))
    expect(feed).to_have_attribute("href", "/case-studies/feed/?profession=dietitians&sort=newest")
    page.emulate_media(media="print")
    expect(printed).to_contain_text(f"from {site}/case-studies/?profession=dietitians&sort=newest")


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
    page.get_by_role("button", name="Sort", exact=True).click()
    expect(page).to_have_url(re.compile(r"profession=occupational-therapists&sort=newest"))
    context.close()


def test_filters_fold_away_on_a_small_screen(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto(site + "/case-studies/?profession=dietitians")
    summary = page.locator("#filters summary")
    expect(summary).to_contain_text("Filter (1 selected)")
    expect(page.get_by_label("Dietitians")).to_be_hidden()
    summary.click()
    expect(page.get_by_label("Dietitians")).to_be_visible()
    context.close()


PHONE = {"width": 375, "height": 800}


def in_view(page, selector):
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= -1 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_show_n_case_studies_takes_you_to_the_results(browser, site, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site + "/case-studies/?profession=occupational-therapists")
    summary = page.locator("#filters summary")
    expect(summary).to_contain_text("Filter (1 selected)")
    if javascript:  # folded away: one tap opens it
        expect(page.get_by_label("Physiotherapists")).to_be_hidden()
        summary.click()
    page.get_by_label("Physiotherapists").check()
    n = (
        CaseStudy.objects.published()
        .filter(professions__slug__in=["occupational-therapists", "physiotherapists"])
        .distinct()
        .count()
    )
    if not javascript:
        # Without JavaScript no number can follow the ticks: "Apply filters" lands on the
        # results, and no stale "Show N" is offered.
        expect(page.locator("#show-results")).to_be_hidden()
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(re.compile(r"profession=physiotherapists#results-heading$"))
        expect(heading(page)).to_have_text(f"{n} case studies")
        assert in_view(page, "#results-heading")
        expect(page.locator("#show-results")).to_be_hidden()
        context.close()
        return
    expect(page).to_have_url(re.compile(r"profession=occupational-therapists&profession=physio"))
    show = page.get_by_role("button", name=f"Show {n} case studies")
    expect(show).to_be_visible()
    assert in_view(page, "#show-results")  # on screen while the options scroll past
    show.click()
    expect(heading(page)).to_be_focused()
    expect(heading(page)).to_have_text(f"{n} case studies")
    assert in_view(page, "#results-heading")
    expect(page.get_by_label("Physiotherapists")).to_be_hidden()  # the panel closed
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "/case-studies/",
        "/case-studies/?outcome=improve-and-establish-health-equity&setting=learning-disability",
        "/case-studies/?page=99",
    ],
)
def test_no_sideways_scrolling(browser, site, width, path):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + path)
    if width == 320:
        page.locator("#filters summary").click()  # the panel open too
        expect(page.get_by_label("Dietitians")).to_be_visible()
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    context.close()


def test_no_axe_violations_on_a_phone_with_the_panel_open_and_an_empty_list(browser, site):
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(site + "/case-studies/?outcome=improve-and-establish-health-equity")
    page.locator("#filters summary").click()
    page.get_by_label("Learning disability").check()
    expect(page.locator("#no-results")).to_be_visible()
    expect(page.locator("#show-results")).to_have_text("Show 0 case studies")
    assert run_axe(page) == []
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/case-studies/",
        "/case-studies/?outcome=improve-and-establish-health-equity&setting=learning-disability",
        "/case-studies/?page=99",
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
