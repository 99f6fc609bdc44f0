"""The two editor roles, walked through what each may and may not do in the real admin."""

import pytest
from django.contrib.auth.models import Group, Permission

from casestudies.models import CaseStudy
from editorial.publishing import Status

pytestmark = pytest.mark.django_db

ART = "https://link.hee.nhs.uk/mental-health-art"
CHANGELIST = "/admin/casestudies/casestudy/"


def new_case_study_form(**overrides):
    return {
        "title": "A new draft case study",
        "slug": "a-new-draft-case-study",
        "summary": "<p>Draft</p>",
        "source_url": "https://example.org/study",
        "publisher": "",
        "kind": "case_study",
        "status": Status.PUBLISHED,
        **overrides,
    }


def test_the_groups_hold_exactly_their_permissions():
    editor = set(
        Group.objects.get(name="Content editor").permissions.values_list("codename", flat=True)
    )
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    )
    assert "change_casestudy" in editor and "publish_casestudy" not in editor
    assert "delete_casestudy" not in editor
    assert {"publish_casestudy", "delete_casestudy", "change_casestudy"} <= publisher
    assert editor < publisher
    # Users and roles are for superusers only.
    for codenames in (editor, publisher):
        assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}
    assert Permission.objects.filter(codename="publish_page").exists()


def test_an_editor_creates_a_draft_even_when_asking_to_publish(editor):
    response = editor.post(f"{CHANGELIST}add/", new_case_study_form())
    assert response.status_code == 302
    study = CaseStudy.objects.get(slug="a-new-draft-case-study")
    assert study.status == Status.DRAFT
    assert editor.get(study.get_absolute_url()).status_code == 404


def test_an_editor_edits_a_draft(editor):
    study = CaseStudy.objects.get(source_url=ART)
    study.status = Status.DRAFT
    study.save()
    url = f"{CHANGELIST}{study.pk}/change/"
    data = new_case_study_form(title="Edited draft", slug=study.slug, source_url=ART)
    assert editor.post(url, data).status_code == 302
    study.refresh_from_db()
    assert study.title == "Edited draft"
    assert study.status == Status.DRAFT


def test_an_editor_cannot_change_publish_or_delete_published_content(editor):
    study = CaseStudy.objects.get(source_url=ART)
    url = f"{CHANGELIST}{study.pk}/change/"
    page = editor.get(url).content.decode()
    assert 'name="title"' not in page  # view only
    editor.post(url, new_case_study_form(title="Hijacked", slug=study.slug, source_url=ART))
    assert editor.post(f"{CHANGELIST}{study.pk}/delete/", {"post": "yes"}).status_code == 403
    editor.post(CHANGELIST, {"action": "unpublish", "_selected_action": [study.pk]})
    study.refresh_from_db()
    assert study.title != "Hijacked"
    assert study.status == Status.PUBLISHED
    actions = editor.get(CHANGELIST).content.decode()
    assert 'value="publish"' not in actions and 'value="unpublish"' not in actions


def test_a_publisher_publishes_unpublishes_and_deletes(publisher, client):
    publisher.post(f"{CHANGELIST}add/", new_case_study_form())
    study = CaseStudy.objects.get(slug="a-new-draft-case-study")
    assert study.status == Status.PUBLISHED
    assert client.get(study.get_absolute_url()).status_code == 200

    publisher.post(CHANGELIST, {"action": "unpublish", "_selected_action": [study.pk]})
    study.refresh_from_db()
    assert study.status == Status.DRAFT
    publisher.post(CHANGELIST, {"action": "publish", "_selected_action": [study.pk]})
    study.refresh_from_db()
    assert study.status == Status.PUBLISHED

    response = publisher.post(f"{CHANGELIST}{study.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not CaseStudy.objects.filter(pk=study.pk).exists()


def test_neither_role_manages_users(editor):
    assert editor.get("/admin/auth/user/").status_code == 403


def test_a_publisher_publishes_and_unpublishes_from_the_change_form(publisher, client):
    study = CaseStudy.objects.get(source_url=ART)
    study.status = Status.DRAFT
    study.save()
    url = f"{CHANGELIST}{study.pk}/change/"
    assert 'name="_publish"' in publisher.get(url).content.decode()
    data = new_case_study_form(title=study.title, slug=study.slug, source_url=ART, status="draft")
    publisher.post(url, {**data, "_publish": "Save and publish"})
    study.refresh_from_db()
    assert study.status == Status.PUBLISHED
    assert client.get(study.get_absolute_url()).status_code == 200
    assert 'name="_unpublish"' in publisher.get(url).content.decode()
    publisher.post(url, {**data, "status": "published", "_unpublish": "Save and unpublish"})
    study.refresh_from_db()
    assert study.status == Status.DRAFT


def test_an_editor_has_no_publish_button_and_cannot_forge_one(editor):
    study = CaseStudy.objects.get(source_url=ART)
    study.status = Status.DRAFT
    study.save()
    url = f"{CHANGELIST}{study.pk}/change/"
    assert 'name="_publish"' not in editor.get(url).content.decode()
    data = new_case_study_form(title=study.title, slug=study.slug, source_url=ART)
    editor.post(url, {**data, "_publish": "Save and publish"})
    study.refresh_from_db()
    assert study.status == Status.DRAFT
