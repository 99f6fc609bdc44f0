"""A content editor puts a new photo in a draft of a published profession and sees it
waiting; the public page keeps the old photo until a publisher publishes the draft, and then
the old photo's files are gone."""

from pathlib import Path

from playwright.sync_api import expect

from professions.models import Profession
from tests.browser.helpers import run_axe
from tests.image_files import image_bytes, upload


def public_image_src(page, site, profession):
    page.goto(site + profession.get_absolute_url())
    image = page.locator("main picture img")
    expect(image).to_be_visible()
    return image.evaluate("img => img.complete && img.naturalWidth > 0 ? img.currentSrc : ''")


def test_an_editor_saves_a_draft_with_a_photo_and_sees_it_waiting(sign_in, roles, media_root):
    site = roles
    profession = Profession.objects.get(slug="dietitians")
    profession.image = upload("old-photo.jpg", image_bytes((1000, 700)))
    profession.image_alt = "A dietitian with a client"
    profession.save()
    old = Path(media_root, profession.image.name)

    editor = sign_in(site, "content-editor")
    editor.goto(f"{site}/admin/professions/profession/{profession.pk}/draft/")
    editor.set_input_files(
        "#id_image",
        files=[{"name": "New photo.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}],
    )
    editor.get_by_role("button", name="Save as draft").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("The draft was saved")

    waiting = editor.locator(".toolkit-draft-image")
    expect(waiting).to_contain_text("A new image is waiting in this draft")
    expect(waiting).to_contain_text("new-photo-")
    thumbnail = waiting.locator("img")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(
        editor.get_by_label("Remove the draft’s new image (keep the current one)")
    ).not_to_be_checked()
    assert run_axe(editor) == []

    assert "/old-photo-" in public_image_src(editor, site, profession)

    publisher = sign_in(site, "publisher")
    publisher.goto(f"{site}/admin/professions/profession/{profession.pk}/change/")
    expect(publisher.locator(".toolkit-draft-image")).to_contain_text("new-photo-")
    publisher.get_by_role("button", name="Publish draft").click()
    expect(publisher.locator(".messagelist .success")).to_be_visible()

    assert "/new-photo-" in public_image_src(publisher, site, profession)
    assert not old.exists()
    assert not list(Path(media_root, "renditions", "professions").glob(f"{old.stem}-*"))
