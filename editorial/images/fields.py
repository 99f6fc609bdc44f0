"""The model field, and the alternative-text rules that go with it."""

from django.core.files.base import ContentFile
from django.db import models
from django.db.models import signals

from editorial.images import cleanup
from editorial.images.renditions import renditions
from editorial.images.uploads import (
    MESSAGES,
    ImageUploadField,
    cleaned_upload,
    hashed_filename,
    validate_upload,
)

BEFORE_SAVE = "_image_names_before_save"


class ResponsiveImageField(models.ImageField):
    """An image checked by content, stored as ``<name>-<content hash>.<format>`` without
    metadata, with renditions made when it is saved (and again if any go missing). A file
    the item no longer uses, replaced or deleted with it, is deleted once nothing else
    references it (editorial/images/cleanup.py)."""

    default_validators = [validate_upload]

    def __init__(self, *args, alt_field=None, decorative_field=None, **kwargs):
        self.alt_field = alt_field
        self.decorative_field = decorative_field
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            signals.pre_save.connect(self._remember_stored, sender=cls)
            signals.post_save.connect(self._forget_replaced, sender=cls)
            signals.post_delete.connect(self._forget_deleted, sender=cls)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            data, extension = cleaned_upload(file.file)
            filename = hashed_filename(file.name, data, extension)
            name = self.generate_filename(model_instance, filename)
            if self.storage.exists(name):
                # The same picture again: the stored file is already this content.
                setattr(model_instance, self.attname, name)
            else:
                file.save(filename, ContentFile(data, name=filename), save=False)
        file = super().pre_save(model_instance, add)
        if file:
            renditions(file)
        return file

    # -- the files an item stops using ---------------------------------------------------

    def _remember_stored(self, sender, instance, update_fields=None, **kwargs):
        if instance.pk is None or (update_fields is not None and self.name not in update_fields):
            return
        stored = (
            sender._base_manager.filter(pk=instance.pk).values_list(self.attname, flat=True).first()
        )
        instance.__dict__.setdefault(BEFORE_SAVE, {})[self.attname] = stored

    def _forget_replaced(self, sender, instance, **kwargs):
        before = instance.__dict__.get(BEFORE_SAVE, {}).pop(self.attname, None)
        after = getattr(instance, self.attname)
        if before and before != (after.name if after else ""):
            cleanup.delete_when_unreferenced(self.storage, [before])

    def _forget_deleted(self, sender, instance, **kwargs):
        file = getattr(instance, self.attname)
        if file:
            cleanup.delete_when_unreferenced(self.storage, [file.name])


def image_fields(instance):
    return [f for f in instance._meta.fields if isinstance(f, ResponsiveImageField)]


def alt_text_errors(instance) -> dict[str, str]:
    """Alternative text is required with an image, unless the image is marked decorative."""
    errors = {}
    for field in image_fields(instance):
        alt = (getattr(instance, field.alt_field) or "").strip()
        decorative = getattr(instance, field.decorative_field)
        if getattr(instance, field.attname) and not alt and not decorative:
            errors[field.alt_field] = MESSAGES["alt_missing"]
        elif decorative and alt:
            errors[field.alt_field] = MESSAGES["alt_and_decorative"]
    return errors


def missing_alt_text_warnings(instance) -> list[str]:
    """For content that reached the database without the form's check (loader, import)."""
    return [
        f"The {field.verbose_name} has no alternative text: describe it, or mark it decorative."
        for field in image_fields(instance)
        if getattr(instance, field.attname)
        and not (getattr(instance, field.alt_field) or "").strip()
        and not getattr(instance, field.decorative_field)
    ]
