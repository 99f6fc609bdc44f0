"""Journeys clicked through as a person would, in the system Chromium."""

import re

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from editorial.publishing import Status
from tests.users import PASSWORD, make_user


def test_home_to_professions_to_one_profession(page, site):
    page.goto(site + "/")
    expect(page).to_have_title(re.compile(r" – AHP toolkit$"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Professions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The 14 allied health professions")
    page.get_by_role("link", name="Occupational therapists").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Occupational therapists")
    expect(page.locator("main")).to_contain_text("41,762")


def test_case_studies_list_to_one_case_study(page, site):
    page.goto(site + "/case-studies/")
    expect(page.get_by_role("heading", level=2, name="20 case studies")).to_be_visible()
    page.get_by_label("Occupational therapists").check()
    # With JavaScript the results update as the box is ticked; the address follows.
    expect(page).to_have_url(re.compile(r"profession=occupational-therapists"))
    first = page.locator("main h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_checklist_page(page, site):
    page.goto(site + "/checklist/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Checklist for system leaders and commissioners"
    )
    expect(page.locator("li[id^=action-]")).to_have_count(14)


def test_careers_story(page, site):
    page.goto(site + "/careers/")
    page.get_by_role("link", name="Career stories").first.click()
    page.get_by_role("link", name=re.compile("Clare Hubbard")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clare Hubbard")


def test_admin_edit_and_publish_shows_on_the_public_page(page, site):
    make_user(superuser=True, username="editor")
    study = CaseStudy.objects.get(source_url="https://link.hee.nhs.uk/mental-health-art")
    study.status = Status.DRAFT
    study.save()
    assert page.goto(site + study.get_absolute_url()).status == 404

    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("a[href='/admin/casestudies/casestudy/']").first.click()
    page.get_by_role("link", name=study.title).click()
    page.get_by_label("Title").fill("Building resilience in a community learning disability team")
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(site + study.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Building resilience in a community learning disability team"
    )


@pytest.mark.parametrize("width", [320, 1280])
def test_pages_work_without_javascript(browser, site, width):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(site + "/case-studies/")
    page.get_by_label("Dietitians").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"profession=dietitians"))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"\d+ case stud"))).to_be_visible()
    context.close()
