"""Uploaded images: checked by what they contain, stored without metadata, and served as
resized renditions in a responsive ``<picture>``.

An app declares ``ResponsiveImageField(alt_field=..., decorative_field=...)`` beside a
``CharField`` for the alternative text and a ``BooleanField`` for "decorative", calls
``alt_text_errors(self)`` from its model's ``clean()``, and shows the image with ``picture()``
in its template (a Jinja2 global) and ``admin_thumbnail()`` in its admin.

``uploads`` checks and cleans an upload, ``fields`` stores it, ``renditions`` resizes and
shows it, ``cleanup`` deletes the files nothing needs any more (``manage.py purge_images``).
"""

from editorial.images.cleanup import delete_image_files, delete_when_unreferenced, is_referenced
from editorial.images.fields import (
    ResponsiveImageField,
    alt_text_errors,
    image_fields,
    missing_alt_text_warnings,
)
from editorial.images.renditions import (
    RENDITIONS_DIR,
    WIDTHS,
    Rendition,
    admin_thumbnail,
    alt_text,
    image_size,
    picture,
    rendition_name,
    rendition_widths,
    renditions,
    srcset,
    stored_thumbnail,
)
from editorial.images.uploads import (
    ACCEPT,
    ENCODERS,
    FORMATS,
    MAX_BYTES,
    MAX_PIXELS,
    MESSAGES,
    MIME,
    QUALITY,
    ImageUploadField,
    clean_bytes,
    open_upload,
    strict_decoding,
    validate_upload,
)

__all__ = [
    "ACCEPT",
    "ENCODERS",
    "FORMATS",
    "MAX_BYTES",
    "MAX_PIXELS",
    "MESSAGES",
    "MIME",
    "QUALITY",
    "RENDITIONS_DIR",
    "WIDTHS",
    "ImageUploadField",
    "Rendition",
    "ResponsiveImageField",
    "admin_thumbnail",
    "alt_text",
    "alt_text_errors",
    "clean_bytes",
    "delete_image_files",
    "delete_when_unreferenced",
    "image_fields",
    "image_size",
    "is_referenced",
    "missing_alt_text_warnings",
    "open_upload",
    "picture",
    "rendition_name",
    "rendition_widths",
    "renditions",
    "srcset",
    "stored_thumbnail",
    "strict_decoding",
    "validate_upload",
]
