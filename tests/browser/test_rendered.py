"""Gates on what a person sees, over every address in the sitemap and the pages it cannot list
(the finder with filters, search results, the checklist's capability links): no markup shown as
text, no link whose text is a bare web address, no sideways scrolling at 320 or 1280 CSS px, and
no control that changes the page on input. A page added to the sitemap later is covered without
anyone listing it here."""

import pytest
from playwright.sync_api import expect

from checklist.models import Action, ProgressRecord
from tests.browser.helpers import ARTIFACTS
from tests.browser.rendered import (
    bare_address_links,
    context_changes,
    markup_shown,
    sideways_scroll,
    sitemap_paths,
)
from tests.page_types import PAGE_TYPES

SCREENSHOTS = ARTIFACTS / "screenshots"
# A long unbroken word, as people paste them into notes and names.
LONG_WORD = "https://example.org/" + "a-very-long-address-segment" * 4


def unlisted_paths() -> list[str]:
    """Pages the sitemap cannot list: filtered views, search results, capability links."""
    record = ProgressRecord.objects.create(organisation="Northshire Mental Health NHS Trust")
    action = Action.objects.published().order_by("number").first()
    record.items.create(action=action, status="in_progress", owner=LONG_WORD, notes=LONG_WORD)
    return [
        "/case-studies/?profession=occupational-therapists",
        "/case-studies/?profession=occupational-therapists&profession=physiotherapists"
        "&outcome=cost-saving&setting=mental-health",
        "/case-studies/?outcome=improve-and-establish-health-equity&setting=learning-disability",
        "/case-studies/?q=therapy&sort=newest",
        "/case-studies/?page=2",
        "/case-studies/?page=99",
        "/search/?q=therapy",
        "/search/?q=occupational+therapy",
        "/search/?q=" + "x" * 60,
        record.get_absolute_url(),
        record.get_absolute_url() + "print/",
        record.get_absolute_url() + "delete/",
        record.get_shared_url(),
        record.get_shared_url() + "print/",
        "/no-such-page/",
    ]


def report(faults) -> str:
    """Every fault on every page, one per line (pytest would cut a long dict short)."""
    lines = [f"{len(faults)} pages with faults:"]
    for path, found in faults.items():
        items = found.items() if isinstance(found, dict) else [("", found)]
        lines += [f"{path}: {name} {fault}".replace("  ", " ") for name, fault in items]
    return "\n".join(lines)


@pytest.fixture
def every_page(site):
    """The sitemap's addresses, an example of every page type, and the unlisted pages."""
    paths = [*sitemap_paths(), *(example() for example in PAGE_TYPES.values()), *unlisted_paths()]
    return list(dict.fromkeys(paths))


AT_1280 = {
    "markup shown as text": markup_shown,
    "links whose text is a bare web address": bare_address_links,
    "sideways scrolling": sideways_scroll,
}
# 320 CSS px is WCAG 1.4.10's reflow width (1280 px at 400 % zoom).
AT_320 = {"sideways scrolling": sideways_scroll, "markup shown as text": markup_shown}


def visit_all(context, site, paths, checks_by_width):
    """Load each page once at the first width, then look at it at each further width (without
    JavaScript a page is laid out again by CSS alone, so resizing is as good as reloading)."""
    page = context.new_page()
    faults = {}
    for path in paths:
        found = {}
        for index, (width, checks) in enumerate(checks_by_width.items()):
            page.set_viewport_size({"width": width, "height": 900})
            if index == 0:
                page.goto(site + path)
            for name, check in checks.items():
                if fault := check(page):
                    found[f"at {width} px, {name}"] = fault
        if found:
            faults[path] = found
    page.close()
    return faults


def test_the_sitemap_covers_every_public_section(site, every_page):
    listed = sitemap_paths()
    for expected in ("/", "/professions/", "/case-studies/", "/careers/", "/checklist/"):
        assert expected in listed
    # Published items are there too, not only the fixed sections.
    assert len(listed) > 40
    assert len(every_page) > len(listed)


@pytest.mark.parametrize("width", [1280, 320])
def test_nothing_shown_wrongly_with_javascript(browser, site, every_page, width):
    # Loaded at each width: the scripts set pages up for the screen they start on.
    context = browser.new_context(locale="en-GB")
    faults = visit_all(context, site, every_page, {width: AT_1280 if width == 1280 else AT_320})
    context.close()
    assert not faults, report(faults)


def test_nothing_shown_wrongly_without_javascript(browser, site, every_page):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    faults = visit_all(context, site, every_page, {1280: AT_1280, 320: AT_320})
    context.close()
    assert not faults, report(faults)


def test_no_control_changes_the_page_on_input(browser, site, every_page):
    """WCAG 3.2.2: changing a select, ticking a box or typing into a field never reloads the
    page or moves focus; each distinct control is tried once, on the first page it is met."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    seen, faults = set(), {}
    for path in every_page:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        found = context_changes(page, seen)
        if found:
            faults[path] = found
    context.close()
    assert not faults, report(faults)


MAIN_PAGE_TYPES = [
    "home",
    "professions:detail",
    "casestudies:list",
    "casestudies:detail",
    "casestudies:evidence-map",
    "careers:index",
    "careers:story",
    "checklist:index",
    "checklist:progress",
    "search",
]


@pytest.mark.parametrize("width", [375, 1280])
def test_main_page_types_screenshotted_with_their_heading_in_view(browser, site, width):
    """Screenshots to look at (test-results/screenshots/); each page's heading is on screen."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in MAIN_PAGE_TYPES:
        page.goto(site + PAGE_TYPES[name]())
        page.screenshot(path=SCREENSHOTS / f"{name.replace(':', '-')}-{width}.png")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_be_in_viewport()
        box = heading.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
    context.close()
