"""WCAG 2.2 AA in a real browser: axe-core on every page type and the admin, and keyboard use."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.conftest import run_axe
from tests.page_types import PAGE_TYPES


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_axe_violations_on_public_page_types(page, site, name):
    page.goto(site + PAGE_TYPES[name]())
    assert run_axe(page) == []


@pytest.fixture
def admin_page(page, site):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-passphrase")
    page.goto(site + "/admin/login/")
    assert run_axe(page) == [], "admin login page"
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-passphrase")
    page.get_by_role("button", name="Log in").click()
    return page


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/casestudies/casestudy/",
        "/admin/casestudies/casestudy/1/change/",
        "/admin/casestudies/casestudy/1/preview/",
    ],
)
def test_no_axe_violations_in_the_admin(admin_page, site, path):
    admin_page.goto(site + path)
    assert run_axe(admin_page) == []


def test_skip_link_moves_focus_to_main_content(page, site):
    page.goto(site + "/professions/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "maincontent"


@pytest.mark.parametrize("path", ["/", "/case-studies/", "/professions/occupational-therapists/"])
def test_every_interactive_element_is_reachable_with_a_visible_focus(page, site, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + path)
    expected = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, textarea')]
            .filter(el => el.offsetParent !== null && !el.disabled).length"""
    )
    seen = set()
    for _ in range(expected + 5):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const style = getComputedStyle(el);
                const rect = el.getBoundingClientRect();
                const visibleFocus = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                    || style.boxShadow !== 'none' || style.backgroundColor !== 'rgba(0, 0, 0, 0)';
                const top = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
                return {key: el.outerHTML.slice(0, 120), visibleFocus,
                        obscured: !!top && top !== el && !el.contains(top) && !top.contains(el)};
            }"""
        )
        if info is None:
            continue
        assert info["visibleFocus"], f"no visible focus on {info['key']}"
        assert not info["obscured"], f"focused element hidden under another: {info['key']}"
        seen.add(info["key"])
    assert len(seen) >= expected * 0.9
