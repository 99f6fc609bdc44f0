"""A draft keeps its uploads: an editor's new photo for a published profession waits in the
draft (shown in the draft's form, previewed with it), the public page keeps the old one until
a publisher publishes the draft; then the old photo's files go, unless the history needs them."""

import re
from pathlib import Path

import pytest
import reversion
from django.contrib.messages import get_messages
from django.test import Client

from editorial.models import Draft
from professions.models import Profession
from tests.forms import submitted
from tests.image_files import image_bytes, upload
from tests.users import make_user

pytestmark = pytest.mark.django_db

BASE = "/admin/professions/profession/"
PUBLIC_IMAGE = re.compile(r'src="/media/(renditions/professions/[a-z0-9-]+)-\d+w\.jpg"')


def signed_in(role):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(make_user(role=role))
    return client


@pytest.fixture
def editor():
    return signed_in("editor")


@pytest.fixture
def publisher():
    return signed_in("publisher")


def with_image(profession, name="old-photo.jpg", size=(1000, 700)):
    profession.image = upload(name, image_bytes(size))
    profession.image_alt = "Two therapists talking with a client"
    profession.image_decorative = False
    profession.save()
    return profession


@pytest.fixture
def profession(media_root):
    """A published profession with a photo saved outside the admin: no version names it."""
    return with_image(Profession.objects.get(slug="occupational-therapists"))


def url(profession, view):
    return f"{BASE}{profession.pk}/{view}/"


def files_of(media_root, name) -> list[Path]:
    """The stored source and every rendition of the image ``name``."""
    stem = Path(name).stem
    renditions = Path(media_root, "renditions", Path(name).parent).glob(f"{stem}-*w.*")
    return [p for p in [Path(media_root, name), *renditions] if p.is_file()]


def public_image(client, profession) -> str:
    """The stored name (without extension) of the photo the public page shows."""
    html = client.get(profession.get_absolute_url()).content.decode()
    found = {m.removeprefix("renditions/") for m in PUBLIC_IMAGE.findall(html)}
    assert len(found) == 1, found
    return found.pop()


def save_draft(client, profession, **changes):
    form = client.get(url(profession, "draft"))
    data = {**submitted(form), **changes, "_save_draft": "Save as draft"}
    return client.post(url(profession, "draft"), data)


def publish_draft(client, profession, **changes):
    form = client.get(url(profession, "change"))
    data = {**submitted(form), **changes, "_publish_draft": "Publish draft"}
    return client.post(url(profession, "change"), data)


