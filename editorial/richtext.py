"""Rich text: stored as HTML that has passed an allow-list (nh3), written in Markdown by the
content loader and with django-prose-editor in the admin."""

import markdown as markdown_lib
import nh3
from django.db import models
from django.utils.html import strip_tags
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# The editor offers exactly what the allow-list keeps: no HTML source, styles, images or tables.
EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
    # Ours (static/js/prose-editor-toolkit.js, registered in settings): see that file.
    "ToolkitEditor": True,
}


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


class RichTextWidget(AdminProseEditorWidget):
    """The prose editor over a plain textarea (which is what people without JavaScript get)."""

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={"cols": "80", "rows": "10", **(attrs or {})}, **kwargs)

    @property
    def media(self):
        # Tiptap's base rules, served as a file because the CSP refuses its injected <style>.
        return super().media + Media(css={"all": ["css/prose-editor.css"]})


class RichTextFormField(ProseEditorFormField):
    def __init__(self, **kwargs):
        kwargs.update(widget=RichTextWidget, config={"extensions": EDITOR_EXTENSIONS})
        super().__init__(sanitize=sanitise, **kwargs)

    def to_python(self, value):
        # An editor left empty still holds "<p></p>": that is no text, so "required" applies.
        value = super().to_python(value)
        return value if strip_tags(value).strip() else ""


class RichTextField(models.TextField):
    """A TextField whose HTML is sanitised every time it is saved."""

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "form_class": RichTextFormField})

    def pre_save(self, model_instance, add):
        value = sanitise(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
