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
def page():
    return Page.objects.published().order_by("order").first()


def test_only_a_publisher_publishes_and_unpublishes(editor, publisher, page):
    with pytest.raises(PermissionDenied, match="Only a publisher can publish"):
        publishing.unpublish(user=editor, obj=page)
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED

    assert publishing.unpublish(user=publisher, obj=page) is True
    page.refresh_from_db()
    assert page.status == Status.DRAFT
    assert Version.objects.get_for_object(page).first().revision.user == publisher
    assert publishing.unpublish(user=publisher, obj=page) is False  # nothing to change
    assert publishing.publish(user=SYSTEM, obj=page) is True


def test_a_draft_is_saved_and_discarded_by_an_editor_and_only_for_published_content(editor, page):
    draft = drafts.save_draft(user=editor, obj=page, data={"title": ["New"]}, fields=["title"])
    assert drafts.draft_of(page) == draft
    assert drafts.save_draft(user=editor, obj=page, data={"title": ["Newer"]}, fields=["title"])
    assert drafts.draft_of(page).data == {"title": ["Newer"]}  # one draft per item
    drafts.discard_draft(user=editor, draft=drafts.draft_of(page))
    assert drafts.draft_of(page) is None
    page.refresh_from_db()
    assert page.title != "Newer"

    Page.objects.filter(pk=page.pk).update(status=Status.DRAFT)
    with pytest.raises(ValueError, match="Only published content has drafts"):
        drafts.save_draft(user=editor, obj=page, data={}, fields=[])


def test_someone_without_the_change_right_cannot_save_a_draft(page):
    reader = make_user(username="reader")
    with pytest.raises(PermissionDenied):
        drafts.save_draft(user=reader, obj=page, data={}, fields=[])


def test_a_published_items_applied_draft_closes_only_for_a_publisher(editor, publisher, page):
    draft = drafts.save_draft(user=editor, obj=page, data={}, fields=[])
    with pytest.raises(PermissionDenied):
        drafts.close_applied_draft(user=editor, draft=draft, obj=page)
    comment = drafts.close_applied_draft(user=publisher, draft=draft, obj=page)
    assert comment == f"Published the draft saved by {editor.get_username()}."
    assert drafts.draft_of(page) is None


def test_restoring_a_published_version_needs_the_publish_right(editor, publisher, page):
    with history.revision(user=publisher, comment="Before"):
        page.save()
    version = Version.objects.get_for_object(page).first()
    with pytest.raises(PermissionDenied, match="it is published"):
        history.restore(user=editor, version=version)
    Page.objects.filter(pk=page.pk).update(title="Changed by hand")
    history.restore(user=publisher, version=version)
    page.refresh_from_db()
    assert page.title != "Changed by hand"
    assert Version.objects.get_for_object(page).first().revision.comment.startswith("Restored")


def test_an_editor_cannot_move_a_draft_past_a_published_item(editor, publisher):
    facts = list(KeyFact.objects.order_by("order", "pk")[:2])
    KeyFact.objects.filter(pk=facts[1].pk).update(status=Status.DRAFT)
    facts[1].refresh_from_db()
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
