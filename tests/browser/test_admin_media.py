"""The admin's editing tools in a real browser: the rich-text editor under the site's own CSP,
image upload through to the public page, and axe on the change form with both."""

import pytest
from playwright.sync_api import expect

from professions.models import Profession
from tests.browser.helpers import run_axe
from tests.image_files import image_bytes
from tests.users import PASSWORD, make_user


@pytest.fixture
def editor_context(browser, site):
    """A signed-in superuser in a context that keeps the CSP (the shared one bypasses it)."""
    make_user(superuser=True, username="editor")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Content")).to_be_visible()
    yield context
    context.close()


def console_problems(page):
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_rich_text_editor_loads_under_the_csp_and_bold_saves_strong(editor_context, site):
    page = editor_context.new_page()
    problems = console_problems(page)
    profession = Profession.objects.order_by("pk").first()
    page.goto(f"{site}/admin/professions/profession/{profession.pk}/change/")
    editor = page.locator(".field-description [contenteditable=true]")
    expect(editor).to_be_visible()
    # The textarea stays in the form, hidden behind the editor.
    expect(page.locator("textarea#id_description")).to_be_hidden()

    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.locator(".field-description button[title='bold']").click()
    page.keyboard.type("Strong words")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    profession.refresh_from_db()
    assert "<strong>Strong words</strong>" in profession.description
    assert problems == []


def test_without_javascript_the_rich_text_field_is_a_textarea(browser, site):
    make_user(superuser=True, username="editor")
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    profession = Profession.objects.order_by("pk").first()
    page.goto(f"{site}/admin/professions/profession/{profession.pk}/change/")
    textarea = page.locator("textarea#id_description")
    expect(textarea).to_be_visible()
    textarea.fill("<p>Typed <em>by hand</em></p>")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    profession.refresh_from_db()
    assert profession.description == "<p>Typed <em>by hand</em></p>"
    context.close()


def upload_image(page, site, profession):
    page.goto(f"{site}/admin/professions/profession/{profession.pk}/change/")
    page.set_input_files(
        "#id_image",
        files=[{"name": "team.jpg", "mimeType": "image/jpeg", "buffer": image_bytes((1200, 800))}],
    )
    page.get_by_label("Image alternative text").fill("Three therapists talking in a garden")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_an_uploaded_image_shows_with_its_alt_text_on_the_public_page(
    editor_context, site, media_root
):
    page = editor_context.new_page()
    problems = console_problems(page)
    profession = Profession.objects.published().order_by("pk").first()
    upload_image(page, site, profession)
    expect(page.get_by_role("img", name="Three therapists talking in a garden")).to_be_visible()

    page.goto(site + profession.get_absolute_url())
    image = page.locator("main picture img")
    expect(image).to_have_attribute("alt", "Three therapists talking in a garden")
    expect(image).to_be_visible()
    loaded = image.evaluate("img => [img.complete, img.naturalWidth, img.currentSrc]")
    assert loaded[0] and loaded[1] > 0
    assert loaded[2].endswith(".webp")  # the browser chose the WebP source
    assert problems == []


def test_no_axe_violations_on_the_change_form_with_an_image_and_the_editor(page, site, media_root):
    make_user(superuser=True, username="editor")
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    profession = Profession.objects.order_by("pk").first()
    upload_image(page, site, profession)
    expect(page.locator(".field-description [contenteditable=true]")).to_be_visible()
    expect(page.locator(".field-current_image img")).to_be_visible()
    assert run_axe(page) == []
    page.goto(site + profession.get_absolute_url())
    expect(page.locator("main picture img")).to_be_visible()
    assert run_axe(page) == []
