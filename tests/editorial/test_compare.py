"""Comparing two versions shows what a person reads: the words of rich text, not its HTML."""

import re
from html import unescape

import pytest
from django.test import Client
from reversion.models import Version

from editorial.actions.common import revision
from pages.models import Page
from tests.users import make_user

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def test_the_diff_of_rich_text_shows_words_not_tags():
    publisher = make_user(role="publisher")
    section = Page.objects.create(title="Compared", body="<p>One <strong>old</strong> word</p>")
    with revision(user=publisher, comment="First"):
        section.save()
    section.body = "<p>One <strong>new</strong> word</p>"
    with revision(user=publisher, comment="Second"):
        section.save()
    older, newer = sorted(Version.objects.get_for_object(section), key=lambda v: v.pk)
    client = Client()
    client.force_login(publisher)
    response = client.get(
        f"/admin/pages/page/{section.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "old" in text and "new" in text
    assert "<p>" not in text and "<strong>" not in text
