import datetime
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from careers.models import CareerStory
from casestudies.models import CaseStudy
from editorial.publishing import Publishable, Status
from editorial.sites import NEEDS_REVIEW_LIMIT
from pages.models import Page
from professions.models import Profession
from tests.users import make_user

pytestmark = pytest.mark.django_db


def publishable_models():
    return [m for m in apps.get_models() if issubclass(m, Publishable)]


def mark_everything_reviewed():
    for model in publishable_models():
        model.objects.update(last_reviewed=timezone.localdate(), next_review_due=None)


def panel(client):
    html = client.get("/admin/").content.decode()
    return re.search(r'<div class="module" id="needs-review">(.*?)</div>', html, re.S).group(1)


@pytest.fixture
def superuser_client(client):
    user = make_user(superuser=True, username="editor")
    client.force_login(user)
    return client


def test_public_pages_show_last_reviewed_and_next_review_due(client):
    page = Page.objects.get(slug="introduction")
    page.last_reviewed = datetime.date(2026, 3, 2)
    page.next_review_due = datetime.date(2027, 3, 2)
    page.save()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Page last reviewed: 2 March 2026" in html
    assert "Next review due: 2 March 2027" in html


def test_without_a_review_date_no_review_line_is_shown(client):
    objects = [
        Page.objects.get(slug="introduction"),
        Profession.objects.get(slug="dietitians"),
        CaseStudy.objects.published().first(),
        CareerStory.objects.published().first(),
    ]
    for obj in objects:
        html = client.get(obj.get_absolute_url()).content.decode()
        assert "Page last reviewed" not in html, obj
        assert "Next review due" not in html, obj


def test_a_next_review_date_alone_shows_no_last_reviewed(client):
    profession = Profession.objects.get(slug="dietitians")
    profession.next_review_due = datetime.date(2027, 1, 5)
    profession.save()
    html = client.get(profession.get_absolute_url()).content.decode()
    assert "Next review due: 5 January 2027" in html
    assert "Page last reviewed" not in html


def test_the_content_loader_sets_no_review_date():
    for model in publishable_models():
        assert model.objects.exists(), model
        assert not model.objects.filter(last_reviewed__isnull=False).exists(), model
        assert not model.objects.filter(next_review_due__isnull=False).exists(), model


def test_needs_review_lists_only_items_that_are_due():
    today = timezone.localdate()
    due = CaseStudy.objects.first()
    due.next_review_due = today
    due.save()
    later = CaseStudy.objects.exclude(pk=due.pk).first()
    later.next_review_due = today + datetime.timedelta(days=1)
    later.save()
    assert list(CaseStudy.objects.needs_review()) == [due]


def test_the_panel_says_nothing_needs_review_when_all_is_reviewed(superuser_client):
    mark_everything_reviewed()
    assert "Nothing needs review." in panel(superuser_client)


def test_the_panel_lists_due_items_and_items_never_reviewed(superuser_client):
    mark_everything_reviewed()
    due = CaseStudy.objects.published().first()
    due.next_review_due = datetime.date(2026, 5, 3)
    due.save()
    never = Profession.objects.get(slug="dietitians")
    Profession.objects.filter(pk=never.pk).update(last_reviewed=None)
    draft = CaseStudy.objects.published().exclude(pk=due.pk).first()
    CaseStudy.objects.filter(pk=draft.pk).update(last_reviewed=None, status=Status.DRAFT)

    text = re.sub(r"<[^>]+>", " ", panel(superuser_client))
    text = " ".join(text.split())
    assert f"{due.title} Case study Due since 3 May 2026" in text
    assert "Dietitians Profession Never reviewed" in text
    assert draft.title not in text  # a draft nobody reviewed is not public: not listed
    assert "more" not in text


def test_the_panel_shows_the_first_items_and_counts_the_rest(superuser_client):
    total = sum(
        model.objects.filter(status=Status.PUBLISHED, last_reviewed__isnull=True).count()
        for model in publishable_models()
    )
    assert total > NEEDS_REVIEW_LIMIT
    html = panel(superuser_client)
    assert html.count("Never reviewed") == NEEDS_REVIEW_LIMIT
    assert f"and {total - NEEDS_REVIEW_LIMIT} more" in html


def test_due_items_come_before_items_never_reviewed(superuser_client):
    study = CaseStudy.objects.published().last()
    study.next_review_due = timezone.localdate()
    study.save()
    html = panel(superuser_client)
    today = date_format(timezone.localdate(), "j F Y")
    assert html.index(study.title) < html.index("Never reviewed")
    assert f"Due since {today}" in html


def test_the_panel_takes_the_same_queries_however_much_needs_review(superuser_client):
    mark_everything_reviewed()
    with CaptureQueriesContext(connection) as nothing:
        superuser_client.get("/admin/")
    for model in publishable_models():
        model.objects.update(last_reviewed=None, next_review_due=timezone.localdate())
    with CaptureQueriesContext(connection) as everything:
        html = superuser_client.get("/admin/").content.decode()
    assert html.count("Due since") == NEEDS_REVIEW_LIMIT
    assert len(everything) == len(nothing)


def test_the_admin_home_links_each_item_to_its_change_form(superuser_client):
    study = CaseStudy.objects.first()
    study.next_review_due = timezone.localdate() - datetime.timedelta(days=3)
    study.save()
    html = superuser_client.get("/admin/").content.decode()
    assert study.title in html
    assert f'href="/admin/casestudies/casestudy/{study.pk}/change/"' in html


def test_the_panel_only_lists_models_the_user_may_change(client):
    user = make_user(username="viewer")
    client.force_login(user)
    study = CaseStudy.objects.first()
    study.next_review_due = timezone.localdate()
    study.save()
    html = client.get("/admin/").content.decode()
    assert study.title not in html
    assert "Never reviewed" not in html


def test_editors_set_review_dates_in_the_change_form(superuser_client):
    study = CaseStudy.objects.first()
    html = superuser_client.get(f"/admin/casestudies/casestudy/{study.pk}/change/").content.decode()
    assert 'name="last_reviewed"' in html
    assert 'name="next_review_due"' in html
