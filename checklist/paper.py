"""The board paper: a record as a print page, a PDF and a CSV, under either link."""

import csv
import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from checklist import selectors
from checklist.models import ProgressRecord
from checklist.views import get_record, links, private
from editorial import spreadsheets


def parse_since(value: str | None) -> tuple[datetime.date | None, str]:
    if not value:
        return None, ""
    try:
        since = datetime.datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        return None, "Enter the date as year-month-day, like 2025-03-31"
    if since > timezone.localdate():
        return None, "The date must be today or in the past"
    return since, ""


def paper_context(request, token, access) -> dict:
    record = get_record(access, token)
    since, since_error = parse_since(request.GET.get("since"))
    return {
        "record": record,
        "overview": selectors.progress_overview(record=record),
        "since": since,
        "since_value": request.GET.get("since", "")[:20],
        "since_error": since_error,
        "changes": selectors.changes_since(record=record, since=since) if since else None,
        "printed_on": timezone.localtime(),
        **links(request, record, access),
    }


@private
@require_GET
def paper(request, token, access):
    return render(request, "checklist/print.jinja", paper_context(request, token, access))


def export_name(record: ProgressRecord, extension: str) -> str:
    name = slugify(record.organisation)[:60] or "organisation"
    return f"checklist-progress-{name}-{timezone.localdate():%Y-%m-%d}.{extension}"


@private
@require_GET
def paper_pdf(request, token, access):
    from checklist.pdf import render_pdf  # WeasyPrint loads slowly: only when asked for a PDF

    context = paper_context(request, token, access)
    html = render_to_string("checklist/paper_pdf.jinja", context, request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{export_name(context["record"], "pdf")}"'
    return response


@private
@require_GET
def paper_csv(request, token, access):
    record = get_record(access, token)
    overview = selectors.progress_overview(record=record)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_name(record, "csv")}"'
    response.write("\ufeff")  # a byte order mark, so spreadsheets read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "Organisation",
            "Action number",
            "Action",
            "Status",
            "Owner",
            "Target date",
            "Notes",
            "Last changed",
        ]
    )
    for row in overview.rows:
        item = row.progress
        writer.writerow(
            [
                spreadsheets.cell(cell)
                for cell in [
                    record.organisation,
                    row.action.number,
                    row.action.title,
                    item.get_status_display(),
                    item.owner,
                    item.target_date.isoformat() if item.target_date else "",
                    item.notes,
                    timezone.localtime(item.updated_at).strftime("%Y-%m-%d %H:%M")
                    if item.updated_at
                    else "",
                ]
            ]
        )
    return response
