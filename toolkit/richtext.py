"""Rich text: stored as HTML that has passed an allow-list (nh3), written in Markdown by the
content loader."""

import markdown as markdown_lib
import nh3
from django.db import models
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def markdown_to_html(text: str) -> str:
    return sanitise(markdown_lib.markdown(text or "", output_format="html"))


def render(html: str) -> Markup:
    """Mark stored rich text safe for templates, sanitising again in case it bypassed save()."""
    return Markup(sanitise(html))


class RichTextField(models.TextField):
    """A TextField whose HTML is sanitised every time it is saved."""

    def pre_save(self, model_instance, add):
        value = sanitise(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
