"""Restoring an earlier version and recovering a deleted item (django-reversion)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from editorial.actions.common import revision
from editorial.publishing import Publishable, Status
from editorial.roles import can_publish


def restore_refusal(*, user, version, recovering: bool) -> str | None:
    """Why ``user`` may not restore the revision holding ``version``, if they may not: only
    publishers may publish, or change what is published."""
    for member in version.revision.version_set.select_related("content_type"):
        model = member._model
        if model is None or not issubclass(model, Publishable) or can_publish(user, model):
            continue
        live = (
            model._default_manager.filter(pk=member.object_id)
            .values_list("status", flat=True)
            .first()
        )
        if live == Status.PUBLISHED:
            return (
                f"Only a publisher can restore an earlier version of “{member.object_repr}”: "
                "it is published, and restoring would change what the public sees."
            )
        if member.field_dict.get("status") == Status.PUBLISHED:
            action, doing = ("recover", "recovering") if recovering else ("restore", "restoring")
            return (
                f"Only a publisher can {action} this version of “{member.object_repr}”: "
                f"it was published then, and {doing} it would publish it."
            )
    return None


def check_restore(*, user, version, recovering: bool = False) -> None:
    refusal = restore_refusal(user=user, version=version, recovering=recovering)
    if refusal:
        raise PermissionDenied(refusal)


@transaction.atomic
def restore(*, user, version, recovering: bool = False) -> None:
    """Put back every item of ``version``'s revision as it was (a deleted one too), as a new
    revision of its own."""
    check_restore(user=user, version=version, recovering=recovering)
    saved = version.revision.date_created
    comment = (
        f"{'Recovered' if recovering else 'Restored'} the version saved {saved:%d %B %Y %H:%M}."
    )
    with revision(user=user, comment=comment):
        version.revision.revert(delete=False)
