"""The change form as an editor and a publisher see it: wide text boxes, one primary button, a
rich-text editor that checks spelling and shows where the focus is, named calendar and clock
links, and tag chips that survive WCAG 1.4.12 text spacing. axe-core on every page."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from tests.browser.helpers import run_axe

ART = "https://link.hee.nhs.uk/mental-health-art"
LONG_TAG = "Improve and support mental health and wellbeing"
# WCAG 1.4.12's test values, as the W3C's text-spacing bookmarklet applies them.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


@pytest.fixture
def study(roles):
    return CaseStudy.objects.get(source_url=ART)


@pytest.fixture
def tagged_study(roles):
    """A published case study carrying the longest outcome tag."""
    return CaseStudy.objects.filter(outcomes__name=LONG_TAG).order_by("pk").first()


def change_url(site, study, view="change"):
    return f"{site}/admin/casestudies/casestudy/{study.pk}/{view}/"


def no_sideways_scrolling(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(("user", "view"), [("publisher", "change"), ("content-editor", "draft")])
def test_the_title_box_fills_the_form_column(sign_in, roles, study, user, view):
    page = sign_in(roles, user)
    page.goto(change_url(roles, study, view))
    title = page.get_by_label("Title")
    box = title.bounding_box()
    row = page.locator(".form-row.field-title").bounding_box()
    font_size = float(title.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    # The column beside the label, up to 40em: Django's default was 20em (about 260 px).
    assert box["width"] >= min(40 * font_size, row["width"] - 200) - 2, box
    assert box["x"] + box["width"] <= row["x"] + row["width"]
    for name in ("Publisher", "Slug"):
        assert page.get_by_label(name).bounding_box()["width"] == pytest.approx(box["width"], abs=2)
    assert run_axe(page) == [], f"{user}'s change form"

    page.set_viewport_size({"width": 320, "height": 800})
    expect(title).to_be_visible()
    narrow = title.bounding_box()
    assert no_sideways_scrolling(page)
    assert narrow["x"] >= 0 and narrow["x"] + narrow["width"] <= 320
    assert narrow["width"] >= 250, narrow


def submit_buttons(page):
    """Each visible button of the submit row: its label, and whether it is filled (primary)."""
    return page.locator(".submit-row").evaluate(
        """row => {
          const rowBackground = getComputedStyle(row).backgroundColor;
          const page = getComputedStyle(document.body).backgroundColor;
          return [...row.querySelectorAll("input[type=submit]")]
            .filter(button => button.offsetParent !== null)
            .map(button => {
              const background = getComputedStyle(button).backgroundColor;
              return [button.value, background !== rowBackground && background !== page];
            });
        }"""
    )


def test_one_primary_button_for_an_editor_and_a_publisher(sign_in, roles, study):
    editor = sign_in(roles, "content-editor")
    editor.goto(change_url(roles, study, "draft"))
    assert submit_buttons(editor) == [["Save as draft", True]]
    editor.get_by_label("Title").fill("A drafted title")
    editor.get_by_role("button", name="Save as draft").click()
    expect(editor.locator(".messagelist")).to_contain_text("The draft was saved")
    assert submit_buttons(editor) == [["Save as draft", True], ["Discard draft", False]]
    assert run_axe(editor) == [], "editor's draft form"

    publisher = sign_in(roles, "publisher")
    publisher.goto(change_url(roles, study))
    buttons = submit_buttons(publisher)
    assert [label for label, _ in buttons] == [
        "Publish draft",
        "Save and continue editing",
        "Save",
        "Save and add another",
        "Save as draft",
        "Discard draft",
        "Save and unpublish",
    ]
    assert [label for label, primary in buttons if primary] == ["Publish draft"]
    assert run_axe(publisher) == [], "publisher's change form with a draft"

    publisher.get_by_role("button", name="Discard draft").click()
    expect(publisher.locator(".messagelist")).to_contain_text("The draft was discarded")
    buttons = submit_buttons(publisher)
    assert [label for label, primary in buttons if primary] == ["Save"]
    assert [label for label, _ in buttons][0] == "Save" and len(buttons) == 5


def contrast(a, b):
    def luminance(rgb):
        channels = [c / 255 for c in rgb[:3]]
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def ring_sides(before, after, width, height, depth):
    """For each side of the box, the share of pixels ``depth`` px in from the edge that changed
    to a colour of at least 3:1 against what was there (corners left out: they are rounded)."""
    sides = {
        "top": [(x, depth) for x in range(8, width - 8)],
        "bottom": [(x, height - 1 - depth) for x in range(8, width - 8)],
        "left": [(depth, y) for y in range(8, height - 8)],
        "right": [(width - 1 - depth, y) for y in range(8, height - 8)],
    }
    return {
        side: sum(contrast(before.getpixel(p), after.getpixel(p)) >= 3 for p in points)
        / len(points)
        for side, points in sides.items()
    }


@pytest.mark.parametrize(("user", "view"), [("publisher", "change"), ("content-editor", "draft")])
def test_the_rich_text_editor_checks_spelling_and_shows_its_focus(
    sign_in, roles, study, user, view
):
    page = sign_in(roles, user)
    page.goto(change_url(roles, study, view))
    editor = page.get_by_role("textbox", name="Summary")
    expect(editor).to_be_visible()
    expect(editor).to_have_attribute("spellcheck", "true")
    assert editor.evaluate("el => el.spellcheck") is True

    editor.scroll_into_view_if_needed()
    box = editor.bounding_box()
    clip = {k: round(box[k]) for k in ("x", "y", "width", "height")}
    page.mouse.move(0, 0)
    before = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    editor.focus()
    expect(editor).to_be_focused()
    page.evaluate("() => document.activeElement.style.caretColor = 'transparent'")
    after = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    # At least 2 px thick on every side, each pixel 3:1 against the unfocused look.
    for depth in (1, 2):
        sides = ring_sides(before, after, clip["width"], clip["height"], depth)
        assert all(share >= 0.95 for share in sides.values()), (depth, sides)
    assert run_axe(page) == [], f"{user}'s change form, editor focused"


def test_calendar_and_clock_links_say_which_field_they_fill(sign_in, roles, study):
    publisher = sign_in(roles, "publisher")
    publisher.goto(change_url(roles, study))
    for name in (
        "Choose a date for Publication date",
        "Choose a time for Publication date",
        "Choose a date for Last reviewed",
        "Choose a date for Next review due",
    ):
        expect(publisher.get_by_role("link", name=name, exact=True)).to_be_visible()
    publisher.get_by_role("link", name="Choose a date for Next review due").focus()
    publisher.keyboard.press("Enter")
    expect(publisher.locator(".calendarbox:visible")).to_have_count(1)
    assert run_axe(publisher) == [], "change form with the calendar open"

    editor = sign_in(roles, "content-editor")
    editor.goto(change_url(roles, study, "draft"))
    links = editor.locator(".datetimeshortcuts a")
    expect(links.first).to_be_visible()
    names = [
        link.evaluate("el => el.getAttribute('aria-label') || el.textContent")
        for link in links.all()
    ]
    assert "Choose a date for Last reviewed" in names
    assert all(name.strip() for name in names), names
    assert run_axe(editor) == [], "editor's draft form"


def chips_that_clip(page):
    return page.evaluate(
        """() => [...document.querySelectorAll(".select2-selection__choice")].filter(chip => {
          const box = chip.closest(".select2-selection").getBoundingClientRect();
          const own = chip.getBoundingClientRect();
          return chip.scrollWidth > chip.clientWidth || chip.scrollHeight > chip.clientHeight
            || own.left < box.left || own.right > box.right + 0.5
            || own.top < box.top || own.bottom > box.bottom + 0.5;
        }).map(chip => chip.title)"""
    )


@pytest.mark.parametrize(("user", "view"), [("publisher", "change"), ("content-editor", "draft")])
def test_tag_chips_do_not_clip_with_text_spacing(sign_in, roles, tagged_study, user, view):
    page = sign_in(roles, user)
    page.goto(change_url(roles, tagged_study, view))
    chip = page.locator(".select2-selection__choice", has_text=LONG_TAG)
    expect(chip).to_be_visible()
    page.add_style_tag(content=TEXT_SPACING)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        expect(chip).to_be_visible()
        assert page.locator(".select2-selection__choice").count() >= 2
        assert chips_that_clip(page) == [], width
        assert no_sideways_scrolling(page), width
    assert run_axe(page) == [], f"{user}'s change form with text spacing"
