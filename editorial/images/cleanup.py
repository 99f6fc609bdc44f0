"""An image's files (its source and its renditions) are deleted once nothing needs them: no
item's file field, no draft and no version in the history names the source. Deletion waits
for the transaction to commit, so a save that is rolled back (a preview) deletes nothing."""

import json
import logging
from datetime import timedelta
from functools import partial
from pathlib import PurePosixPath

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from editorial.images.renditions import RENDITIONS_DIR, rendition_pattern
from editorial.images.uploads import MIME

logger = logging.getLogger(__name__)

DRAFTS_DIR = "drafts"


def file_fields():
    """Every concrete file field of every installed model."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def in_history(name: str) -> bool:
    """Whether a version of anything in django-reversion's history names the file."""
    from reversion.models import Version

    return Version.objects.filter(serialized_data__contains=json.dumps(name)).exists()


def in_drafts(name: str) -> bool:
    from editorial.models import Draft

    return (
        Draft.objects.annotate(files_text=Cast("files", models.TextField()))
        .filter(files_text__contains=json.dumps(name))
        .exists()
    )


def is_referenced(name: str) -> bool:
    return (
        any(
            model._base_manager.filter(**{field.name: name}).exists()
            for model, field in file_fields()
        )
        or in_drafts(name)
        or in_history(name)
    )


def rendition_files(storage, name: str) -> list[str]:
    folder = str(PurePosixPath(RENDITIONS_DIR) / PurePosixPath(name).parent)
    try:
        _, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    pattern = rendition_pattern(name)
    return [f"{folder}/{file}" for file in files if pattern.fullmatch(file)]


def delete_image_files(storage, name: str) -> list[str]:
    """Delete the source and its renditions; the names deleted."""
    deleted = []
    for target in [name, *rendition_files(storage, name)]:
        if storage.exists(target):
            storage.delete(target)
            deleted.append(target)
    return deleted


def _delete_unreferenced(storage, names):
    for name in names:
        try:
            if not is_referenced(name):
                delete_image_files(storage, name)
        except OSError as error:  # a file system problem must not fail the editor's save
            logger.warning("Could not delete the image %s: %s", name, error)


def delete_when_unreferenced(storage, names) -> None:
    """Once the current transaction commits, delete each image nothing references then."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(partial(_delete_unreferenced, storage, names))


def storage_of(model, field_name: str):
    try:
        return model._meta.get_field(field_name).storage
    except (AttributeError, LookupError):  # the model or the field is gone
        return default_storage


def delete_files_when_unreferenced(model, files: dict[str, str]) -> None:
    """``delete_when_unreferenced`` for ``model``'s files by field name (a draft's)."""
    for field_name, name in files.items():
        delete_when_unreferenced(storage_of(model, field_name), [name])


# -- purge_images ----------------------------------------------------------------------------


def image_dirs() -> set[str]:
    """The folders images are uploaded to (each image field's ``upload_to``), and drafts'."""
    from editorial.images.fields import ResponsiveImageField

    dirs = {DRAFTS_DIR}
    for _, field in file_fields():
        if isinstance(field, ResponsiveImageField) and isinstance(field.upload_to, str):
            dirs.add(field.upload_to.strip("/"))
    return {folder for folder in dirs if folder}


def walk(storage, folder: str):
    try:
        dirs, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for file in files:
        yield f"{folder}/{file}"
    for sub in dirs:
        yield from walk(storage, f"{folder}/{sub}")


def _old_enough(storage, name, cutoff) -> bool:
    try:
        return storage.get_modified_time(name) < cutoff
    except (NotImplementedError, OSError):
        return True


def orphaned_images(storage, *, min_age: timedelta = timedelta(days=1)) -> list[str]:
    """Image files and renditions nothing references. Files younger than ``min_age`` are
    left alone: one may belong to a save whose transaction has not committed yet."""
    stored = {
        str(name)
        for model, field in file_fields()
        for name in model._base_manager.exclude(**{field.name: ""}).values_list(
            field.name, flat=True
        )
        if name
    }
    from editorial.models import Draft

    stored |= {
        name for files in Draft.objects.values_list("files", flat=True) for name in files.values()
    }
    cutoff = timezone.now() - min_age
    needed = {}

    def needs(name):
        if name not in needed:
            needed[name] = name in stored or in_history(name)
        return needed[name]

    orphans = []
    for folder in sorted(image_dirs()):
        for name in walk(storage, folder):
            if not needs(name) and _old_enough(storage, name, cutoff):
                orphans.append(name)
    for name in walk(storage, RENDITIONS_DIR):
        source = PurePosixPath(name).relative_to(RENDITIONS_DIR)
        stem = source.stem.rsplit("-", 1)[0]
        sources = [str(source.parent / f"{stem}.{extension}") for extension in MIME]
        if not any(needs(s) for s in sources) and _old_enough(storage, name, cutoff):
            orphans.append(name)
    return orphans
