"""System views: writes (create, rename, add and remove links, delete) and the one read that
every page, print view, PDF and CSV of a system view uses (``system_matrix``)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Prefetch

from checklist.models import (
    SYSTEM_MAX_MEMBERS,
    Action,
    ActionProgress,
    ProgressRecord,
    ProgressStatus,
    SystemMember,
    SystemView,
)
from checklist.selectors import Overview, Row
from checklist.services import count_creation


class TooManyMembers(Exception):
    """The system view would hold more than SYSTEM_MAX_MEMBERS links."""


def system_view_create(*, client: str, name: str, tokens: list[str]) -> SystemView:
    """A new system view over these read tokens, counted against ``client``'s hourly limit
    (shared with new records)."""
    count_creation(f"checklist:systems:{client}")
    if len(tokens) > SYSTEM_MAX_MEMBERS:
        raise TooManyMembers
    with transaction.atomic():
        system = SystemView(name=name)
        system.full_clean(exclude=["edit_token", "read_token"])
        system.save()
        SystemMember.objects.bulk_create(
            SystemMember(system=system, read_token=token, position=n)
            for n, token in enumerate(tokens, start=1)
        )
    return system


def system_view_rename(*, system: SystemView, name: str) -> SystemView:
    system.name = name
    system.full_clean(exclude=["edit_token", "read_token"])
    system.save(update_fields=["name", "updated_at"])
    return system


def system_members_add(*, system: SystemView, tokens: list[str]) -> list[SystemMember]:
    """Add links after the others; those already in the view are left as they are."""
    with transaction.atomic():
        locked = SystemView.objects.select_for_update().get(pk=system.pk)
        present = set(locked.members.values_list("read_token", flat=True))
        new = [token for token in dict.fromkeys(tokens) if token not in present]
        if len(present) + len(new) > SYSTEM_MAX_MEMBERS:
            raise TooManyMembers
        last = locked.members.aggregate(last=Max("position"))["last"] or 0
        members = SystemMember.objects.bulk_create(
            SystemMember(system=locked, read_token=token, position=last + n)
            for n, token in enumerate(new, start=1)
        )
        locked.save(update_fields=["updated_at"])
    return members


def system_member_remove(*, system: SystemView, member_id: int) -> bool:
    """Take one link out of the view; False if it was not in it (removed already)."""
    deleted, _ = SystemMember.objects.filter(system=system, pk=member_id).delete()
    if deleted:
        system.save(update_fields=["updated_at"])
    return bool(deleted)


def system_view_delete(*, system: SystemView) -> None:
    """Delete the view and its list of links; the records themselves are not touched."""
    system.delete()


@dataclass(frozen=True)
class Member:
    member: SystemMember
    overview: Overview | None  # None: the link no longer leads to a record

    @property
    def record(self) -> ProgressRecord | None:
        return self.overview.record if self.overview else None


@dataclass(frozen=True)
class Totals:
    """How many organisations stand where on one action."""

    action: Action
    completed: int
    in_progress: int
    overdue: int
    not_applicable: int


@dataclass(frozen=True)
class Matrix:
    system: SystemView
    actions: list[Action]
    members: list[Member]

    @property
    def shared(self) -> list[Member]:
        return [member for member in self.members if member.overview]

    @property
    def no_longer_shared(self) -> int:
        return len(self.members) - len(self.shared)

    def totals(self) -> list[Totals]:
        rows = [member.overview.rows for member in self.shared]
        result = []
        for index, action in enumerate(self.actions):
            items = [row[index].progress for row in rows]
            result.append(
                Totals(
                    action=action,
                    completed=sum(i.status == ProgressStatus.COMPLETED for i in items),
                    in_progress=sum(i.status == ProgressStatus.IN_PROGRESS for i in items),
                    overdue=sum(i.overdue for i in items),
                    not_applicable=sum(i.status == ProgressStatus.NOT_APPLICABLE for i in items),
                )
            )
        return result

    @property
    def summary(self) -> str:
        count = len(self.shared)
        organisations = f"{count} organisation{'' if count == 1 else 's'}"
        completed = sum(member.overview.completed for member in self.shared)
        overdue = sum(member.overview.overdue for member in self.shared)
        text = (
            f"{organisations}: {completed} of {count * len(self.actions)} actions completed, "
            f"{overdue} overdue"
        )
        if self.no_longer_shared:
            text += f"; {self.no_longer_shared} link{'s' if self.no_longer_shared > 1 else ''} "
            text += "no longer shared"
        return text


def system_matrix(*, system: SystemView) -> Matrix:
    """Every member's record as it stands now, on every published action: four queries,
    however many records (the records are read live, never copied)."""
    actions = list(Action.objects.published().only("number", "title"))
    members = list(system.members.all())
    records = {
        record.read_token: record
        for record in ProgressRecord.objects.filter(
            read_token__in=[member.read_token for member in members]
        ).prefetch_related(Prefetch("items", queryset=ActionProgress.objects.order_by()))
    }
    result = []
    for member in members:
        record = records.get(member.read_token)
        overview = None
        if record:
            items = {item.action_id: item for item in record.items.all()}
            overview = Overview(
                record=record,
                rows=[
                    Row(
                        action, items.get(action.pk) or ActionProgress(record=record, action=action)
                    )
                    for action in actions
                ],
            )
        result.append(Member(member, overview))
    return Matrix(system=system, actions=actions, members=result)
