"""Reads of progress records, shared by the pages, the print view, the PDF and the CSV."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch
from django.utils import timezone

from casestudies.models import OutcomeTag
from checklist import history
from checklist.models import Action, ActionProgress, ProgressChange, ProgressRecord, ProgressStatus
from pages.models import Page


@dataclass(frozen=True)
class Row:
    action: Action
    progress: ActionProgress  # unsaved, "Not started", when nothing was recorded yet


@dataclass(frozen=True)
class Overview:
    record: ProgressRecord
    rows: list[Row]

    def count(self, status) -> int:
        return sum(1 for row in self.rows if row.progress.status == status)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def completed(self) -> int:
        return self.count(ProgressStatus.COMPLETED)

    @property
    def in_progress(self) -> int:
        return self.count(ProgressStatus.IN_PROGRESS)

    @property
    def not_applicable(self) -> int:
        return self.count(ProgressStatus.NOT_APPLICABLE)

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.progress.overdue)

    @property
    def completed_text(self) -> str:
        return f"{self.completed} of {self.total} completed"

    @property
    def summary(self) -> str:
        return (
            f"{self.completed_text}, {self.in_progress} in progress, "
            f"{self.not_applicable} not applicable, {self.overdue} overdue"
        )

    def row(self, number: str) -> Row | None:
        """The row of the action numbered ``number`` (as typed in an address), if published."""
        if not (number.isascii() and number.isdigit() and len(number) <= 3):
            return None
        return next((row for row in self.rows if row.action.number == int(number)), None)

    def next_row(self, row: Row) -> Row | None:
        later = self.rows.index(row) + 1
        return self.rows[later] if later < len(self.rows) else None

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def percent_step(self) -> int:
        """The percentage to the nearest 5, for the bar's width class (no inline styles)."""
        return 5 * round(self.percent / 5)

    @property
    def last_changed(self) -> datetime | None:
        times = [row.progress.updated_at for row in self.rows if row.progress.updated_at]
        return max(times, default=None)


def progress_overview(*, record: ProgressRecord) -> Overview:
    """Every published action with where the record stands on it: two queries."""
    actions = Action.objects.published().only("number", "title")
    items = {item.action_id: item for item in record.items.all()}
    return Overview(
        record=record,
        rows=[
            Row(action, items.get(action.pk) or ActionProgress(record=record, action=action))
            for action in actions
        ],
    )


def action_evidence(*, action: Action) -> Action:
    """The action with its guidance and what links to its evidence: three queries."""
    return (
        Action.objects.published()
        .prefetch_related(
            Prefetch("outcomes", queryset=OutcomeTag.objects.only("name", "slug")),
            Prefetch("pages", queryset=Page.objects.published().only("title", "slug")),
        )
        .get(pk=action.pk)
    )


def changes_since(*, record: ProgressRecord, since: date) -> list[history.Group]:
    """What changed on each action from the start of ``since``, in words: two queries."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    changes = record.changes.filter(changed_at__gte=start).select_related("action")
    return history.by_action(history.describe(list(changes.order_by("changed_at", "pk"))))


def recent_history(*, record: ProgressRecord, limit: int = 10) -> list[history.Group]:
    """The last ``limit`` changes in words, one group per save, newest first: two queries."""
    return history.by_save(history.describe(recent_changes(record=record, limit=limit)))


def recent_changes(*, record: ProgressRecord, limit: int = 10) -> list[ProgressChange]:
    return list(record.changes.select_related("action").order_by("-changed_at", "-pk")[:limit])
