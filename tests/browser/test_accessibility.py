"""WCAG 2.2 AA in a real browser: axe-core on every page type and the admin, and keyboard use."""

import pytest
from playwright.sync_api import expect

from careers.models import CareerStory
from casestudies.models import CaseStudy
from checklist.models import Action
from pages.models import Page
from professions.models import Profession
from tests.browser.helpers import run_axe
from tests.page_types import PAGE_TYPES
from tests.users import PASSWORD, make_user


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_axe_violations_on_public_page_types(page, site, name):
    page.goto(site + PAGE_TYPES[name]())
    assert run_axe(page) == []


@pytest.fixture
def admin_page(page, site):
    make_user(superuser=True, username="editor")
    page.goto(site + "/admin/login/")
    assert run_axe(page) == [], "admin login page"
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return page


def published_pk(model, **filters):
    """A real published item (the content is reloaded for each browser test: pks change)."""
    return model.objects.published().filter(**filters).order_by("pk").first().pk


def change_form(model, *, title="#id_title", inline=None, **filters):
    """The path of a published item's change form, what shows it is the form, and the inline
    that must be on it."""

    def admin_path():
        opts = model._meta
        pk = published_pk(model, **filters)
        return f"/admin/{opts.app_label}/{opts.model_name}/{pk}/change/", title, inline

    return admin_path


def admin_url(model, suffix, shows):
    def admin_path():
        opts = model._meta
        return (
            f"/admin/{opts.app_label}/{opts.model_name}/{published_pk(model)}/{suffix}",
            shows,
            None,
        )

    return admin_path


ADMIN_PAGES = {
    "index": lambda: ("/admin/", "#content-main", None),
    "case study list": lambda: ("/admin/casestudies/casestudy/", "#changelist-form", None),
    "case study": change_form(CaseStudy),
    "case study preview": admin_url(CaseStudy, "preview/", ".app-preview-banner"),
    "case study history": admin_url(CaseStudy, "history/", "#change-history table"),
    "profession with quotes": change_form(
        Profession, title="#id_name", inline="#quotes-group", quotes__isnull=False
    ),
    "career story with answers": change_form(
        CareerStory, title="#id_name", inline="#answers-group", answers__isnull=False
    ),
    "page": change_form(Page),
    "checklist action": change_form(Action),
}


@pytest.mark.parametrize("name", sorted(ADMIN_PAGES))
def test_no_axe_violations_in_the_admin(admin_page, site, name):
    path, shows, inline = ADMIN_PAGES[name]()
    response = admin_page.goto(site + path)
    assert response.status == 200
    expect(admin_page.locator(shows).first).to_be_visible()
    if inline is not None:
        expect(admin_page.locator(inline)).to_be_visible()
        assert admin_page.locator(f"{inline} .inline-related:not(.empty-form)").count() >= 1
    assert run_axe(admin_page) == []


def test_no_axe_violations_in_a_content_editors_view_of_published_content(sign_in, roles):
    editor = sign_in(roles, "content-editor")
    pk = published_pk(CaseStudy)
    response = editor.goto(roles + f"/admin/casestudies/casestudy/{pk}/change/")
    assert response.status == 200
    # Read only: the title is shown, not editable, and the way to change it is a draft.
    expect(editor.locator("#id_title")).to_have_count(0)
    expect(editor.locator(".field-title .readonly")).to_be_visible()
    # A long title is not covered by the buttons above the form.
    title = editor.locator("#content > h2").bounding_box()
    tools = editor.locator(".object-tools").bounding_box()
    assert tools["y"] >= title["y"] + title["height"]
    assert run_axe(editor) == [], "read-only change form"

    editor.get_by_role("link", name="Edit as a draft").click()
    expect(editor.locator("#id_title")).to_be_visible()
    expect(editor.get_by_role("button", name="Save as draft")).to_be_visible()
    assert run_axe(editor) == [], "edit as a draft"


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
