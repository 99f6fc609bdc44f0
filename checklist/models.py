import secrets
from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils import timezone

from casestudies.models import OutcomeTag
from editorial.publishing import Publishable
from editorial.richtext import RichTextField
from pages.models import Page
from professions.models import Profession

OWNER_MAX_LENGTH = 200
NOTES_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 500
# What a person records for each action; history and clashes compare these.
TRACKED_FIELDS = ("status", "owner", "target_date", "notes", "reason")


class Action(Publishable):
    """One of the 14 actions for system leaders, commissioners, employers and planners."""

    number = models.PositiveSmallIntegerField(unique=True, help_text="Position in the checklist.")
    title = models.CharField(max_length=300, help_text="The action, word for word.")
    guidance = RichTextField(blank=True)
    professions = models.ManyToManyField(Profession, related_name="checklist_actions", blank=True)
    outcomes = models.ManyToManyField(OutcomeTag, related_name="checklist_actions", blank=True)
    pages = models.ManyToManyField(Page, related_name="checklist_actions", blank=True)

    class Meta(Publishable.Meta):
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("checklist:index") + f"#action-{self.number}"

    def case_study_finder_url(self, outcomes) -> str:
        """The case-study finder filtered to these outcomes (any of them)."""
        query = urlencode([("outcome", outcome.slug) for outcome in outcomes])
        return f"{reverse('casestudies:list')}?{query}"


def new_token() -> str:
    """A capability token: 32 random bytes (256 bits), URL-safe, 43 characters."""
    return secrets.token_urlsafe(32)


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


# Statuses that end the work on an action: a target date before today is not "overdue".
FINISHED_STATUSES = (ProgressStatus.COMPLETED, ProgressStatus.NOT_APPLICABLE)


def is_overdue(status, target_date, today=None) -> bool:
    """The target date has passed and the action is neither completed nor not applicable."""
    if target_date is None or status in FINISHED_STATUSES:
        return False
    return target_date < (today or timezone.localdate())


class ProgressRecordQuerySet(models.QuerySet):
    def empty(self):
        """Records nobody has written anything into."""
        return self.filter(organisation="", area="", completed_by="", items__isnull=True).distinct()


class ProgressRecord(models.Model):
    """One organisation's progress through the checklist, reached only through its two links.

    Whoever holds the edit link can change and delete it; the read link only shows it.
    """

    organisation = models.CharField(max_length=200, blank=True)
    area = models.CharField("area or ICS", max_length=200, blank=True)
    completed_by = models.CharField(max_length=200, blank=True)
    edit_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    read_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    version = models.PositiveIntegerField(
        default=0, help_text="Goes up with every save of the details above."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgressRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.organisation or f"Progress record {self.pk}"

    def get_absolute_url(self):
        return reverse("checklist:progress", kwargs={"token": self.edit_token})

    def get_shared_url(self):
        return reverse("checklist:shared", kwargs={"token": self.read_token})


class ActionProgress(models.Model):
    """Where one record stands on one action. A missing row means "Not started"."""

    record = models.ForeignKey(ProgressRecord, on_delete=models.CASCADE, related_name="items")
    # PROTECT: deleting an action must not silently delete people's progress on it.
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="progress")
    status = models.CharField(
        max_length=20, choices=ProgressStatus, default=ProgressStatus.NOT_STARTED
    )
    owner = models.CharField(max_length=OWNER_MAX_LENGTH, blank=True)
    target_date = models.DateField(blank=True, null=True)
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, blank=True)
    reason = models.TextField(
        max_length=REASON_MAX_LENGTH, blank=True, help_text="Why the action is not applicable."
    )
    version = models.PositiveIntegerField(
        default=0, help_text="Goes up with every save: a form based on an older one clashes."
    )
    updated_at = models.DateTimeField(blank=True, null=True)

    class Meta:
        ordering = ["action__number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "action"], name="one_progress_per_action")
        ]
        verbose_name_plural = "action progress"

    def __str__(self):
        return f"{self.action_id}: {self.get_status_display()}"

    @property
    def overdue(self) -> bool:
        return is_overdue(self.status, self.target_date)

    def values(self) -> dict:
        return {field: getattr(self, field) for field in TRACKED_FIELDS}


class ProgressChange(models.Model):
    """One saved change to one action: what it became, and when. Never edited."""

    record = models.ForeignKey(ProgressRecord, on_delete=models.CASCADE, related_name="changes")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=ProgressStatus)
    owner = models.CharField(max_length=OWNER_MAX_LENGTH, blank=True)
    target_date = models.DateField(blank=True, null=True)
    notes = models.TextField(max_length=NOTES_MAX_LENGTH, blank=True)
    reason = models.TextField(max_length=REASON_MAX_LENGTH, blank=True)
    completed_by = models.CharField(
        max_length=200, blank=True, help_text="Who the record named as completing it then."
    )
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.action_id} v{self.version} at {self.changed_at:%Y-%m-%d %H:%M}"

    def values(self) -> dict:
        return {field: getattr(self, field) for field in TRACKED_FIELDS}


SYSTEM_NAME_MAX_LENGTH = 200
SYSTEM_MAX_MEMBERS = 100


class SystemView(models.Model):
    """Several organisations' records side by side, for an ICS: reached only through its two
    links, like a record. It holds the records' read-only links, never the records themselves."""

    name = models.CharField(max_length=SYSTEM_NAME_MAX_LENGTH, help_text="Usually the ICS's name.")
    edit_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    read_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("checklist:system", kwargs={"token": self.edit_token})

    def get_shared_url(self):
        return reverse("checklist:system-shared", kwargs={"token": self.read_token})


class SystemMember(models.Model):
    """One organisation in a system view: the read-only link that was pasted. Not a foreign
    key: a record whose link is replaced, or that is deleted, shows as "no longer shared"."""

    system = models.ForeignKey(SystemView, on_delete=models.CASCADE, related_name="members")
    read_token = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField(help_text="Order in which it was added.")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["system", "read_token"], name="one_member_per_link")
        ]

    def __str__(self):
        return f"{self.system_id}: member {self.position}"

    def get_shared_url(self):
        """The record's read-only view, as pasted (it may no longer lead anywhere)."""
        return reverse("checklist:shared", kwargs={"token": self.read_token})
