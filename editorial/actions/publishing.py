from django.core.exceptions import PermissionDenied
from django.db import transaction

from editorial.actions.common import revision
from editorial.publishing import Status
from editorial.roles import can_publish


def check_publish(*, user, model) -> None:
    """Only publishers change what the public sees."""
    if not can_publish(user, model):
        plural = model._meta.verbose_name_plural
        raise PermissionDenied(
            f"Only a publisher can publish, unpublish or change published {plural}."
        )


@transaction.atomic
def set_status(*, user, obj, status: Status, comment: str) -> bool:
    """Publish or unpublish ``obj``; returns whether anything changed."""
    check_publish(user=user, model=type(obj))
    if obj.status == status:
        return False
    with revision(user=user, comment=comment):
        obj.status = status
        obj.save()
    return True


def publish(*, user, obj, comment: str = "Published.") -> bool:
    return set_status(user=user, obj=obj, status=Status.PUBLISHED, comment=comment)


def unpublish(*, user, obj, comment: str = "Unpublished (back to draft).") -> bool:
    return set_status(user=user, obj=obj, status=Status.DRAFT, comment=comment)
