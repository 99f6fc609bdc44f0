"""The list of drafts waiting for a publisher reads as an editor would say it."""

import re

import pytest
from django.test import Client

from editorial.actions import drafts
from pages.models import Page
from tests.users import make_user

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_drafts_are_listed_by_title_and_type_and_filtered_among_content_types_only():
    editor = make_user(role="editor")
    section = Page.objects.published().order_by("order").first()
    drafts.save_draft(user=editor, obj=section, data={}, fields=[])
    client = Client()
    client.force_login(make_user(role="publisher"))

    listing = client.get("/admin/editorial/draft/")
    text = visible_text(listing.content.decode())
    assert listing.status_code == 200
    assert f"{section.title} Page" in text  # the item's title, then its type
    assert f"page {section.pk}" not in text.lower()  # not "Draft of page 2"
    choices = [label for _, label in listing.context["cl"].filter_specs[0].lookup_choices]
    assert "Case study" in choices and "Page" in choices
    assert not {"Access attempt", "Session", "Version", "Permission"} & set(choices)

    page_type = next(
        value
        for value, label in listing.context["cl"].filter_specs[0].lookup_choices
        if label == "Page"
    )
    assert section.title in client.get(f"/admin/editorial/draft/?type={page_type}").content.decode()
    assert section.title not in visible_text(
        client.get(f"/admin/editorial/draft/?type={int(page_type) + 10_000}").content.decode()
    )
    assert client.get("/admin/editorial/draft/?type=nonsense").status_code == 200
