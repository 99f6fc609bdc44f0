"""Writes to progress records. Views call these; nothing else writes progress."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from checklist.models import (
    TRACKED_FIELDS,
    Action,
    ActionProgress,
    ProgressChange,
    ProgressRecord,
    new_token,
)
from editorial.ratelimit import over_limit

DETAIL_FIELDS = ("organisation", "area", "completed_by")


def fingerprint(values: dict) -> str:
    """A short digest of what a form showed, so a later save can tell what the person changed."""
    canonical = json.dumps({k: "" if v is None else str(v) for k, v in sorted(values.items())})
    return hashlib.sha256(canonical.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class ActionInput:
    """What a person submitted for one action, and the version their form was based on."""

    action: Action
    base_version: int
    status: str
    owner: str = ""
    target_date: date | None = None
    notes: str = ""
    reason: str = ""

    def values(self) -> dict:
        return {name: getattr(self, name) for name in TRACKED_FIELDS}


@dataclass(frozen=True)
class DetailsInput:
    base_version: int
    organisation: str = ""
    area: str = ""
    completed_by: str = ""

    def values(self) -> dict:
        return {name: getattr(self, name) for name in DETAIL_FIELDS}


@dataclass(frozen=True)
class Clash:
    """Someone else saved this action (or the details, when ``action`` is None) in between."""

    action: Action | None
    mine: dict
    theirs: dict
    their_version: int
    their_time: datetime | None


@dataclass
class SaveResult:
    record: ProgressRecord
    saved: list[ActionProgress] = field(default_factory=list)
    details_saved: bool = False
    clashes: list[Clash] = field(default_factory=list)


class TooManyRecords(Exception):
    """This client has created too many records recently."""


def progress_record_create(*, client: str) -> ProgressRecord:
    """A new, empty record, unless ``client`` (an address) has made too many this hour."""
    count_creation(f"checklist:created:{client}")
    return ProgressRecord.objects.create()


def count_creation(key: str) -> None:
    """Count one more thing made under ``key``; TooManyRecords past the hourly limit."""
    if over_limit(key, *settings.CHECKLIST_RECORDS_PER_CLIENT):
        raise TooManyRecords


def progress_save(
    *,
    record: ProgressRecord,
    items: list[ActionInput],
    details: DetailsInput | None = None,
    now: datetime | None = None,
) -> SaveResult:
    """Save what a person changed, in one transaction, without overwriting anyone else's save.

    Each input carries the version its form showed. If that action has been saved since,
    the input is not applied: it comes back as a clash unless it already matches. Inputs
    for other actions are saved, so two people editing different actions both keep their work.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the record: saves to one record run one after another.
        locked = ProgressRecord.objects.select_for_update().get(pk=record.pk)
        result = SaveResult(record=locked)
        current = {
            item.action_id: item
            for item in ActionProgress.objects.filter(
                record=locked, action__in=[i.action for i in items]
            )
        }
        history = []
        for entry in items:
            item = current.get(entry.action.pk) or ActionProgress(
                record=locked, action=entry.action
            )
            if item.values() == entry.values():
                continue
            if item.version != entry.base_version:
                result.clashes.append(
                    Clash(
                        entry.action, entry.values(), item.values(), item.version, item.updated_at
                    )
                )
                continue
            for name, value in entry.values().items():
                setattr(item, name, value)
            item.version += 1
            item.updated_at = now
            # record and action are known good, and the locked record keeps them unique.
            item.full_clean(exclude=["record", "action"])
            item.save()
            result.saved.append(item)
            history.append(
                ProgressChange(
                    record=locked,
                    action=entry.action,
                    version=item.version,
                    changed_at=now,
                    **item.values(),
                )
            )
        if details is not None:
            theirs = {name: getattr(locked, name) for name in DETAIL_FIELDS}
            if theirs != details.values():
                if locked.version != details.base_version:
                    result.clashes.append(
                        Clash(None, details.values(), theirs, locked.version, locked.updated_at)
                    )
                else:
                    for name, value in details.values().items():
                        setattr(locked, name, value)
                    locked.version += 1
                    result.details_saved = True
        for change in history:
            change.completed_by = locked.completed_by
        ProgressChange.objects.bulk_create(history)
        if result.saved or result.details_saved:
            locked.full_clean(exclude=["edit_token", "read_token"])
            locked.save()
    return result


def progress_link_replace(*, record: ProgressRecord, link: str) -> ProgressRecord:
    """Give the record a new edit or read link; the old one stops working at once."""
    field_name = {"edit": "edit_token", "read": "read_token"}[link]
    setattr(record, field_name, new_token())
    record.save(update_fields=[field_name, "updated_at"])
    return record


def progress_record_delete(*, record: ProgressRecord) -> None:
    record.delete()


def progress_record_import(
    *,
    client: str,
    details: DetailsInput,
    items: list[ActionInput],
    now: datetime | None = None,
) -> ProgressRecord:
    """A new record holding what a file held, all of it or (on any error) nothing, counted
    against ``client``'s limit like any new record. Each action's history starts at the file."""
    now = now or timezone.now()
    with transaction.atomic():
        record = progress_record_create(client=client)
        for name, value in details.values().items():
            setattr(record, name, value)
        record.version = 1
        record.full_clean(exclude=["edit_token", "read_token"])
        record.save()
        progress, history = [], []
        for entry in items:
            blank = ActionProgress(record=record, action=entry.action)
            if entry.values() == blank.values():
                continue  # "Not started" and nothing else: no row, as for a new record
            item = ActionProgress(
                record=record, action=entry.action, version=1, updated_at=now, **entry.values()
            )
            item.full_clean(exclude=["record", "action"])
            progress.append(item)
            history.append(
                ProgressChange(
                    record=record,
                    action=entry.action,
                    version=1,
                    changed_at=now,
                    completed_by=record.completed_by,
                    **entry.values(),
                )
            )
        ActionProgress.objects.bulk_create(progress)
        ProgressChange.objects.bulk_create(history)
    return record
