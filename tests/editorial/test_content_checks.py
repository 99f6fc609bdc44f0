import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from careers.models import CareerStory
from casestudies.models import CaseStudy
from editorial.warnings import content_warnings
from pages.models import Page
from tests.page_text import bare_address_links
from tests.users import make_user

pytestmark = pytest.mark.django_db

ART = "https://link.hee.nhs.uk/mental-health-art"


def test_the_loaded_content_has_no_warnings():
    out = StringIO()
    call_command("content_report", stdout=out)
    assert out.getvalue().strip().splitlines()[-1].startswith("content_report: 0 warning(s)")


def test_a_published_case_study_without_profession_or_outcome_is_reported():
    study = CaseStudy.objects.get(source_url=ART)
    study.professions.clear()
    study.outcomes.clear()
    assert content_warnings(study) == [
        "This published case study has no profession.",
        "This published case study has no outcome.",
    ]
    out = StringIO()
    call_command("content_report", stdout=out)
    assert "2 warning(s)" in out.getvalue()


def test_a_very_long_summary_is_reported():
    page = Page.objects.get(slug="introduction")
    page.summary = "word " * 200
    assert "The summary is 1,000 characters long" in content_warnings(page)[0]


def save_in_the_admin(admin_client, study, **changes):
    """Post the case study's change form as the admin would send it, with ``changes``."""
    data = {
        "title": study.title,
        "slug": study.slug,
        "summary": study.summary,
        "source_url": study.source_url,
        "publisher": study.publisher,
        "kind": study.kind,
        "status": "published",
        "published_at_0": "01/01/2024",
        "published_at_1": "00:00:00",
        **changes,
    }
    url = f"/admin/casestudies/casestudy/{study.pk}/change/"
    return admin_client.post(url, data, follow=True)


def test_the_admin_warns_on_save(admin_client):
    study = CaseStudy.objects.get(source_url=ART)
    response = save_in_the_admin(admin_client, study)
    html = response.content.decode()
    assert "This published case study has no profession." in html
    assert "This published case study has no outcome." in html


def test_no_published_page_has_a_web_address_as_link_text(client):
    """Every page in the sitemap, as rendered from the loaded content."""
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [
        re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    assert len(paths) > 50
    found = {}
    for path in paths:
        links = bare_address_links(client.get(path).content.decode())
        if links:
            found[path] = links
    assert found == {}


def test_a_web_address_as_link_text_is_a_content_warning():
    page = Page.objects.get(slug="introduction")
    page.body += (
        '<p><a href="https://www.hee.nhs.uk/">https://www.hee.nhs.uk/</a> and '
        '<a href="https://www.england.nhs.uk/">click here</a> and '
        '<a href="https://www.hee.nhs.uk/">Health Education England: home page</a></p>'
    )
    page.save()
    assert content_warnings(page) == [
        "A link in body shows a web address as its text (https://www.hee.nhs.uk/): write the "
        "title of the page or document it opens instead.",
        "A link in body says only “click here”: write the title of the page or document it "
        "opens instead.",
    ]
    out = StringIO()
    call_command("content_report", stdout=out)
    assert "page: Introduction: A link in body shows a web address as its text" in out.getvalue()
    assert out.getvalue().strip().splitlines()[-1].startswith("content_report: 2 warning(s)")


def test_a_web_address_in_a_career_story_answer_is_a_content_warning():
    story = CareerStory.objects.get(slug="clare-hubbard")
    answer = story.answers.first()
    answer.answer = '<p>See <a href="http://www.example.org/a">www.example.org/a</a>.</p>'
    answer.save()
    [warning] = content_warnings(story)
    assert warning.startswith(f"A link in story answer “{answer.question[:60]}”: answer")
    assert "shows a web address as its text (www.example.org/a)" in warning


def test_the_admin_warns_on_save_of_a_web_address_as_link_text(admin_client):
    study = CaseStudy.objects.get(source_url=ART)
    summary = f'<p>Read it at <a href="{ART}">{ART}</a>.</p>'
    response = save_in_the_admin(
        admin_client,
        study,
        summary=summary,
        professions=[p.pk for p in study.professions.all()],
        outcomes=[o.pk for o in study.outcomes.all()],
        settings=[s.pk for s in study.settings.all()],
    )
    html = response.content.decode()
    assert f"A link in summary shows a web address as its text ({ART})" in html
    study.refresh_from_db()
    assert ART in study.summary  # saved: a warning, not an error


def test_editor_sessions_expire_after_inactivity(client):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    user = make_user(superuser=True, username="e")
    client.force_login(user)
    response = client.get("/admin/")
    # Every request renews the session: only 30 minutes of inactivity ends it.
    assert response.cookies["sessionid"]["max-age"] == 30 * 60
