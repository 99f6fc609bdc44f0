from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from checklist.models import ProgressRecord


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The rate limit counts in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def record(db):
    return ProgressRecord.objects.create(organisation="Northshire Partnership Trust")


class FormReader(HTMLParser):
    """The fields a browser would submit from the page's progress form."""

    def __init__(self, form_class):
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.textarea = None
        self.data = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_class in (attrs.get("class") or "")
        elif self.inside and tag == "input" and attrs.get("name"):
            if attrs.get("type") == "radio" and "checked" not in attrs:
                return
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif self.inside and tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def form_data(html: str, form_class: str = "app-progress-form") -> dict:
    reader = FormReader(form_class)
    reader.feed(html)
    # Browsers drop the single line break that follows <textarea>.
    return {k: v.removeprefix("\n") for k, v in reader.data.items()}


@pytest.fixture
def open_form(client):
    """Open the edit page as a person would and return what its form would submit."""

    def open_(record):
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        return form_data(response.content.decode())

    return open_
