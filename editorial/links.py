"""Every web address stored in the content: URL fields and the links inside rich text.

Used by ``manage.py check_links`` (what to check) and by ``content_warnings`` (which of an
item's links were found broken, and which have a bare web address as their text). Works from the
app registry, so it imports no app.
"""

from html.parser import HTMLParser

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as format_date

from editorial.publishing import Part, Publishable, Vocabulary
from editorial.richtext import RichTextField

WEB_SCHEMES = ("http://", "https://")
MAX_URL_LENGTH = 2000


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


class _LinkTexts(HTMLParser):
    """The visible text of each link, in order."""

    def __init__(self):
        super().__init__()
        self.texts = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.texts.append(" ".join("".join(self._open).split()))
            self._open = None


def link_texts_in(html: str) -> list[str]:
    parser = _LinkTexts()
    parser.feed(html or "")
    parser.close()
    return parser.texts


# Link text that says nothing about where the link goes (NHS content style guide: links).
VAGUE_LINK_TEXTS = {"here", "click here", "this link", "link", "read more", "more"}


def is_bare_address(text: str) -> bool:
    return text.lower().startswith(("http://", "https://", "www."))


def hrefs_in(html: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html or "")
    return parser.hrefs


def link_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.URLField | RichTextField)
    ]


def linked_models():
    """Content models holding links, with the fields that hold them."""
    for model in apps.get_models():
        if issubclass(model, (Publishable, Part, Vocabulary)):
            fields = link_fields(model)
            if fields:
                yield model, fields


def links_in(obj, fields=None) -> list[tuple[str, str]]:
    """(field name, web address) for each link the object stores, in field order."""
    found = []
    for field in fields or link_fields(type(obj)):
        value = getattr(obj, field.attname) or ""
        urls = [value] if isinstance(field, models.URLField) else hrefs_in(value)
        found.extend(
            (field.name, url.strip())
            for url in urls
            if url.strip().startswith(WEB_SCHEMES) and len(url.strip()) <= MAX_URL_LENGTH
        )
    return found


def parent_of(obj):
    """The item a part belongs to (a career story's question and answer): the first foreign
    key to a publishable model, for a model that is not publishable itself."""
    if isinstance(obj, Publishable):
        return None
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.many_to_one and issubclass(field.related_model, Publishable):
            return getattr(obj, field.name)
    return None


def stored_links() -> dict[str, list[dict]]:
    """{web address: [where it is used]} across all the content."""
    uses: dict[str, list[dict]] = {}
    for model, fields in linked_models():
        for obj in model._default_manager.all():
            owner = parent_of(obj) or obj
            for field, url in links_in(obj, fields):
                uses.setdefault(url, []).append(
                    {
                        "model": owner._meta.label_lower,
                        "pk": owner.pk,
                        "label": str(owner)[:200],
                        "field": f"{model._meta.verbose_name}: {field}"
                        if owner is not obj
                        else field,
                    }
                )
    return uses


def links_of_item(obj) -> set[str]:
    """An item's own links and those of its parts (e.g. a career story's answers)."""
    urls = {url for _, url in links_in(obj)}
    for model, fields in linked_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.many_to_one and field.related_model is type(obj):
                for part in model._default_manager.filter(**{field.name: obj}):
                    urls.update(url for _, url in links_in(part, fields))
    return urls


def broken_link_warnings(obj) -> list[str]:
    if obj.pk is None:
        return []
    urls = links_of_item(obj)
    if not urls:
        return []
    LinkCheck = apps.get_model("editorial", "LinkCheck")
    return [
        f"A link is broken ({check.result}, checked "
        f"{format_date(timezone.localtime(check.checked_at), 'j F Y')}): {check.url}"
        for check in LinkCheck.objects.filter(url__in=urls, broken=True).order_by("url")
    ]


def _rich_text_of_item(obj):
    """(field label, html) for an item's rich text and that of its saved parts."""
    rich = [f for f in obj._meta.concrete_fields if isinstance(f, RichTextField)]
    for field in rich:
        yield field.verbose_name, getattr(obj, field.attname) or ""
    if obj.pk is None:
        return
    for model, fields in linked_models():
        for fk in model._meta.concrete_fields:
            if fk.is_relation and fk.many_to_one and fk.related_model is type(obj):
                parts = [f for f in fields if isinstance(f, RichTextField)]
                for part in model._default_manager.filter(**{fk.name: obj}) if parts else []:
                    for field in parts:
                        label = (
                            f"{model._meta.verbose_name} “{str(part)[:60]}”: {field.verbose_name}"
                        )
                        yield label, getattr(part, field.attname) or ""


def link_text_warnings(obj) -> list[str]:
    """Links whose text is a bare web address (or says only "click here"): people scanning
    the page, and screen reader users listing its links, cannot tell where they go."""
    warnings = []
    for label, html in _rich_text_of_item(obj):
        for text in link_texts_in(html):
            if is_bare_address(text):
                warnings.append(
                    f"A link in {label} shows a web address as its text ({text[:80]}): "
                    "write the title of the page or document it opens instead."
                )
            elif text.lower().strip(" .:") in VAGUE_LINK_TEXTS:
                warnings.append(
                    f"A link in {label} says only “{text}”: write the title of the page or "
                    "document it opens instead."
                )
    return warnings
