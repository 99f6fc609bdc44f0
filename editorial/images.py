"""Uploaded images: checked by what they contain, stored without metadata, and served as
resized renditions in a responsive ``<picture>``.

An app declares ``ResponsiveImageField(alt_field=..., decorative_field=...)`` beside a
``CharField`` for the alternative text and a ``BooleanField`` for "decorative", calls
``alt_text_errors(self)`` from its model's ``clean()``, and shows the image with ``picture()``
in its template (a Jinja2 global) and ``admin_thumbnail()`` in its admin.
"""

import hashlib
import io
import logging
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from markupsafe import Markup
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow's decoded format -> the extension we store it under. MPO is the multi-picture JPEG
# many phone cameras write; it is kept as a plain JPEG.
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}
MIME = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
WIDTHS = (320, 640, 960)
RENDITIONS_DIR = "renditions"
QUALITY = 85
# How each format we store is written: Pillow's format name and its save options.
ENCODERS = {
    "jpg": ("JPEG", {"quality": QUALITY, "optimize": True}),
    "png": ("PNG", {"optimize": True}),
    "webp": ("WEBP", {"quality": QUALITY}),
}
ACCEPT = ",".join(MIME.values())

MESSAGES = {
    "too_big": "The image is {size:.1f} MB: it must be 5 MB or smaller.",
    "bomb": (
        "The image is too large to process safely ({pixels:,} pixels or more): "
        "it must be 40 megapixels or fewer."
    ),
    "not_image": "The file is not a JPEG, PNG or WebP image.",
    "wrong_format": "The image is a {format} file: upload a JPEG, PNG or WebP image.",
    "too_many_pixels": (
        "The image is {width:,} × {height:,} pixels ({megapixels:.0f} megapixels): "
        "it must be 40 megapixels or fewer."
    ),
    "damaged": (
        "The image file is damaged or incomplete, so it cannot be read: "
        "export or download it again and upload the new file."
    ),
    "alt_missing": (
        "Enter alternative text for the image, or tick “Decorative image” if it adds "
        "nothing that the text does not already say."
    ),
    "alt_and_decorative": (
        "A decorative image has no alternative text: clear this box, or untick “Decorative image”."
    ),
}


_strict_lock = threading.Lock()


@contextmanager
def strict_decoding():
    """Refuse truncated images while decoding an upload. WeasyPrint, once imported, tells
    Pillow to accept them for the whole process (ImageFile.LOAD_TRUNCATED_IMAGES)."""
    with _strict_lock:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def open_upload(file) -> Image.Image:
    """The uploaded image, decoded in full: a ``ValidationError`` for anything we do not accept."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(MESSAGES["too_big"].format(size=size / 1024 / 1024), "too_big")
    if hasattr(file, "seek"):
        file.seek(0)
    with warnings.catch_warnings():
        # Pillow only warns below twice its limit; either is a bomb to us.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(file)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                MESSAGES["bomb"].format(pixels=Image.MAX_IMAGE_PIXELS), "bomb"
            ) from error
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise ValidationError(MESSAGES["not_image"], "not_image") from error
        if image.format not in FORMATS:
            raise ValidationError(
                MESSAGES["wrong_format"].format(format=image.format or "unknown"), "wrong_format"
            )
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ValidationError(
                MESSAGES["too_many_pixels"].format(
                    width=width, height=height, megapixels=width * height / 1_000_000
                ),
                "too_many_pixels",
            )
        try:
            with strict_decoding():
                image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(
                MESSAGES["bomb"].format(pixels=Image.MAX_IMAGE_PIXELS), "bomb"
            ) from error
        except (OSError, ValueError, SyntaxError) as error:
            raise ValidationError(MESSAGES["damaged"], "damaged") from error
    return image


def clean_bytes(image: Image.Image) -> tuple[bytes, str]:
    """Re-encode a decoded upload: turned upright by its EXIF orientation, then saved with
    no EXIF, XMP, comments or text chunks (only the colour profile and transparency kept)."""
    source_format = image.format
    upright = ImageOps.exif_transpose(image)
    upright.info = {
        key: image.info[key] for key in ("icc_profile", "transparency") if key in image.info
    }
    extension = FORMATS[source_format]
    output = io.BytesIO()
    pillow_format, options = ENCODERS[extension]
    upright.save(output, pillow_format, **options)
    return output.getvalue(), extension


class ImageUploadField(forms.ImageField):
    """A form field giving a clear message for each kind of file we refuse."""

    # The content decides, not the file name's extension.
    default_validators = []

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        image = open_upload(file)
        file.image = image
        file.content_type = Image.MIME.get(image.format)
        file.seek(0)
        return file

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ACCEPT}


def validate_upload(value):
    """Model-level check of a new upload (one already stored was checked when it came in)."""
    if getattr(value, "_committed", True) or getattr(value.file, "image", None) is not None:
        return  # stored already, or checked by ImageUploadField
    value.file.image = open_upload(value.file)


class ResponsiveImageField(models.ImageField):
    """An image checked by content, stored as ``<name>-<content hash>.<format>`` without
    metadata, with renditions made when it is saved (and again if any go missing)."""

    default_validators = [validate_upload]

    def __init__(self, *args, alt_field=None, decorative_field=None, **kwargs):
        self.alt_field = alt_field
        self.decorative_field = decorative_field
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            image = getattr(file.file, "image", None) or open_upload(file.file)
            data, extension = clean_bytes(image)
            stem = slugify(PurePosixPath(file.name).stem)[:40] or "image"
            digest = hashlib.sha256(data).hexdigest()[:12]
            filename = f"{stem}-{digest}.{extension}"
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


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int
    mime: str


def image_size(file) -> tuple[int, int]:
    """Width and height from the model's dimension fields, so rendering opens no file."""
    field = file.field
    if field.width_field and field.height_field:
        width = getattr(file.instance, field.width_field)
        height = getattr(file.instance, field.height_field)
        if width and height:
            return width, height
    return file.width, file.height


