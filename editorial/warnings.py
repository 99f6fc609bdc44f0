"""Content warnings: what an editor should look at before the public does, shown on save and
by ``manage.py content_report``."""

from editorial.images import missing_alt_text_warnings
from editorial.links import broken_link_warnings, link_text_warnings


def content_warnings(obj) -> list[str]:
    return [
        *obj.content_warnings(),
        *broken_link_warnings(obj),
        *link_text_warnings(obj),
        *missing_alt_text_warnings(obj),
    ]
