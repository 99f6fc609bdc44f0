"""The careers and professions pages of issue 13 in a real browser: the stories filter without
JavaScript, the comparison by keyboard, no sideways scrolling at 320 px, and axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import run_axe

PAGES = [
    "/careers/",
    "/careers/pathways/",
    "/careers/pathways/multi-professional-approved-roles/",
    "/careers/stories/?profession=occupational-therapists",
    "/careers/stories/kosiwa-lokosu/",
    "/careers/resources/?step=registered-ahp-workforce",
    "/professions/",
    "/professions/music-therapists/",
    "/professions/compare/?profession=occupational-therapists&profession=music-therapists"
    "&profession=speech-and-language-therapists",
    "/professions/compare/?profession=art-therapists&profession=dietitians"
    "&profession=paramedics&profession=osteopaths",
]


def test_the_stories_filter_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(site + "/careers/stories/")
    heading = page.locator("#results-heading")
    expect(heading).to_have_text("4 career stories")
    page.get_by_label("Occupational therapists").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(heading).to_have_text("2 career stories")
    assert "profession=occupational-therapists" in page.url
    names = page.locator(".app-story-list h3").all_inner_texts()
    assert sorted(names) == ["Donve Thompson-Boy", "Kosiwa Lokosu"]
    page.get_by_label("Multi-professional approved roles").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(heading).to_have_text("1 career story")
    expect(page.get_by_label("Occupational therapists")).to_be_checked()
    page.get_by_role("link", name="Donve Thompson-Boy").click()
    expect(page.locator("h1")).to_have_text("Donve Thompson-Boy")
    context.close()


def test_compare_by_keyboard(page, site):
    page.goto(site + "/professions/")
    link = page.get_by_role("link", name="Compare up to 3 professions side by side")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Compare professions")
    for name in ["Dietitians", "Paramedics", "Physiotherapists"]:
        box = page.get_by_label(name, exact=True)
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    page.get_by_role("button", name="Compare").focus()
    page.keyboard.press("Enter")
    caption = page.locator(".app-compare caption")
    expect(caption).to_have_text("Dietitians, Paramedics, Physiotherapists side by side")
    # a fourth is an error message, and the boxes keep their ticks
    box = page.get_by_label("Osteopaths", exact=True)
    box.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Compare").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Choose up to 3 professions to compare. You chose 4."
    )
    expect(page.get_by_label("Osteopaths", exact=True)).to_be_checked()


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_320_px(page, site, path):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site + path)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_nothing(page, site, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + path)
    assert run_axe(page) == []
