import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from casestudies.models import CaseStudy
from professions.models import Profession
from toolkit.models import Page

pytestmark = pytest.mark.django_db


def test_public_pages_show_last_reviewed_and_next_review_due(client):
    page = Page.objects.get(slug="introduction")
    page.last_reviewed = datetime.date(2026, 3, 2)
    page.next_review_due = datetime.date(2027, 3, 2)
    page.save()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Page last reviewed: 2 March 2026" in html
    assert "Next review due: 2 March 2027" in html


def test_without_a_review_date_the_last_change_is_shown(client):
    profession = Profession.objects.get(slug="dietitians")
    html = client.get(profession.get_absolute_url()).content.decode()
    expected = timezone.localtime(profession.updated_at).strftime("%-d %B %Y")
    assert f"Page last reviewed: {expected}" in html
    assert "Next review due" not in html


def test_needs_review_lists_only_items_that_are_due():
    today = timezone.localdate()
    due = CaseStudy.objects.first()
    due.next_review_due = today
    due.save()
    later = CaseStudy.objects.exclude(pk=due.pk).first()
    later.next_review_due = today + datetime.timedelta(days=1)
    later.save()
    assert list(CaseStudy.objects.needs_review()) == [due]


def test_admin_home_has_a_needs_review_panel(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x" * 16)
    client.force_login(user)
    assert "Nothing is due for review." in client.get("/admin/").content.decode()
    study = CaseStudy.objects.first()
    study.next_review_due = timezone.localdate() - datetime.timedelta(days=3)
    study.save()
    html = client.get("/admin/").content.decode()
    assert study.title in html
    assert f'href="/admin/casestudies/casestudy/{study.pk}/change/"' in html


def test_the_panel_only_lists_models_the_user_may_change(client):
    user = get_user_model().objects.create_user("viewer", password="x" * 16, is_staff=True)
    client.force_login(user)
    study = CaseStudy.objects.first()
    study.next_review_due = timezone.localdate()
    study.save()
    assert study.title not in client.get("/admin/").content.decode()


def test_editors_set_review_dates_in_the_change_form(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "x" * 16)
    client.force_login(user)
    study = CaseStudy.objects.first()
    html = client.get(f"/admin/casestudies/casestudy/{study.pk}/change/").content.decode()
    assert 'name="last_reviewed"' in html
    assert 'name="next_review_due"' in html