def test_a_new_photo_waits_in_the_draft_then_replaces_the_old_one_when_published(
    editor, publisher, client, profession, media_root, django_capture_on_commit_callbacks
):
    old = profession.image.name
    assert public_image(client, profession) == Path(old).with_suffix("").as_posix()
    old_files = files_of(media_root, old)
    assert len(old_files) > 2  # the source and its renditions

    response = save_draft(editor, profession, image=upload("New Photo.jpg", image_bytes()))
    assert response.status_code == 302
    assert "The draft was saved" in " ".join(map(str, get_messages(response.wsgi_request)))
    draft = Draft.objects.get(object_id=profession.pk)
    assert re.fullmatch(
        r"drafts/professions/profession/new-photo-[0-9a-f]{12}\.jpg", draft.files["image"]
    )
    # The public still sees the old photo.
    assert public_image(client, profession) == Path(old).with_suffix("").as_posix()

    # The editor sees the new photo waiting, by name and as a thumbnail.
    html = editor.get(url(profession, "draft")).content.decode()
    waiting = Path(draft.files["image"]).name
    assert "A new image is waiting in this draft" in html
    assert waiting in html
    assert re.search(
        rf'<img src="/media/renditions/drafts/professions/profession/'
        rf'{Path(waiting).stem}-\d+w\.webp"',
        html,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_draft(publisher, profession)
    assert response.status_code == 302
    profession.refresh_from_db()
    assert re.fullmatch(r"professions/new-photo-[0-9a-f]{12}\.jpg", profession.image.name)
    # The same bytes as the draft's: stored once cleaned, not re-encoded.
    assert Path(profession.image.name).name == waiting
    assert (profession.image_width, profession.image_height) == (1200, 800)
    assert (
        public_image(client, profession) == Path(profession.image.name).with_suffix("").as_posix()
    )
    assert not Draft.objects.filter(object_id=profession.pk).exists()
    # Nothing names the old photo or the draft's copy any more: their files are gone.
    assert [p for p in old_files if p.exists()] == []
    assert files_of(media_root, draft.files["image"]) == []
    assert len(files_of(media_root, profession.image.name)) > 2


def test_the_old_photo_stays_while_a_version_in_the_history_names_it(
    editor, publisher, client, media_root, django_capture_on_commit_callbacks
):
    profession = Profession.objects.get(slug="occupational-therapists")
    with reversion.create_revision():
        with_image(profession)
    old = profession.image.name
    old_files = files_of(media_root, old)

    save_draft(editor, profession, image=upload("new.jpg", image_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        publish_draft(publisher, profession)
    profession.refresh_from_db()
    assert profession.image.name != old
    assert public_image(client, profession) != Path(old).with_suffix("").as_posix()
    assert [p for p in old_files if p.exists()] == old_files  # restoring still finds it


def test_discarding_the_draft_deletes_its_photo(
    editor, client, profession, media_root, django_capture_on_commit_callbacks
):
    save_draft(editor, profession, image=upload("new.jpg", image_bytes()))
    stored = Draft.objects.get(object_id=profession.pk).files["image"]
    editor.get(url(profession, "draft"))  # its thumbnail made renditions
    assert len(files_of(media_root, stored)) > 1
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url(profession, "draft"), {"_discard_draft": "Discard draft"})
    assert response.status_code == 302
    assert not Draft.objects.filter(object_id=profession.pk).exists()
    assert files_of(media_root, stored) == []
    assert files_of(media_root, profession.image.name)  # the published photo stays


def test_a_new_draft_keeps_the_earlier_upload_and_a_new_file_replaces_it(
    editor, profession, media_root, django_capture_on_commit_callbacks
):
    save_draft(editor, profession, image=upload("first.jpg", image_bytes()))
    first = Draft.objects.get(object_id=profession.pk).files["image"]
    save_draft(editor, profession, summary="A new summary.")
    draft = Draft.objects.get(object_id=profession.pk)
    assert draft.files["image"] == first
    assert draft.data["summary"] == ["A new summary."]

    with django_capture_on_commit_callbacks(execute=True):
        save_draft(editor, profession, image=upload("second.png", image_bytes(fmt="PNG")))
    second = Draft.objects.get(object_id=profession.pk).files["image"]
    assert re.fullmatch(r"drafts/professions/profession/second-[0-9a-f]{12}\.png", second)
    assert files_of(media_root, first) == []
    assert files_of(media_root, second)


def test_the_box_by_the_drafts_photo_drops_it_and_keeps_the_current_one(
    editor, publisher, client, profession, media_root, django_capture_on_commit_callbacks
):
    old = profession.image.name
    save_draft(editor, profession, image=upload("new.jpg", image_bytes()))
    stored = Draft.objects.get(object_id=profession.pk).files["image"]
    html = editor.get(url(profession, "draft")).content.decode()
    assert "Remove the draft’s new image (keep the current one)" in html
    with django_capture_on_commit_callbacks(execute=True):
        save_draft(editor, profession, **{"image-clear": "on"})
    draft = Draft.objects.get(object_id=profession.pk)
    assert draft.files == {}
    assert files_of(media_root, stored) == []
    html = editor.get(url(profession, "draft")).content.decode()
    assert "A new image is waiting" not in html and "This draft removes the image" not in html

    with django_capture_on_commit_callbacks(execute=True):
        publish_draft(publisher, profession)
    profession.refresh_from_db()
    assert profession.image.name == old
    assert files_of(media_root, old)


def test_clear_in_a_draft_removes_the_photo_when_published(
    editor, publisher, client, profession, media_root, django_capture_on_commit_callbacks
):
    old = profession.image.name
    old_files = files_of(media_root, old)
    save_draft(editor, profession, **{"image-clear": "on", "image_alt": ""})
    html = editor.get(url(profession, "draft")).content.decode()
    assert "This draft removes the image" in html
    assert re.search(
        r'<input type="checkbox" name="image-clear" id="image-clear_id" checked>', html
    )
    assert public_image(client, profession) == Path(old).with_suffix("").as_posix()

    form = publisher.get(url(profession, "change"))
    assert "This draft removes the image" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher.post(
            url(profession, "change"),
            {**submitted(form), "image-clear": "on", "_publish_draft": "Publish draft"},
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    profession.refresh_from_db()
    assert not profession.image
    assert (
        "renditions/professions" not in client.get(profession.get_absolute_url()).content.decode()
    )
    assert [p for p in old_files if p.exists()] == []


def test_the_preview_shows_the_drafts_photo_and_its_rollback_deletes_nothing(
    editor, client, profession, media_root, django_capture_on_commit_callbacks
):
    old = profession.image.name
    old_files = files_of(media_root, old)
    save_draft(editor, profession, image=upload("new.jpg", image_bytes()))
    stored = Draft.objects.get(object_id=profession.pk).files["image"]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        html = editor.get(url(profession, "preview")).content.decode()
    assert f"/media/renditions/{Path(stored).with_suffix('')}-" in html
    assert f"/media/renditions/{Path(old).with_suffix('')}-" not in html
    assert callbacks == []
    assert [p for p in old_files if p.exists()] == old_files
    assert files_of(media_root, stored)
    profession.refresh_from_db()
    assert profession.image.name == old
    assert public_image(client, profession) == Path(old).with_suffix("").as_posix()


def test_a_draft_upload_is_checked_like_any_other(editor, profession, media_root):
    response = save_draft(editor, profession, image=upload("notes.jpg", b"%PDF-1.4 not a picture"))
    assert response.status_code == 200
    assert "The file is not a JPEG, PNG or WebP image." in response.content.decode()
    assert not Draft.objects.filter(object_id=profession.pk).exists()
    assert not Path(media_root, "drafts").exists()
