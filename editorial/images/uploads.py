"""Uploads checked by what they contain and re-encoded without metadata."""

import hashlib
import io
import re
import threading
import warnings
from contextlib import contextmanager
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow's decoded format -> the extension we store it under. MPO is the multi-picture JPEG
# many phone cameras write; it is kept as a plain JPEG.
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}
MIME = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
QUALITY = 85
# How each format we store is written: Pillow's format name and its save options.
ENCODERS = {
    "jpg": ("JPEG", {"quality": QUALITY, "optimize": True}),
    "png": ("PNG", {"optimize": True}),
    "webp": ("WEBP", {"quality": QUALITY}),
}
ACCEPT = ",".join(MIME.values())
HASH_SUFFIX = re.compile(r"-[0-9a-f]{12}$")

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


def _bomb():
    return ValidationError(MESSAGES["bomb"].format(pixels=Image.MAX_IMAGE_PIXELS), "bomb")


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
            raise _bomb() from error
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
            raise _bomb() from error
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


def cleaned_upload(file) -> tuple[bytes, str]:
    """The bytes to store for an upload, and their extension. A file already cleaned (a
    draft's, being published) carries its bytes, so it is not re-encoded a second time."""
    cleaned = getattr(file, "cleaned", None)
    if cleaned is not None:
        return cleaned
    return clean_bytes(getattr(file, "image", None) or open_upload(file))


def hashed_filename(original_name: str, data: bytes, extension: str) -> str:
    """``<stem>-<content hash>.<extension>``: a stem that carries a hash already (a draft's
    file) keeps one, the same, as the hash is of the same bytes."""
    stem = HASH_SUFFIX.sub("", PurePosixPath(original_name).stem)
    stem = slugify(stem)[:40] or "image"
    digest = hashlib.sha256(data).hexdigest()[:12]
    return f"{stem}-{digest}.{extension}"


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
