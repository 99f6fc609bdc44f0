"""Drafts of published content: changes saved without touching what the public sees, until
a publisher publishes them. A draft keeps its uploads (an image field's new file), stored
cleaned under ``drafts/``, until it is published or discarded."""

from pathlib import PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from editorial.actions.common import may_change
from editorial.actions.publishing import check_publish
from editorial.images import MIME, ResponsiveImageField
from editorial.images.cleanup import DRAFTS_DIR, delete_files_when_unreferenced
from editorial.images.uploads import cleaned_upload, hashed_filename
from editorial.models import Draft
from editorial.publishing import Status


def draft_of(obj) -> Draft | None:
    if obj is None or obj.pk is None:
        return None
    return (
        Draft.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .select_related("saved_by")
        .first()
    )


def _check_edit(user, model) -> None:
    if not may_change(user, model):
        raise PermissionDenied(f"You cannot edit {model._meta.verbose_name_plural}.")


def image_field(model, name: str) -> ResponsiveImageField:
    field = model._meta.get_field(name)
    if not isinstance(field, ResponsiveImageField):
        raise ValueError(f"{name} is not an image field: a draft keeps only images.")
    return field


def clears(data: dict, name: str) -> bool:
    """Whether the submitted form ticked the image field's "Clear" box."""
    return bool(data.get(f"{name}-clear"))


def _store_upload(obj, name: str, upload) -> str:
    opts = obj._meta
    storage = image_field(type(obj), name).storage
    data, extension = cleaned_upload(upload)
    filename = hashed_filename(upload.name, data, extension)
    target = f"{DRAFTS_DIR}/{opts.app_label}/{opts.model_name}/{filename}"
    if storage.exists(target):  # the same picture, stored for this draft already
        return target
    return storage.save(target, ContentFile(data))


@transaction.atomic
def save_draft(
    *, user, obj, data: dict[str, list[str]], fields: list[str], uploads: dict | None = None
) -> Draft:
    """Keep ``data`` (a change form's submitted values, field name to list of values) as the
    draft of the published item ``obj``, replacing any earlier draft, with ``uploads`` (image
    field name to a checked upload).

    An earlier draft's upload stays unless a new one replaces it or the field's "Clear" box
    is ticked: that drops the draft's upload, and the draft then keeps the current image.
    Ticked with no upload in the draft, "Clear" removes the image when the draft is published."""
    _check_edit(user, type(obj))
    model = type(obj)
    if not model._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists():
        raise ValueError("Only published content has drafts: save the item itself.")
    uploads = uploads or {}
    for name in uploads:
        image_field(model, name)
    earlier = draft_of(obj)
    files = dict(earlier.files) if earlier is not None else {}
    data = dict(data)
    unused = {}
    for name, upload in uploads.items():
        stored = _store_upload(obj, name, upload)
        if files.get(name) not in (None, stored):
            unused[name] = files[name]
        files[name] = stored
    for name in [name for name in files if name not in uploads and clears(data, name)]:
        unused[name] = files.pop(name)
        data.pop(f"{name}-clear")
    draft, _ = Draft.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"data": data, "fields": fields, "files": files, "saved_by": user},
    )
    delete_files_when_unreferenced(model, unused)
    return draft


def uploads_to_publish(*, user, draft: Draft, obj) -> dict[str, SimpleUploadedFile]:
    """The draft's uploads as files for the item's form, to save with the draft's data (they
    are stored again through the image field, under its own folder): published content only
    by a publisher, as in ``close_applied_draft``."""
    model = type(obj)
    if obj.status == Status.PUBLISHED:
        check_publish(user=user, model=model)
    else:
        _check_edit(user, model)
    files = {}
    for name, stored in draft.files.items():
        storage = image_field(model, name).storage
        if not storage.exists(stored):
            continue
        with storage.open(stored, "rb") as handle:
            data = handle.read()
        extension = PurePosixPath(stored).suffix[1:]
        upload = SimpleUploadedFile(PurePosixPath(stored).name, data, MIME.get(extension))
        upload.cleaned = (data, extension)  # cleaned when the draft was saved
        files[name] = upload
    return files


def _delete(draft: Draft) -> None:
    draft.delete()  # its files go when it commits (editorial.models)


@transaction.atomic
def discard_draft(*, user, draft: Draft) -> None:
    """Drop the draft and its uploads; the published item is unchanged. Whoever may edit may
    discard."""
    _check_edit(user, draft.content_type.model_class())
    _delete(draft)


@transaction.atomic
def close_applied_draft(*, user, draft: Draft, obj) -> str:
    """The draft's changes were just saved to ``obj`` (by a publisher, if it is published):
    drop the draft and its uploads (the item's field holds its own copy), and return the
    sentence the item's history records."""
    if obj.status == Status.PUBLISHED:
        check_publish(user=user, model=type(obj))
    saved_by = draft.saved_by.get_username() if draft.saved_by else "someone"
    _delete(draft)
    return f"Published the draft saved by {saved_by}."
