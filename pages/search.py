from django.urls import reverse

from editorial.search.kinds import Document, Kind, register
from editorial.search.text import plain_text


def page(obj):
    return Document(obj.title, plain_text(obj.summary, obj.body), obj.get_absolute_url())


def key_fact(obj):
    return Document(f"{obj.figure} {obj.label}", plain_text(obj.source), reverse("home"))


def register_kinds():
    register(Kind("pages.page", "sections", "Toolkit section", "Toolkit sections", page, number=2))
    register(Kind("pages.keyfact", "key-facts", "Key fact", "Key facts", key_fact, number=7))
