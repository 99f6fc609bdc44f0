"""The "Submissions" queue: what the public proposed, received ones first, with who sent it.
Editors edit the draft case study, then publish it (a publisher's right) or decline it with a
reason that is emailed to the submitter."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Value, When
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from casestudies.models import CaseStudy
from editorial.publishing import Status
from editorial.roles import can_publish
from submissions import services
from submissions.models import Submission


def counted(number) -> str:
    return f"{number} submission" if number == 1 else f"{number} submissions"


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why is it declined?",
        help_text="Emailed to the submitter as it is written here.",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        max_length=2000,
        error_messages={"required": "Enter why the submission is declined"},
    )


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "case_study_link",
        "queue_status",
        "name",
        "role",
        "organisation",
        "email",
        "received_at",
    ]
    list_display_links = ["reference"]
    list_filter = ["status"]
    search_fields = ["reference", "name", "organisation", "email", "case_study__title"]
    actions = ["publish_submissions", "decline_submissions"]
    fields = [*list_display, "decided_at", "decline_reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        # Not super(): it orders by get_ordering() before the annotation exists.
        received_first = Case(
            When(
                ~Q(case_study__status=Status.PUBLISHED),
                status=Submission.Status.RECEIVED,
                then=Value(0),
            ),
            default=Value(1),
            output_field=IntegerField(),
        )
        queryset = self.model._default_manager.select_related("case_study")
        return queryset.annotate(queue_order=received_first).order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        return ["queue_order", "-received_at"]

    def has_add_permission(self, request):
        return False  # submissions come from the public form

    def has_publish_permission(self, request):
        return can_publish(request.user, CaseStudy)

    @admin.display(description="Status", ordering="status")
    def queue_status(self, obj):
        """A received submission whose case study an editor published from the case study
        itself is no longer waiting: it says so (its submitter was not emailed)."""
        received = obj.status == Submission.Status.RECEIVED
        if received and obj.case_study.status == Status.PUBLISHED:
            return "Published outside the queue (the submitter was not emailed)"
        return obj.get_status_display()

    @admin.display(description="Case study", ordering="case_study__title")
    def case_study_link(self, obj):
        url = reverse("admin:casestudies_casestudy_change", args=[obj.case_study_id])
        return format_html(
            '<a href="{}">{}</a> ({})',
            url,
            obj.case_study.title,
            obj.case_study.get_status_display(),
        )

    @admin.action(description="Publish the selected submissions", permissions=["publish"])
    def publish_submissions(self, request, queryset):
        skipped = queryset.exclude(status=Submission.Status.RECEIVED).count()
        published, unsent = 0, []
        for submission in queryset.filter(status=Submission.Status.RECEIVED):
            if not services.publish(user=request.user, submission=submission):
                unsent.append(submission.reference)
            published += 1
        self._report(request, f"Published {counted(published)}.", unsent, skipped)

    @admin.action(description="Decline the selected submissions…", permissions=["change"])
    def decline_submissions(self, request, queryset):
        queue = queryset.filter(status=Submission.Status.RECEIVED)
        form = DeclineForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            skipped = queryset.exclude(status=Submission.Status.RECEIVED).count()
            declined, unsent = 0, []
            for submission in queue:
                try:
                    sent = services.decline(
                        user=request.user, submission=submission, reason=form.cleaned_data["reason"]
                    )
                except PermissionDenied as refusal:
                    self.message_user(request, str(refusal), messages.ERROR)
                    return None
                except services.NotInQueue as refusal:
                    self.message_user(request, str(refusal), messages.WARNING)
                    continue
                declined += 1
                if not sent:
                    unsent.append(submission.reference)
            message = f"Declined {counted(declined)} and emailed the reason."
            self._report(request, message, unsent, skipped)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Decline submissions",
            "opts": self.opts,
            "form": form,
            "queue": queue,
            "already_decided": queryset.exclude(status=Submission.Status.RECEIVED),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/submissions/decline.html", context)

    def _report(self, request, message, unsent, skipped):
        self.message_user(request, message, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} already published or declined: left as they were.",
                messages.WARNING,
            )
        if unsent:
            self.message_user(
                request,
                f"The email to the submitter could not be sent for {', '.join(unsent)}: "
                "tell them another way.",
                messages.WARNING,
            )