def rendition_widths(source_width: int) -> list[int]:
    """The standard widths narrower than the source, and the source's own if it is narrower
    than the widest: never enlarged."""
    widths = [width for width in WIDTHS if width < source_width]
    largest = min(source_width, WIDTHS[-1])
    return widths if largest in widths else [*widths, largest]


def rendition_name(source_name: str, width: int, extension: str) -> str:
    source = PurePosixPath(source_name)
    return str(
        PurePosixPath(RENDITIONS_DIR) / source.parent / f"{source.stem}-{width}w.{extension}"
    )


def renditions(file) -> dict[str, list[Rendition]]:
    """The image's renditions by MIME type (WebP first, then the source's own format), each
    made once: the name is keyed on the source's name, which carries its content hash."""
    width, height = image_size(file)
    extensions = ["webp"] + [e for e in [PurePosixPath(file.name).suffix[1:]] if e != "webp"]
    storage = file.storage
    found = {}
    source = None
    for extension in extensions:
        found[MIME[extension]] = []
        for target in rendition_widths(width):
            name = rendition_name(file.name, target, extension)
            target_height = max(1, round(height * target / width))
            if not storage.exists(name):
                if source is None:
                    with file.open("rb") as handle:
                        source = Image.open(handle)
                        source.load()
                _save_rendition(storage, name, source, (target, target_height), extension)
            found[MIME[extension]].append(
                Rendition(storage.url(name), target, target_height, MIME[extension])
            )
    return found


def _save_rendition(storage, name, source, size, extension):
    has_alpha = source.mode in {"RGBA", "LA", "PA"} or "transparency" in source.info
    image = source.convert("RGBA" if has_alpha and extension != "jpg" else "RGB")
    image = image.resize(size, Image.Resampling.LANCZOS)
    output = io.BytesIO()
    pillow_format, options = ENCODERS[extension]
    image.save(output, pillow_format, **options)
    saved = storage.save(name, ContentFile(output.getvalue()))
    if saved != name:
        # Made at the same moment by another request: keep the one under the right name.
        storage.delete(saved)


def alt_text(file) -> str:
    """The text a screen reader gets: empty for a decorative image."""
    instance, field = file.instance, file.field
    if field.decorative_field and getattr(instance, field.decorative_field):
        return ""
    return getattr(instance, field.alt_field, "") if field.alt_field else ""


def picture(file, sizes="100vw", css_class="nhsuk-image__img") -> Markup:
    """A ``<picture>`` with WebP and the source format at each rendition width."""
    if not file or not file._committed:
        return Markup("")
    try:
        sets = renditions(file)
    except (OSError, ValueError) as error:
        logger.warning("Image %s cannot be shown: %s", file.name, error)
        return Markup("")
    fallback = sets[MIME[PurePosixPath(file.name).suffix[1:]]]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((mime, srcset(items), sizes) for mime, items in sets.items() if items is not fallback),
    )
    largest = fallback[-1]
    return format_html(
        '<picture>{}<img class="{}" src="{}" srcset="{}" sizes="{}" width="{}" height="{}" '
        'alt="{}" decoding="async"></picture>',
        sources,
        css_class,
        largest.url,
        srcset(fallback),
        sizes,
        largest.width,
        largest.height,
        alt_text(file),
    )


def srcset(items: list[Rendition]) -> str:
    return ", ".join(f"{item.url} {item.width}w" for item in items)


def admin_thumbnail(field_name: str, description: str, width: int = 80, with_alt=False):
    """A ``list_display`` or ``readonly_fields`` column showing the image small."""

    def thumbnail(model_admin, obj):
        file = getattr(obj, field_name)
        if not file or not file._committed:  # nothing, or an upload the form refused
            return "–"
        try:
            smallest = renditions(file)["image/webp"][0]
        except (OSError, ValueError):
            return "Image file missing"
        height = max(1, round(smallest.height * width / smallest.width))
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}">',
            smallest.url,
            width,
            height,
            alt_text(file) if with_alt else "",
        )

    thumbnail.short_description = description
    return thumbnail


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
