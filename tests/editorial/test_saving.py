import pytest
from django.core.exceptions import PermissionDenied
from reversion.models import Version

from casestudies.models import OutcomeTag
from editorial.actions import saving
from editorial.publishing import Status
from pages.models import Page
from tests.users import make_user

pytestmark = pytest.mark.django_db


def test_an_editor_may_save_a_draft_but_not_change_a_published_page():
    editor = make_user(role="editor")
    page = Page.objects.published().first()
    page.title = "Changed by an editor"
    with pytest.raises(PermissionDenied):
        saving.save(user=editor, obj=page, comment="Edited.")
    assert Page.objects.get(pk=page.pk).title != "Changed by an editor"

    draft = Page(title="A new section", slug="a-new-section", order=99, status=Status.DRAFT)
    saving.save(user=editor, obj=draft, comment="Started.")
    version = Version.objects.get_for_object(draft).get()
    assert version.revision.comment == "Started."
    assert version.revision.user == editor


def test_an_editor_may_not_publish_nor_rename_a_vocabulary():
    editor = make_user(role="editor")
    new = Page(title="Published at once", slug="published-at-once", order=99)
    new.status = Status.PUBLISHED
    with pytest.raises(PermissionDenied):
        saving.save(user=editor, obj=new, comment="Published.")
    tag = OutcomeTag.objects.first()
    tag.name = "Renamed"
    with pytest.raises(PermissionDenied):
        saving.save(user=editor, obj=tag, comment="Renamed.")


def test_a_publisher_saves_the_item_and_its_relations_in_one_revision():
    publisher = make_user(role="publisher")
    page = Page.objects.published().first()
    page.title = "Changed by a publisher"
    saving.save(user=publisher, obj=page, comment="Retitled.")
    latest = Version.objects.get_for_object(page).first()
    assert latest.revision.comment == "Retitled."
    assert latest.field_dict["title"] == "Changed by a publisher"


def test_the_content_loader_writes_through_the_same_action():
    page = Page.objects.published().first()
    comments = {v.revision.comment for v in Version.objects.get_for_object(page)}
    assert "Loaded from the toolkit content file" in comments
