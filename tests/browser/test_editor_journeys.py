"""The editor's history, undo and drafts, clicked through by a content editor and a publisher,
with axe-core on every new admin page and the new buttons reached by keyboard."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from tests.browser.helpers import run_axe

ART = "https://link.hee.nhs.uk/mental-health-art"
DRAFT_TITLE = "Art and mindfulness: the drafted title"


def tab_to(page, locator, limit=250):
    """Press Tab until ``locator`` has the focus: it is reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} was not reached with Tab")


@pytest.fixture
def study(roles):
    return CaseStudy.objects.get(source_url=ART)


def test_an_editor_drafts_and_a_publisher_publishes(sign_in, page, roles, study):
    public = study.get_absolute_url()
    live_title = study.title
    editor = sign_in(roles, "content-editor")
    editor.goto(roles + f"/admin/casestudies/casestudy/{study.pk}/change/")
    editor.get_by_role("link", name="Edit as a draft").click()
    editor.get_by_label("Title").fill(DRAFT_TITLE)
    save_draft = editor.get_by_role("button", name="Save as draft")
    tab_to(editor, save_draft)
    editor.keyboard.press("Enter")
    expect(editor.locator(".messagelist")).to_contain_text("The draft was saved")
    notice = editor.locator(".toolkit-draft-notice")
    expect(notice).to_contain_text("There is an unpublished draft of this case study")
    expect(notice).to_contain_text("saved by content-editor")
    expect(editor.get_by_label("Title")).to_have_value(DRAFT_TITLE)
    expect(editor.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)
    assert run_axe(editor) == [], "change form with a draft notice"
    tab_to(editor, editor.get_by_role("button", name="Discard draft"))

    editor.get_by_role("link", name="Preview", exact=True).click()
    expect(editor.get_by_role("heading", level=1)).to_have_text(DRAFT_TITLE)
    expect(editor.locator(".app-preview-banner")).to_contain_text("unpublished draft")
    page.goto(roles + public)
    expect(page.get_by_role("heading", level=1)).to_have_text(live_title)

    publisher = sign_in(roles, "publisher")
    publisher.goto(roles + f"/admin/casestudies/casestudy/{study.pk}/change/")
    expect(publisher.locator(".toolkit-draft-notice")).to_contain_text("unpublished draft")
    expect(publisher.get_by_label("Title")).to_have_value(DRAFT_TITLE)
    assert run_axe(publisher) == [], "publisher's change form with a draft"
    publish = publisher.get_by_role("button", name="Publish draft")
    tab_to(publisher, publish)
    publisher.keyboard.press("Enter")
    expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(roles + public)
    expect(page.get_by_role("heading", level=1)).to_have_text(DRAFT_TITLE)


def test_a_publisher_restores_an_earlier_version(sign_in, page, roles, study):
    original = study.title
    publisher = sign_in(roles, "publisher")
    publisher.goto(roles + f"/admin/casestudies/casestudy/{study.pk}/change/")
    publisher.get_by_label("Title").fill("A title nobody wanted")
    publisher.get_by_role("button", name="Save and continue editing").click()
    expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")

    publisher.get_by_role("link", name="History").click()
    expect(publisher.locator("#change-history")).to_contain_text("publisher")
    assert run_axe(publisher) == [], "history list"
    compare = publisher.get_by_role("button", name="Compare the chosen versions")
    tab_to(publisher, compare)
    publisher.keyboard.press("Enter")
    expect(publisher.locator(".toolkit-compare")).to_contain_text("A title nobody wanted")
    assert run_axe(publisher) == [], "compare view"

    publisher.get_by_role("link", name=re.compile("Restore the earlier version")).click()
    expect(publisher.get_by_label("Title")).to_have_value(original)
    assert run_axe(publisher) == [], "revision (restore) view"
    publisher.get_by_role("button", name="Restore this version").click()
    expect(publisher.locator(".messagelist")).to_contain_text("was restored to the version saved")
    page.goto(roles + study.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(original)


def test_a_publisher_recovers_a_deleted_case_study_with_its_tags(sign_in, page, roles, study):
    professions = [p.name for p in study.professions.all()]
    outcomes = [o.name for o in study.outcomes.all()]
    assert professions and outcomes
    publisher = sign_in(roles, "publisher")
    publisher.goto(roles + f"/admin/casestudies/casestudy/{study.pk}/change/")
    publisher.get_by_role("link", name="Delete").click()
    publisher.get_by_role("button", name=re.compile("Yes, I’m sure")).click()
    expect(publisher.locator(".messagelist")).to_contain_text("was deleted successfully")
    assert page.goto(roles + study.get_absolute_url()).status == 404

    recover_link = publisher.get_by_role("link", name="Recover deleted case studies")
    tab_to(publisher, recover_link)
    publisher.keyboard.press("Enter")
    expect(publisher.get_by_role("heading", level=1)).to_have_text("Recover deleted case studies")
    assert run_axe(publisher) == [], "recover list"
    publisher.get_by_role("link", name=study.title).click()
    expect(publisher.get_by_label("Title")).to_have_value(study.title)
    assert run_axe(publisher) == [], "recover view"
    publisher.get_by_role("button", name="Recover this case study").click()
    expect(publisher.locator(".messagelist")).to_contain_text("was recovered as it was saved")

    page.goto(roles + study.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(study.title)
    main = page.locator("main")
    for name in professions + outcomes:
        expect(main).to_contain_text(name)


def test_an_editor_is_told_why_they_cannot_restore_published_content(sign_in, roles, study):
    editor = sign_in(roles, "content-editor")
    editor.goto(roles + f"/admin/casestudies/casestudy/{study.pk}/history/")
    assert run_axe(editor) == [], "history list for an editor"
    editor.locator("#change-history tbody th a").first.click()
    expect(editor.locator(".messagelist")).to_contain_text(
        "Only a publisher can restore an earlier version"
    )
    expect(editor).to_have_url(re.compile(r"/history/$"))
