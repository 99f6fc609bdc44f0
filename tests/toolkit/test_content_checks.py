from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from casestudies.models import CaseStudy
from toolkit.models import Page

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
    assert study.content_warnings() == [
        "This published case study has no profession.",
        "This published case study has no outcome.",
    ]
    out = StringIO()
    call_command("content_report", stdout=out)
    assert "2 warning(s)" in out.getvalue()


def test_a_very_long_summary_is_reported():
    page = Page.objects.get(slug="introduction")
    page.summary = "word " * 200
    assert "The summary is 1,000 characters long" in page.content_warnings()[0]


def test_the_admin_warns_on_save(admin_client):
    study = CaseStudy.objects.get(source_url=ART)
    response = admin_client.post(
        f"/admin/casestudies/casestudy/{study.pk}/change/",
        {
            "title": study.title,
            "slug": study.slug,
            "summary": study.summary,
            "source_url": study.source_url,
            "publisher": study.publisher,
            "kind": study.kind,
            "status": "published",
            "published_at_0": "01/01/2024",
            "published_at_1": "00:00:00",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "This published case study has no profession." in html
    assert "This published case study has no outcome." in html


def test_editor_sessions_expire_after_inactivity(client):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    user = get_user_model().objects.create_superuser("e", "e@example.org", "x" * 16)
    client.force_login(user)
    response = client.get("/admin/")
    # Every request renews the session: only 30 minutes of inactivity ends it.
    assert response.cookies["sessionid"]["max-age"] == 30 * 60
