"""The editorial rules as services: each checks who is asking, then writes, with history."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from reversion.models import Version

from casestudies.models import OutcomeTag
from editorial import roles
from editorial.actions import SYSTEM, drafts, history, ordering, publishing
from editorial.publishing import Publishable, Status
from pages.models import KeyFact, Page
from tests.users import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user(role="editor")


@pytest.fixture
def publisher():
    return make_user(role="publisher")


@pytest.fixture
def section():
    return Page.objects.create(title="A section", status=Status.PUBLISHED)


def test_only_a_publisher_publishes_and_unpublishes(editor, publisher, section):
    with pytest.raises(PermissionDenied, match="Only a publisher can publish"):
        publishing.unpublish(user=editor, obj=section)
    section.refresh_from_db()
    assert section.status == Status.PUBLISHED

    assert publishing.unpublish(user=publisher, obj=section) is True
    section.refresh_from_db()
    assert section.status == Status.DRAFT
    assert Version.objects.get_for_object(section).first().revision.user == publisher
    assert publishing.unpublish(user=publisher, obj=section) is False  # nothing to change
    assert publishing.publish(user=SYSTEM, obj=section) is True


def test_a_draft_is_saved_and_discarded_by_an_editor_and_only_for_published_content(
    editor, section
):
    draft = drafts.save_draft(user=editor, obj=section, data={"title": ["New"]}, fields=["title"])
    assert drafts.draft_of(section) == draft
    assert drafts.save_draft(user=editor, obj=section, data={"title": ["Newer"]}, fields=["title"])
    assert drafts.draft_of(section).data == {"title": ["Newer"]}  # one draft per item
    drafts.discard_draft(user=editor, draft=drafts.draft_of(section))
    assert drafts.draft_of(section) is None
    section.refresh_from_db()
    assert section.title != "Newer"

    Page.objects.filter(pk=section.pk).update(status=Status.DRAFT)
    with pytest.raises(ValueError, match="Only published content has drafts"):
        drafts.save_draft(user=editor, obj=section, data={}, fields=[])


def test_someone_without_the_change_right_cannot_save_a_draft(section):
    reader = make_user(username="reader")
    with pytest.raises(PermissionDenied):
        drafts.save_draft(user=reader, obj=section, data={}, fields=[])


def test_a_published_items_applied_draft_closes_only_for_a_publisher(editor, publisher, section):
    draft = drafts.save_draft(user=editor, obj=section, data={}, fields=[])
    with pytest.raises(PermissionDenied):
        drafts.close_applied_draft(user=editor, draft=draft, obj=section)
    comment = drafts.close_applied_draft(user=publisher, draft=draft, obj=section)
    assert comment == f"Published the draft saved by {editor.get_username()}."
    assert drafts.draft_of(section) is None


def test_restoring_a_published_version_needs_the_publish_right(editor, publisher, section):
    with history.revision(user=publisher, comment="Before"):
        section.save()
    version = Version.objects.get_for_object(section).first()
    with pytest.raises(PermissionDenied, match="it is published"):
        history.restore(user=editor, version=version)
    Page.objects.filter(pk=section.pk).update(title="Changed by hand")
    history.restore(user=publisher, version=version)
    section.refresh_from_db()
    assert section.title != "Changed by hand"
    assert Version.objects.get_for_object(section).first().revision.comment.startswith("Restored")


def test_an_editor_cannot_move_a_draft_past_a_published_item(editor, publisher):
    KeyFact.objects.all().delete()
    facts = [
        KeyFact.objects.create(figure="1", label="First", order=1, status=Status.PUBLISHED),
        KeyFact.objects.create(figure="2", label="Second", order=2, status=Status.DRAFT),
    ]
    siblings = KeyFact.objects.order_by("order", "pk")
    outcome = ordering.move(user=editor, obj=facts[1], direction=ordering.UP, siblings=siblings)
    assert outcome == ordering.REFUSED
    with pytest.raises(PermissionDenied):
        ordering.move(user=editor, obj=facts[0], direction=ordering.DOWN, siblings=siblings)
    outcome = ordering.move(user=publisher, obj=facts[1], direction=ordering.UP, siblings=siblings)
    assert outcome == ordering.MOVED
    assert list(KeyFact.objects.order_by("order", "pk")[:2]) == [facts[1], facts[0]]
    first = ordering.move(user=publisher, obj=facts[1], direction=ordering.UP, siblings=siblings)
    assert first == ordering.AT_EDGE


def test_roles_cover_every_content_model_and_syncing_twice_changes_nothing():
    groups = {name: Group.objects.get(name=name) for name in (roles.EDITOR, roles.PUBLISHER)}
    before = {name: set(g.permissions.values_list("pk", flat=True)) for name, g in groups.items()}
    roles.sync()
    roles.sync()
    after = {name: set(g.permissions.values_list("pk", flat=True)) for name, g in groups.items()}
    assert before == after
    for model in apps.get_models():
        if not issubclass(model, Publishable):
            continue
        opts = model._meta
        publish = Permission.objects.get(
            content_type__app_label=opts.app_label, codename=f"publish_{opts.model_name}"
        )
        assert publish.pk in after[roles.PUBLISHER] and publish.pk not in after[roles.EDITOR]


def test_vocabularies_need_the_publish_right(editor, publisher):
    assert not roles.can_publish(editor, OutcomeTag)
    assert roles.can_publish(publisher, OutcomeTag)
    assert not editor.has_perm("casestudies.change_outcometag")
    assert editor.has_perm("casestudies.view_outcometag")
