"""Drafts of published content: changes saved without touching what the public sees, until
a publisher publishes them."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction

from editorial.actions.common import may_change
from editorial.actions.publishing import check_publish
from editorial.models import Draft
from editorial.publishing import Status


def draft_of(obj) -> Draft | None:
    if obj is None or obj.pk is None:
        return None
    return (
        Draft.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
        .select_related("saved_by")
        .first()
    )


def _check_edit(user, model) -> None:
    if not may_change(user, model):
        raise PermissionDenied(f"You cannot edit {model._meta.verbose_name_plural}.")


@transaction.atomic
def save_draft(*, user, obj, data: dict[str, list[str]], fields: list[str]) -> Draft:
    """Keep ``data`` (a change form's submitted values, field name to list of values) as the
    draft of the published item ``obj``, replacing any earlier draft."""
    _check_edit(user, type(obj))
    if not type(obj)._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists():
        raise ValueError("Only published content has drafts: save the item itself.")
    draft, _ = Draft.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        defaults={"data": data, "fields": fields, "saved_by": user},
    )
    return draft


@transaction.atomic
def discard_draft(*, user, draft: Draft) -> None:
    """Drop the draft; the published item is unchanged. Whoever may edit may discard."""
    _check_edit(user, draft.content_type.model_class())
    draft.delete()


@transaction.atomic
def close_applied_draft(*, user, draft: Draft, obj) -> str:
    """The draft's changes were just saved to ``obj`` (by a publisher, if it is published):
    drop the draft, and return the sentence the item's history records."""
    if obj.status == Status.PUBLISHED:
        check_publish(user=user, model=type(obj))
    saved_by = draft.saved_by.get_username() if draft.saved_by else "someone"
    draft.delete()
    return f"Published the draft saved by {saved_by}."
