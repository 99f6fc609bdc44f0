"""Every public page type, with an example address. The gates (browser journeys, axe, vnu)
run over this list, and tests/toolkit/test_gates.py fails when a URL pattern is missing from it."""

from django.core import signing
from django.urls import reverse

from careers.models import CareerStory, PathwayStep
from casestudies.models import CaseStudy
from checklist.models import ProgressRecord
from pages.models import Page
from professions.models import Profession
from submissions.views import SENT_SALT


def first_url(model):
    return model.objects.published().order_by("pk").first().get_absolute_url()


# URL name -> function giving an example path (called with the content loaded).
PAGE_TYPES = {
    "home": lambda: "/",
    "page": lambda: first_url(Page),
    "search": lambda: "/search/?q=therapy",
    "accessibility": lambda: "/accessibility/",
    "privacy": lambda: "/privacy/",
    "cookies": lambda: "/cookies/",
    "professions:list": lambda: "/professions/",
    "professions:detail": lambda: first_url(Profession),
    "casestudies:list": lambda: "/case-studies/",
    "casestudies:detail": lambda: first_url(CaseStudy),
    "casestudies:evidence-map": lambda: "/case-studies/evidence-map/",
    "careers:index": lambda: "/careers/",
    "careers:stories": lambda: "/careers/stories/",
    "careers:story": lambda: first_url(CareerStory),
    "careers:resources": lambda: "/careers/resources/",
    # careers and professions for AHPs and students (issue 13)
    "careers:pathways": lambda: "/careers/pathways/",
    "careers:step": lambda: first_url(PathwayStep),
    "professions:compare": lambda: (
        "/professions/compare/?profession=occupational-therapists&profession=music-therapists"
        "&profession=osteopaths"
    ),
    "checklist:index": lambda: "/checklist/",
    "checklist:progress": lambda: ProgressRecord.objects.create().get_absolute_url(),
    "checklist:progress-print": lambda: (
        ProgressRecord.objects.create().get_absolute_url() + "print/"
    ),
    "checklist:progress-delete": lambda: (
        ProgressRecord.objects.create().get_absolute_url() + "delete/"
    ),
    "checklist:shared": lambda: ProgressRecord.objects.create(
        organisation="Northshire"
    ).get_shared_url(),
    "checklist:shared-print": lambda: (
        ProgressRecord.objects.create(organisation="Southdale").get_shared_url() + "print/"
    ),
    "checklist:progress-action": lambda: (
        ProgressRecord.objects.create().get_absolute_url() + "actions/1/"
    ),
    "checklist:shared-action": lambda: (
        ProgressRecord.objects.create(organisation="Eastfield").get_shared_url() + "actions/14/"
    ),
    "checklist:start-from-file": lambda: "/checklist/start/from-file/",
    "not-found": lambda: "/no-such-page/",
}

# URL names that answer something other than an HTML page.
NOT_HTML = {
    "sitemap",
    "robots",
    "healthz",
    "favicon",
    "media",
    "casestudies:export-csv",
    "casestudies:export-json",
    "casestudies:feed",
    # The registered-numbers table as CSV (issue 13).
    "professions:figures-csv",
    # Checklist progress: POSTs that redirect, and the PDF and CSV downloads.
    "checklist:start",
    "checklist:progress-replace",
    "checklist:progress-pdf",
    "checklist:progress-csv",
    "checklist:shared-pdf",
    "checklist:shared-csv",
    "checklist:progress-json",
    "checklist:shared-json",
    # The board paper's per-record print header, a stylesheet.
    "checklist:progress-page-css",
    "checklist:shared-page-css",
}


# Checklist system views (issue 12, item 6): a view over one record, under either link.
def _system_view(name):
    from checklist.models import SystemMember, SystemView

    system = SystemView.objects.create(name=name)
    record = ProgressRecord.objects.create(organisation=f"{name} Trust")
    SystemMember.objects.create(system=system, read_token=record.read_token, position=1)
    return system


PAGE_TYPES.update(
    {
        "checklist:system-start": lambda: "/checklist/systems/start/",
        "checklist:system": lambda: _system_view("Northshire ICS").get_absolute_url(),
        "checklist:system-shared": lambda: _system_view("Southdale ICS").get_shared_url(),
        "checklist:system-change": lambda: (
            _system_view("Eastfield ICS").get_absolute_url() + "change/"
        ),
        "checklist:system-delete": lambda: (
            _system_view("Westmoor ICS").get_absolute_url() + "delete/"
        ),
        "checklist:system-print": lambda: (
            _system_view("Northmoor ICS").get_absolute_url() + "print/"
        ),
        "checklist:system-shared-print": lambda: (
            _system_view("Southmoor ICS").get_shared_url() + "print/"
        ),
    }
)
NOT_HTML |= {
    "checklist:system-pdf",
    "checklist:system-csv",
    "checklist:system-page-css",
    "checklist:system-shared-pdf",
    "checklist:system-shared-csv",
    "checklist:system-shared-page-css",
}

# The finder's evidence pack (issue 15, item 1): a PDF and a Word file.
NOT_HTML |= {
    "casestudies:evidence-pack-pdf",
    "casestudies:evidence-pack-docx",
}


# Email alerts for a finder search (issue 15, item 2).
def _alert(email, *, pending=False):
    from django.utils import timezone

    from alerts.models import Alert, Subscriber
    from alerts.tokens import new_confirm_token

    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    alert = Alert(subscriber=subscriber, query="profession=dietitians&setting=autism")
    if pending:
        token, alert.confirm_token_hash = new_confirm_token()
    else:
        alert.confirmed_at = timezone.now()
    alert.save()
    return (alert, token) if pending else alert


def _confirm_url(email):
    _, token = _alert(email, pending=True)
    return f"/alerts/confirm/{token}/"


PAGE_TYPES.update(
    {
        "alerts:new": lambda: "/alerts/new/?profession=dietitians&setting=autism",
        "alerts:check-email": lambda: "/alerts/check-your-email/",
        "alerts:confirm": lambda: _confirm_url("confirm@example.org"),
        "alerts:manage": lambda: _alert("manage@example.org").subscriber.get_absolute_url(),
        "alerts:unsubscribe": lambda: _alert("unsubscribe@example.org").get_unsubscribe_url(),
    }
)

# Readiness for the load balancer (issue 14, several servers): plain text.
NOT_HTML |= {"readyz"}

# Case study submissions (issue 15, item 3): the public form and its confirmation.
PAGE_TYPES.update(
    {
        "submissions:submit": lambda: "/case-studies/submit/",
        "submissions:sent": lambda: reverse(
            "submissions:sent",
            kwargs={"token": signing.dumps({"r": "AHP-7K3Q9", "e": True}, salt=SENT_SALT)},
        ),
    }
)
