"""Restoring a version shows rich text in the editor, as words (at 1280 and 375 px, with no
sideways scrolling); a failed import keeps the file, so it can be tried again once the missing
tag exists. axe-core (WCAG 2.2 AA) on each page."""

import pytest
from playwright.sync_api import expect
from reversion.models import Version

from casestudies.models import CaseStudy
from editorial.actions.common import revision
from pages.models import Page
from tests.browser.helpers import run_axe
from tests.users import make_user

HEADER = "slug,title,summary,source_url,publisher,kind,professions,outcomes,settings,status\n"
ROW = (
    "retried-in-browser,Retried in the browser,<p>Hi</p>,https://example.org/r,NHS,case_study,"
    "dietitians,peer-support,mental-health,draft\n"
)


@pytest.fixture
def restorable(roles):
    earlier = make_user(role="editor", username="earlier-editor")
    section = Page.objects.create(
        title="Restorable", slug="restorable", body="<p>Some <strong>bold words</strong> here</p>"
    )
    with revision(user=earlier, comment="First"):
        section.save()
    first = Version.objects.get_for_object(section).get()
    section.body = "<p>Later words</p>"
    with revision(user=earlier, comment="Second"):
        section.save()
    return section, first


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_restore_page_shows_rich_text_as_words(sign_in, roles, restorable, width):
    section, first = restorable
    publisher = sign_in(roles, "publisher")
    publisher.set_viewport_size({"width": width, "height": 900})
    publisher.goto(f"{roles}/admin/pages/page/{section.pk}/history/{first.pk}/")
    expect(publisher.get_by_role("heading", level=1)).to_have_text(
        "Restore an earlier version of “Restorable”"
    )
    editor = publisher.get_by_role("textbox", name="Body")
    expect(editor).to_be_visible()
    expect(editor.locator("strong")).to_have_text("bold words")
    body_text = publisher.locator("body").inner_text()
    assert "<strong>" not in body_text and "&lt;strong&gt;" not in body_text
    assert "revert" not in body_text.lower()
    assert no_sideways_scroll(publisher), f"sideways scrolling at {width} px"
    assert run_axe(publisher) == [], f"restore page at {width} px"

    publisher.get_by_role("button", name="Restore this version").click()
    message = publisher.locator(".messagelist")
    expect(message).to_contain_text("“Restorable” was restored to the version saved")
    assert not message.inner_text().strip().endswith("..")
    section.refresh_from_db()
    assert "<strong>bold words</strong>" in section.body


def test_a_failed_import_is_tried_again_with_the_same_file(sign_in, roles):
    publisher = sign_in(roles, "publisher")
    publisher.goto(f"{roles}/admin/casestudies/casestudy/import/")
    publisher.get_by_label("File to import").set_input_files(
        {"name": "case-studies.csv", "mimeType": "text/csv", "buffer": (HEADER + ROW).encode()}
    )
    publisher.get_by_label("Format").select_option(label="csv")
    publisher.get_by_role("button", name="Submit").click()
    expect(publisher.get_by_role("heading", name="You uploaded case-studies.csv")).to_be_visible()
    expect(publisher.locator("table.import-preview")).to_contain_text(
        "Unknown outcome tag: peer-support."
    )
    assert no_sideways_scroll(publisher)
    assert run_axe(publisher) == [], "import errors with the retry"

    # The editor adds the missing tag in another tab, and comes back.
    other = publisher.context.new_page()
    other.goto(f"{roles}/admin/casestudies/outcometag/add/")
    other.get_by_label("Name").fill("Peer support")
    other.get_by_label("Name").press("Tab")
    expect(other.get_by_label("Slug")).to_have_value("peer-support")
    other.get_by_role("button", name="Save", exact=True).click()
    expect(other.locator(".messagelist")).to_contain_text("was added successfully")
    other.close()

    publisher.get_by_role("button", name="Try again with the same file").click()
    expect(publisher.get_by_role("heading", name="Preview")).to_be_visible()
    expect(publisher.locator("table.import-preview tr.new")).to_contain_text(
        "Retried in the browser"
    )
    assert run_axe(publisher) == [], "preview after the retry"
    publisher.get_by_role("button", name="Confirm import").click()
    expect(publisher.get_by_text("Import finished: 1 new")).to_be_visible()
    study = CaseStudy.objects.get(slug="retried-in-browser")
    assert [o.slug for o in study.outcomes.all()] == ["peer-support"]
