import secrets

from django.db import models

from casestudies.models import CaseStudy
from editorial.publishing import Part

# Letters and digits that cannot be read as one another (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 5


def new_reference() -> str:
    """A short code a person can read out on the phone: "AHP-7K3Q9"."""
    return "AHP-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Submission(Part):
    """A case study proposed through the public form: who sent it, and what became of it.

    The case study itself is a draft (only staff see drafts); a ``Part``, so whoever edits case
    studies may work through the queue (editorial/roles.py)."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        PUBLISHED = "published", "Published"
        DECLINED = "declined", "Declined"

    case_study = models.OneToOneField(
        CaseStudy, on_delete=models.CASCADE, related_name="submission"
    )
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    name = models.CharField("submitter's name", max_length=200)
    role = models.CharField("submitter's role", max_length=200)
    organisation = models.CharField("submitter's organisation", max_length=200)
    email = models.EmailField("submitter's email")
    status = models.CharField(max_length=10, choices=Status, default=Status.RECEIVED)
    decline_reason = models.TextField(
        blank=True, help_text="Emailed to the submitter when the submission is declined."
    )
    received_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(blank=True, null=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "received_at"], name="submission_queue_idx")]

    def __str__(self):
        return f"{self.reference}: {self.case_study.title}"
