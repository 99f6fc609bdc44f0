"""Saving content as a whole: the item, its relations and its parts, in one revision, by
someone allowed to make that change. The content loader writes through here; the admin's
change form reaches the same rule through ``check_save`` in its save hook."""

from collections.abc import Callable

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction

from editorial.actions.common import revision
from editorial.actions.publishing import check_publish
from editorial.publishing import Status


def _is_public(model, obj) -> bool:
    """Whether saving ``obj`` changes what the public sees: it is or becomes published."""
    if not hasattr(obj, "status"):
        return False
    if obj.status == Status.PUBLISHED:
        return True
    return obj.pk is not None and (
        model._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists()
    )


def check_save(*, user, obj) -> None:
    model = type(obj)
    opts = model._meta
    action = "add" if obj.pk is None else "change"
    if not user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"):
        raise PermissionDenied(f"You cannot {action} {opts.verbose_name_plural}.")
    if _is_public(model, obj):
        check_publish(user=user, model=model)


@transaction.atomic
def save(*, user, obj, comment: str, related: Callable | None = None) -> None:
    """Save ``obj`` and, through ``related(obj)``, its relations and parts, as one revision
    of this item alone (restoring it never rolls back another item)."""
    check_save(user=user, obj=obj)
    with revision(user=user, comment=comment):
        obj.save()
        if related is not None:
            related(obj)
        if reversion.is_registered(type(obj)):
            # Again, now with the relations and the parts as they were written.
            reversion.add_to_revision(obj)
