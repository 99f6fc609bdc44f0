"""Writes of the submissions queue: a case study proposed by the public, then published or
declined by an editor. Each tells the submitter by email; a failed email never undoes the
write (it is logged, and the caller is told)."""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from casestudies.models import CaseStudy
from editorial.actions import publishing
from editorial.actions.common import SYSTEM, revision
from editorial.publishing import Status
from editorial.richtext import markdown_to_html
from submissions.models import Submission, new_reference

logger = logging.getLogger(__name__)

# Slugs the case-study URLs already use for pages of their own.
RESERVED_SLUGS = {"submit", "feed", "evidence-map"}


class NotInQueue(Exception):
    """The submission was already published or declined."""


def _slug_for(title: str, reference: str) -> str:
    slug = slugify(title)[:200] or "case-study"
    if slug in RESERVED_SLUGS or CaseStudy.objects.filter(slug=slug).exists():
        slug = f"{slug}-{reference.lower()}"
    return slug


def submit_case_study(
    *,
    title: str,
    source_url: str,
    publisher: str,
    professions,
    outcomes,
    settings,
    summary: str,
    name: str,
    role: str,
    organisation: str,
    email: str,
) -> tuple[Submission, bool]:
    """A draft case study and its submission, in one transaction; then the acknowledgement.
    The summary is written as plain text (blank lines between paragraphs, Markdown allowed)
    and kept only as the editor's allow-list keeps it. Returns the submission and whether the
    acknowledgement was sent."""
    for _attempt in range(5):
        reference = new_reference()
        try:
            with (
                transaction.atomic(),
                revision(user=SYSTEM, comment=f"Submitted through the public form ({reference})."),
            ):
                case_study = CaseStudy(
                    title=title,
                    slug=_slug_for(title, reference),
                    source_url=source_url,
                    publisher=publisher,
                    summary=markdown_to_html(summary),
                    status=Status.DRAFT,
                )
                case_study.full_clean()
                case_study.save()
                case_study.professions.set(professions)
                case_study.outcomes.set(outcomes)
                case_study.settings.set(settings)
                submission = Submission(
                    case_study=case_study,
                    reference=reference,
                    name=name,
                    role=role,
                    organisation=organisation,
                    email=email,
                )
                submission.full_clean()
                submission.save()
            break
        except IntegrityError:  # the same reference or slug, written meanwhile: try another
            continue
    else:
        raise RuntimeError("no free submission reference after 5 attempts")
    return submission, _email(submission, "acknowledgement")


def _check_queue(*, user, submission: Submission) -> None:
    if not user.has_perm("submissions.change_submission"):
        raise PermissionDenied("Only editors can publish or decline submissions.")
    if submission.status != Submission.Status.RECEIVED:
        raise NotInQueue(f"{submission.reference} was already {submission.get_status_display()}.")


def publish(*, user, submission: Submission) -> bool:
    """Publish the submission's case study (a publisher's right, with a revision) and tell
    the submitter. Returns whether the email was sent."""
    _check_queue(user=user, submission=submission)
    with transaction.atomic():
        case_study = submission.case_study
        publishing.publish(
            user=user, obj=case_study, comment=f"Published from submission {submission.reference}."
        )
        submission.status = Submission.Status.PUBLISHED
        submission.decided_at = timezone.now()
        submission.save(update_fields=["status", "decided_at"])
    return _email(submission, "published")


def decline(*, user, submission: Submission, reason: str) -> bool:
    """Decline the submission, saying why; the case study stays a draft nobody else sees.
    Returns whether the email was sent."""
    _check_queue(user=user, submission=submission)
    if submission.case_study.status == Status.PUBLISHED:
        raise NotInQueue(
            f"The case study of {submission.reference} is already published: unpublish it first."
        )
    reason = reason.strip()
    if not reason:
        raise ValueError("A reason is needed to decline a submission.")
    submission.status = Submission.Status.DECLINED
    submission.decline_reason = reason
    submission.decided_at = timezone.now()
    submission.save(update_fields=["status", "decline_reason", "decided_at"])
    return _email(submission, "declined")


SUBJECTS = {
    "acknowledgement": "We have received your case study ({reference})",
    "published": "Your case study is published on the AHP toolkit ({reference})",
    "declined": "Your case study for the AHP toolkit ({reference})",
}


def _email(submission: Submission, kind: str) -> bool:
    context = {
        "submission": submission,
        "case_study": submission.case_study,
        "site_url": settings.SITE_URL,
    }
    try:
        send_mail(
            SUBJECTS[kind].format(reference=submission.reference),
            render_to_string(f"submissions/email/{kind}.txt", context),
            None,
            [submission.email],
        )
    except (SMTPException, OSError):
        logger.exception("Could not send the %s email for %s", kind, submission.reference)
        return False
    return True
