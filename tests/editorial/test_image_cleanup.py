"""A replaced or deleted image's files (its source and its renditions) are deleted once the
save commits, unless another item, a draft or a version in the history still names it; and
``purge_images`` deletes the files nothing names."""

import os
import time
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from careers.models import CareerStory
from editorial.models import Draft
from professions.models import Profession
from tests.forms import submitted
from tests.image_files import image_bytes, upload
from tests.users import make_user

pytestmark = pytest.mark.django_db

CHANGE = "/admin/professions/profession/{}/change/"


def files_of(media_root, name) -> list[Path]:
    stem = Path(name).stem
    renditions = Path(media_root, "renditions", Path(name).parent).glob(f"{stem}-*w.*")
    return sorted(p for p in [Path(media_root, name), *renditions] if p.is_file())


def give_image(obj, name="photo.jpg", size=(800, 600), field="image"):
    setattr(obj, field, upload(name, image_bytes(size)))
    setattr(obj, f"{field}_alt", "A therapist at work")
    obj.save()
    return getattr(obj, field).name


@pytest.fixture
def profession(media_root):
    return Profession.objects.get(slug="dietitians")


@pytest.fixture
def publisher():
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(make_user(role="publisher"))
    return client


def test_a_publisher_replacing_the_image_deletes_the_old_files(
    publisher, profession, media_root, django_capture_on_commit_callbacks
):
    old = give_image(profession, "old.jpg")
    old_files = files_of(media_root, old)
    assert len(old_files) == 7  # the source, 320, 640 and 800 wide in WebP and JPEG
    form = publisher.get(CHANGE.format(profession.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher.post(
            CHANGE.format(profession.pk),
            {**submitted(form), "image": upload("new.jpg", image_bytes()), "_save": "Save"},
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    profession.refresh_from_db()
    assert profession.image.name.startswith("professions/new-")
    assert [p for p in old_files if p.exists()] == []
    assert files_of(media_root, profession.image.name)
    # The publisher's save made a version naming the new image: replacing it again keeps it.
    current = profession.image.name
    form = publisher.get(CHANGE.format(profession.pk))
    with django_capture_on_commit_callbacks(execute=True):
        publisher.post(
            CHANGE.format(profession.pk),
            {
                **submitted(form),
                "image": upload("newer.png", image_bytes(fmt="PNG")),
                "_save": "Save",
            },
        )
    assert files_of(media_root, current)


def test_deleting_the_item_deletes_its_files(
    publisher, media_root, django_capture_on_commit_callbacks
):
    profession = Profession.objects.create(
        name="Short-lived", summary="s", description="<p>d</p>", status="draft"
    )
    name = give_image(profession)
    assert files_of(media_root, name)
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher.post(
            f"/admin/professions/profession/{profession.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Profession.objects.filter(pk=profession.pk).exists()
    assert files_of(media_root, name) == []


def test_a_deleted_item_kept_in_the_history_keeps_its_files(
    media_root, django_capture_on_commit_callbacks
):
    profession = Profession.objects.create(name="Kept", summary="s", description="<p>d</p>")
    with reversion.create_revision():
        name = give_image(profession)
    with django_capture_on_commit_callbacks(execute=True):
        profession.delete()
    assert len(files_of(media_root, name)) == 7  # recovering it will find its image


def test_a_file_another_item_or_a_draft_names_is_kept(
    profession, media_root, django_capture_on_commit_callbacks
):
    shared = give_image(profession, "shared.jpg")
    other = Profession.objects.get(slug="art-therapists")
    other.image = shared
    other.save()
    with django_capture_on_commit_callbacks(execute=True):
        give_image(profession, "mine.jpg")
    assert len(files_of(media_root, shared)) == 7

    story = CareerStory.objects.order_by("pk").first()
    Draft.objects.create(content_object=story, data={}, fields=[], files={"photo": shared})
    with django_capture_on_commit_callbacks(execute=True):
        other.image = ""
        other.save()
    assert len(files_of(media_root, shared)) == 7


def test_a_rolled_back_save_deletes_nothing(
    profession, media_root, django_capture_on_commit_callbacks
):
    old = give_image(profession, "old.jpg")
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        give_image(profession, "new.jpg")
        transaction.set_rollback(True)
    assert callbacks == []
    profession.refresh_from_db()
    assert profession.image.name == old
    assert len(files_of(media_root, old)) == 7


def age(path, hours=48):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_purge_images_deletes_only_what_nothing_names(profession, media_root):
    used = give_image(profession, "used.jpg")
    with reversion.create_revision():
        historic = give_image(Profession.objects.get(slug="art-therapists"), "historic.jpg")
    Profession.objects.filter(slug="art-therapists").update(image="")  # only the history has it
    # Files nothing names: an image left behind, its renditions, a stray draft upload.
    orphan = Path(media_root, "professions", "orphan-0123456789ab.jpg")
    orphan.write_bytes(image_bytes((100, 80)))
    orphan_renditions = [
        Path(media_root, "renditions", "professions", f"orphan-0123456789ab-100w.{ext}")
        for ext in ("webp", "jpg")
    ]
    stray = Path(media_root, "drafts", "professions", "profession", "stray-0123456789ab.png")
    stray.parent.mkdir(parents=True)
    for path in [*orphan_renditions, stray]:
        path.write_bytes(b"x")
    recent = Path(media_root, "professions", "just-saved-0123456789ab.jpg")
    recent.write_bytes(b"x")
    for path in Path(media_root).rglob("*"):
        if path.is_file() and path != recent:
            age(path)
    kept = [*files_of(media_root, used), *files_of(media_root, historic), recent]

    out = StringIO()
    call_command("purge_images", "--dry-run", stdout=out)
    assert "Would delete 4 unused image files." in out.getvalue()
    assert "professions/orphan-0123456789ab.jpg" in out.getvalue()
    assert orphan.exists() and stray.exists()

    out = StringIO()
    call_command("purge_images", stdout=out)
    assert "Deleted 4 unused image files." in out.getvalue()
    assert not orphan.exists() and not stray.exists()
    assert not any(p.exists() for p in orphan_renditions)
    assert all(p.exists() for p in kept)

    call_command("purge_images", "--min-age-hours", "0", stdout=StringIO())
    assert not recent.exists()
    assert all(p.exists() for p in kept if p != recent)
