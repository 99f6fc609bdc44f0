"""A system view as a paper: a print page, a PDF (A4 landscape) and a CSV, under either link."""

import csv
import datetime
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET

from checklist import systems
from checklist.downloads import dated_name, download, pdf_download
from checklist.models import ProgressStatus, SystemView
from checklist.paper import css_string
from checklist.system_views import get_system, system_links_context
from checklist.views import private
from editorial import spreadsheets

STATUS_LABELS = dict(ProgressStatus.choices)
PDF_CSS = (Path(__file__).with_name("system_pdf.css")).read_text()
NO_LONGER_SHARED = "No longer shared"


def page_header(system: SystemView, printed_on: datetime.datetime) -> str:
    """The header on every printed page, as margin boxes (see checklist.paper.page_header)."""
    left = f"System view: {system.name}"
    right = f"Printed {date_format(printed_on, 'j F Y')} · Page "
    return (
        f"@page {{ size: A4 landscape; @top-left {{ content: {css_string(left)}; }} "
        f"@top-right {{ content: {css_string(right)} counter(page) "
        f'" of " counter(pages); }} '
        '@bottom-left { content: "AHP toolkit checklist: system view"; } }'
    )


def paper_context(request, token, access) -> dict:
    system = get_system(access, token)
    context = system_links_context(request, system, access)
    return {
        **context,
        "matrix": systems.system_matrix(system=system),
        "printed_on": timezone.localtime(),
        "page_css_url": context["print_url"] + "page.css",
    }


def export_name(system: SystemView, extension: str) -> str:
    return dated_name("system", system.name, "system", extension)


@private
@require_GET
def paper(request, token, access):
    return render(request, "checklist/system_print.jinja", paper_context(request, token, access))


@private
@require_GET
def page_css(request, token, access):
    system = get_system(access, token)
    return HttpResponse(
        page_header(system, timezone.localtime()), content_type="text/css; charset=utf-8"
    )


@private
@require_GET
def paper_pdf(request, token, access):
    context = paper_context(request, token, access)
    css = page_header(context["system"], context["printed_on"]) + PDF_CSS
    filename = export_name(context["system"], "pdf")
    return pdf_download(request, "checklist/system_pdf.jinja", context, css, filename)


def status_text(item) -> str:
    label = STATUS_LABELS[item.status]
    return f"{label}, overdue" if item.overdue else label


def csv_rows(request, matrix):
    """The page's table as rows: one an organisation, then the totals of each action."""
    yield [
        "Organisation",
        "Area or ICS",
        "Read-only link",
        "Completed",
        "Overdue",
        *(f"{action.number}. {action.title}" for action in matrix.actions),
    ]
    for member in matrix.members:
        link = request.build_absolute_uri(member.member.get_shared_url())
        if not member.overview:
            yield [NO_LONGER_SHARED, "", link, "", "", *([""] * len(matrix.actions))]
            continue
        record, overview = member.record, member.overview
        yield [
            record.organisation or "Organisation not named yet",
            record.area,
            link,
            overview.completed,
            overview.overdue,
            *(status_text(row.progress) for row in overview.rows),
        ]
    totals = matrix.totals()
    for label, key in [
        ("Organisations completed", "completed"),
        ("Organisations in progress", "in_progress"),
        ("Organisations overdue", "overdue"),
        ("Organisations not applicable", "not_applicable"),
    ]:
        yield [label, "", "", "", "", *(getattr(total, key) for total in totals)]


@private
@require_GET
def paper_csv(request, token, access):
    system = get_system(access, token)
    matrix = systems.system_matrix(system=system)
    response = download("text/csv; charset=utf-8", export_name(system, "csv"))
    response.write("\ufeff")  # a byte order mark, so spreadsheets read the file as UTF-8
    writer = csv.writer(response)
    for row in csv_rows(request, matrix):
        writer.writerow([spreadsheets.cell(value) for value in row])
    return response
