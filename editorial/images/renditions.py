"""Renditions: an image resized to standard widths (WebP and its own format), made once, and
shown in a responsive ``<picture>`` or as an admin thumbnail."""

import io
import logging
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.utils.html import format_html, format_html_join
from markupsafe import Markup
from PIL import Image

from editorial.images.uploads import ENCODERS, MIME

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960)
RENDITIONS_DIR = "renditions"


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


def rendition_pattern(source_name: str) -> re.Pattern:
    """Matches the file names (without their folder) of every rendition of the source."""
    stem = re.escape(PurePosixPath(source_name).stem)
    return re.compile(rf"{stem}-\d+w\.({'|'.join(MIME)})")


def renditions(file) -> dict[str, list[Rendition]]:
    """The image's renditions by MIME type (WebP first, then the source's own format), each
    made once: the name is keyed on the source's name, which carries its content hash."""
    return stored_renditions(file.storage, file.name, image_size(file))


def stored_renditions(storage, name: str, size: tuple[int, int]) -> dict[str, list[Rendition]]:
    """``renditions`` of the image stored under ``name``, ``size`` pixels."""
    width, height = size
    extensions = ["webp"] + [e for e in [PurePosixPath(name).suffix[1:]] if e != "webp"]
    found = {}
    source = None
    for extension in extensions:
        found[MIME[extension]] = []
        for target in rendition_widths(width):
            target_name = rendition_name(name, target, extension)
            target_height = max(1, round(height * target / width))
            if not storage.exists(target_name):
                if source is None:
                    with storage.open(name, "rb") as handle:
                        source = Image.open(handle)
                        source.load()
                _save_rendition(storage, target_name, source, (target, target_height), extension)
            found[MIME[extension]].append(
                Rendition(storage.url(target_name), target, target_height, MIME[extension])
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


def thumbnail_html(sets: dict[str, list[Rendition]], width: int, alt: str = "") -> str:
    smallest = sets["image/webp"][0]
    height = max(1, round(smallest.height * width / smallest.width))
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}">', smallest.url, width, height, alt
    )


def stored_thumbnail(storage, name: str, width: int = 160) -> str:
    """A thumbnail of any stored image (a draft's upload): its size read from the file."""
    try:
        with storage.open(name, "rb") as handle, Image.open(handle) as image:
            size = image.size
        return thumbnail_html(stored_renditions(storage, name, size), width)
    except (OSError, ValueError):
        return "Image file missing"


def admin_thumbnail(field_name: str, description: str, width: int = 80, with_alt=False):
    """A ``list_display`` or ``readonly_fields`` column showing the image small."""

    def thumbnail(model_admin, obj):
        file = getattr(obj, field_name)
        if not file or not file._committed:  # nothing, or an upload the form refused
            return "–"
        try:
            sets = renditions(file)
        except (OSError, ValueError):
            return "Image file missing"
        return thumbnail_html(sets, width, alt_text(file) if with_alt else "")

    thumbnail.short_description = description
    return thumbnail
