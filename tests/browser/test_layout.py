"""The evidence map's table scrolls inside its own box (every page's width and text are
checked by tests/browser/test_rendered.py)."""

import pytest

from tests.browser.helpers import run_axe
from tests.browser.rendered import sideways_scroll

MAP = "/case-studies/evidence-map/"


def test_evidence_map_scrolls_in_its_own_box_on_a_phone(page, site):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site + MAP)
    box = page.get_by_role("region", name="Evidence map: case studies by profession and outcome")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    assert sideways_scroll(page) is None
    first_column = page.get_by_role("rowheader", name="Occupational therapists")
    assert first_column.evaluate("e => getComputedStyle(e).position") == "sticky"
    left_before = first_column.bounding_box()["x"]

    # A keyboard user reaches the box and scrolls it with the arrow keys (Chromium scrolls
    # smoothly: wait for it), then on to its end; the professions stay where they were.
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle())
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    page.wait_for_function(
        "e => e.scrollLeft + e.clientWidth >= e.scrollWidth - 1", arg=box.element_handle()
    )
    assert first_column.bounding_box()["x"] == pytest.approx(left_before, abs=1)
    # Scrolled to the end, the last column is inside the box.
    last = page.get_by_role("columnheader", name="Any outcome")
    box_right = box.bounding_box()["x"] + box.bounding_box()["width"]
    last_box = last.bounding_box()
    assert last_box["x"] + last_box["width"] <= box_right + 1
    # Short words head the columns on a phone; the full names are what a screen reader reads.
    header = page.get_by_role(
        "columnheader", name="Improve and support mental health and wellbeing"
    )
    assert header.locator(".app-evidence-map__short").is_visible()
    assert header.locator(".app-evidence-map__short").inner_text() == "Wellbeing"
    assert header.locator(".app-evidence-map__full").bounding_box()["width"] <= 1
    assert run_axe(page) == []


def test_evidence_map_fits_a_desktop_with_no_column_clipped(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + MAP)
    box = page.get_by_role("region", name="Evidence map: case studies by profession and outcome")
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth")
    box_right = box.bounding_box()["x"] + box.bounding_box()["width"]
    for name in ["Any outcome", "Prevention and health promotion"]:
        header = page.get_by_role("columnheader", name=name)
        assert header.inner_text() == name
        right = header.bounding_box()["x"] + header.bounding_box()["width"]
        assert right <= box_right + 1, name
    total = page.get_by_role("link", name="case studies in all")
    assert total.is_visible()
    assert sideways_scroll(page) is None
    assert run_axe(page) == []
