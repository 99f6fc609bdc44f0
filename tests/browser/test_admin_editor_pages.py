"""The admin's refusal and delete pages in plain English: an editor who opens a publisher-only
address gets an admin page saying who can, and a publisher about to delete something reads it
by its title, its links as links, and what "Recover deleted …" brings back, which is then
checked by recovering it. axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from professions.models import Profession
from tests.browser.helpers import run_axe

ART = "https://link.hee.nhs.uk/mental-health-art"
DJANGO_WORDING = re.compile(r"relationship|object \(\d+\)|Casestudy-", re.IGNORECASE)


@pytest.fixture
def study(roles):
    return CaseStudy.objects.get(source_url=ART)


def delete_url(site, obj):
    opts = obj._meta
    return f"{site}/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/delete/"


def test_an_editor_is_told_only_publishers_can_delete(sign_in, roles, study):
    editor = sign_in(roles, "content-editor")
    response = editor.goto(delete_url(roles, study))
    assert response.status == 403
    expect(editor).to_have_title(re.compile(r"^Only publishers can delete case studies \|"))
    expect(editor.get_by_role("heading", level=1)).to_have_text(
        "Only publishers can delete case studies"
    )
    expect(editor.locator("#content")).to_contain_text("Ask one of the publishers to do it")
    # The admin's own page: its header, and this person still signed in.
    expect(editor.locator("#site-name")).to_have_text("AHP toolkit admin")
    expect(editor.locator("#user-tools")).to_contain_text("content-editor")
    assert run_axe(editor) == [], "admin 403 page"
    editor.get_by_role("link", name="Back to case studies").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Select case study to change")

    # Nobody's role reaches the users: only administrators can.
    assert editor.goto(f"{roles}/admin/auth/user/").status == 403
    expect(editor.get_by_role("heading", level=1)).to_have_text(
        "Only administrators can see the list of users"
    )

    publisher = sign_in(roles, "publisher")
    assert publisher.goto(delete_url(roles, study)).status == 200
    expect(publisher.get_by_role("heading", level=1)).to_have_text("Delete this case study?")


def test_a_publisher_deletes_a_case_study_told_what_goes_and_what_comes_back(sign_in, roles, study):
    outcomes = sorted(study.outcomes.values_list("name", flat=True))
    professions = sorted(study.professions.values_list("name", flat=True))
    assert outcomes and professions
    publisher = sign_in(roles, "publisher")
    publisher.goto(delete_url(roles, study))
    content = publisher.locator("#content")
    expect(content).to_contain_text(f"You are about to delete the case study “{study.title}”.")
    removed = content.locator(".toolkit-deletion-list li")
    for name in outcomes:
        expect(removed.filter(has_text=f"its link to the outcome tag “{name}”")).to_have_count(1)
    for name in professions:
        expect(removed.filter(has_text=f"its link to the profession “{name}”")).to_have_count(1)
    expect(content).to_contain_text("themselves are not deleted")
    expect(content).to_contain_text("with everything listed above.")
    assert not DJANGO_WORDING.search(content.inner_text())
    assert run_axe(publisher) == [], "delete confirmation"

    publisher.get_by_role("button", name=re.compile("Yes, I’m sure")).click()
    expect(publisher.locator(".messagelist")).to_contain_text("was deleted successfully")
    publisher.get_by_role("link", name="Recover deleted case studies").click()
    publisher.get_by_role("link", name=study.title).click()
    publisher.get_by_role("button", name="Recover this case study").click()
    expect(publisher.locator(".messagelist")).to_contain_text("was recovered")
    recovered = CaseStudy.objects.get(pk=study.pk)
    assert sorted(recovered.outcomes.values_list("name", flat=True)) == outcomes
    assert sorted(recovered.professions.values_list("name", flat=True)) == professions


def test_a_profession_s_links_from_case_studies_are_said_not_to_come_back(sign_in, roles):
    profession = Profession.objects.filter(case_studies__isnull=False).order_by("pk").first()
    studies = list(profession.case_studies.order_by("pk"))
    publisher = sign_in(roles, "publisher")
    publisher.goto(delete_url(roles, profession))
    content = publisher.locator("#content")
    for linked in studies:
        expect(content).to_contain_text(f"its link to the case study “{linked.title}”")
    expect(content).to_contain_text("but nothing listed above comes back with it.")
    assert run_axe(publisher) == [], "delete confirmation with links that stay lost"

    publisher.get_by_role("button", name=re.compile("Yes, I’m sure")).click()
    expect(publisher.locator(".messagelist")).to_contain_text("was deleted successfully")
    publisher.goto(f"{roles}/admin/professions/profession/recover/")
    publisher.get_by_role("link", name=profession.name).click()
    publisher.get_by_role("button", name="Recover this profession").click()
    expect(publisher.locator(".messagelist")).to_contain_text("was recovered")
    # As the page said: the profession is back, its case studies' links to it are not.
    assert not Profession.objects.get(pk=profession.pk).case_studies.exists()


def test_deleting_several_case_studies_lists_each_by_title(sign_in, roles):
    chosen = list(CaseStudy.objects.filter(outcomes__isnull=False).distinct().order_by("pk")[:2])
    publisher = sign_in(roles, "publisher")
    publisher.goto(f"{roles}/admin/casestudies/casestudy/")
    for item in chosen:
        publisher.locator(f"input[name=_selected_action][value='{item.pk}']").check()
    publisher.locator("select[name=action]").select_option("delete_selected")
    publisher.get_by_role("button", name="Go").click()
    expect(publisher.get_by_role("heading", level=1)).to_have_text("Delete 2 case studies?")
    for item in chosen:
        heading = publisher.get_by_role("heading", level=2, name=f"The case study “{item.title}”")
        expect(heading).to_have_count(1)
    content = publisher.locator("#content")
    expect(content.get_by_role("link", name="Recover deleted case studies")).to_have_count(2)
    assert not DJANGO_WORDING.search(content.inner_text())
    assert run_axe(publisher) == [], "delete several confirmation"
