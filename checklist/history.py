"""A record's history in words: each saved change as what changed, from what to what.

A ProgressChange holds what an action became; the entry before it for the same action (one
version lower) holds what it was. Everything here works on changes already fetched, plus at
most one query for the entries just before them.
"""

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from checklist.models import Action, ProgressChange, ProgressStatus

NOT_GIVEN = "not given"
STATUS_LABELS = dict(ProgressStatus.choices)
# What an action is before anything was recorded for it.
UNRECORDED = {"status": ProgressStatus.NOT_STARTED, "owner": "", "target_date": None, "notes": ""}


def when(value: datetime) -> str:
    """ "2 December 2026 at 10:32", in the site's time zone."""
    return date_format(timezone.localtime(value), "j F Y \\a\\t H:i")


def day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else NOT_GIVEN


def sentences(before: dict | None, after: dict) -> list[str]:
    """What changed between two saved versions of an action, one sentence per field."""
    before = {**UNRECORDED, "reason": "", **(before or {})}
    lines = []
    if after["status"] != before["status"]:
        if after["status"] == ProgressStatus.NOT_APPLICABLE:
            lines.append(": ".join(filter(None, ["Marked not applicable", after["reason"]])))
        else:
            old, new = STATUS_LABELS[before["status"]], STATUS_LABELS[after["status"]]
            lines.append(f"Status: {old} → {new}")
    elif after["status"] == ProgressStatus.NOT_APPLICABLE and after["reason"] != before["reason"]:
        lines.append(f"Reason not applicable: {after['reason']}")
    if after["owner"] != before["owner"]:
        lines.append(f"Owner: {before['owner'] or NOT_GIVEN} → {after['owner'] or NOT_GIVEN}")
    if after["target_date"] != before["target_date"]:
        lines.append(f"Target date: {day(before['target_date'])} → {day(after['target_date'])}")
    if after["notes"] != before["notes"]:
        if not before["notes"]:
            lines.append("Notes added")
        elif not after["notes"]:
            lines.append("Notes removed")
        else:
            lines.append("Notes changed")
    return lines or ["Saved with no change"]


@dataclass(frozen=True)
class Change:
    """One saved change to one action, in words."""

    action: Action
    changed_at: datetime
    completed_by: str  # who the record named as completing it at the time
    lines: list[str]

    @property
    def when(self) -> str:
        return when(self.changed_at)

    @property
    def action_title(self) -> str:
        return f"{self.action.number}. {self.action.title}"


@dataclass(frozen=True)
class Group:
    """Changes shown together under one heading: one save, or one action."""

    heading: str
    byline: str
    items: list[tuple[str, Change]]  # (the item's own title, the change)


def describe(changes: list[ProgressChange]) -> list[Change]:
    """The changes (with their actions fetched) in words, in the order given: one query at most,
    for the entries just before those whose own predecessor is not among them."""
    have = {(c.action_id, c.version): c for c in changes}
    wanted = {(c.action_id, c.version - 1) for c in changes if c.version > 1} - set(have)
    if wanted:
        record_id = changes[0].record_id
        query = Q()
        for action_id, version in wanted:
            query |= Q(action_id=action_id, version=version)
        earlier = ProgressChange.objects.filter(query, record_id=record_id)
        have.update({(c.action_id, c.version): c for c in earlier})
    result = []
    for change in changes:
        before = have.get((change.action_id, change.version - 1))
        result.append(
            Change(
                action=change.action,
                changed_at=change.changed_at,
                completed_by=change.completed_by,
                lines=sentences(before.values() if before else None, change.values()),
            )
        )
    return result


def byline(completed_by: str) -> str:
    return f"Completed by {completed_by}" if completed_by else ""


def by_save(changes: list[Change]) -> list[Group]:
    """One group per save (the same moment, the same person named), newest first as given."""
    return [
        Group(
            heading=when(changed_at),
            byline=byline(completed_by),
            items=[(change.action_title, change) for change in items],
        )
        for (changed_at, completed_by), items in groupby(
            changes, key=lambda c: (c.changed_at, c.completed_by)
        )
    ]


def by_action(changes: list[Change]) -> list[Group]:
    """One group per action, in action order; each action's changes in the order given."""
    ordered = sorted(changes, key=lambda c: c.action.number)  # stable: keeps the time order
    groups = []
    for _number, items in groupby(ordered, key=lambda c: c.action.number):
        items = list(items)
        groups.append(
            Group(
                heading=items[0].action_title,
                byline="",
                items=[
                    (" · ".join(filter(None, [change.when, byline(change.completed_by)])), change)
                    for change in items
                ],
            )
        )
    return groups
