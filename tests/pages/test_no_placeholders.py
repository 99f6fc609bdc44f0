"""No placeholder text reaches the public: a key fact without a known source shows no
"Source:" line rather than "Source: No source printed"."""

import re

import pytest

from pages.models import KeyFact

pytestmark = pytest.mark.django_db


def visible_text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_home_page_shows_no_placeholder_source(client):
    text = visible_text(client.get("/").content.decode())
    assert "Key facts" in text
    assert "no source printed" not in text.lower()


def test_a_key_fact_with_an_empty_source_shows_no_source_label(client):
    KeyFact.objects.exclude(source="").update(source="Mencap, 2020")
    text = visible_text(client.get("/").content.decode())
    shown = [fact for fact in KeyFact.objects.published() if f"{fact.figure} {fact.label}" in text]
    empty = [fact for fact in shown if not fact.source]
    assert empty  # "Over 1.2 million" is among the first facts, and its source is empty
    assert text.count("Source:") == text.count("Source: Mencap, 2020") == len(shown) - len(empty)
    for fact in empty:
        after = text.split(f"{fact.figure} {fact.label}", 1)[1]
        assert not after.startswith("Source:")
