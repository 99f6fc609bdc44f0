"""Moving an item up or down its list, without dragging (WCAG 2.2, 2.5.7)."""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction

from editorial.actions.common import may_change, revision
from editorial.publishing import Status
from editorial.roles import can_publish

UP, DOWN = "up", "down"
MOVED, AT_EDGE, REFUSED = "moved", "at edge", "refused"


def _may_move(user, item) -> bool:
    if getattr(item, "status", None) == Status.PUBLISHED:
        return can_publish(user, type(item))
    return may_change(user, type(item))


def _renumber(items, field):
    changed = [item for number, item in enumerate(items, 1) if getattr(item, field) != number]
    # Two steps, so that a unique field (the checklist's action numbers) never holds the
    # same number twice, even for a moment.
    top = max(getattr(item, field) for item in items) + 1
    manager = type(items[0])._default_manager
    for step, item in enumerate(changed):
        setattr(item, field, top + step)
    manager.bulk_update(changed, [field])
    for number, item in enumerate(items, 1):
        setattr(item, field, number)
    manager.bulk_update(changed, [field])
    return changed


@transaction.atomic
def move(*, user, obj, direction: str, siblings, field: str = "order", parent=None) -> str:
    """Swap ``obj`` with its neighbour among ``siblings`` (a queryset in display order) and
    number them all 1, 2, 3… in that order. Each item renumbered gets a revision; for the
    inline children of ``parent`` the parent's revision holds their order. A content editor
    cannot move a published item, nor a draft past one. Returns MOVED, AT_EDGE or REFUSED."""
    if direction not in (UP, DOWN):
        raise ValueError(f"direction must be {UP!r} or {DOWN!r}")
    owner = parent if parent is not None else obj
    if not _may_move(user, owner):
        raise PermissionDenied(f"You cannot change “{owner}”.")
    items = list(siblings.select_for_update())
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(items):
        return AT_EDGE
    if parent is None and not _may_move(user, items[other]):
        return REFUSED
    items[index], items[other] = items[other], items[index]
    changed = _renumber(items, field)
    if parent is not None:
        children = type(obj)._meta.verbose_name_plural
        with revision(user=user, comment=f"Moved “{obj}” {direction} in the list of {children}."):
            _add(parent)
        return MOVED
    for item in changed:
        if item.pk == obj.pk:
            comment = f"Moved {direction} in the list."
        else:
            comment = f"Renumbered: “{obj}” was moved {direction} in the list."
        with revision(user=user, comment=comment):
            _add(item)
    return MOVED


def _add(obj):
    if reversion.is_registered(type(obj)):
        reversion.add_to_revision(obj)
