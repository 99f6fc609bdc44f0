"""The board paper: a record as a print page, a PDF, a CSV and a JSON file, under either link."""

import datetime
import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET

from checklist import records_io, selectors
from checklist.downloads import dated_name, download, pdf_download
from checklist.models import ProgressRecord, ProgressStatus
from checklist.views import get_record, links, private

SINCE_PARTS = ("day", "month", "year")


@dataclass
class Since:
    """The "Show changes since" date input: what was typed, and the date or the error."""

    values: dict = field(default_factory=dict)
    date: datetime.date | None = None
    error: str = ""
    error_parts: tuple = ()

    @property
    def query(self) -> str:
        """The date as the query string of a link (to the PDF), "" without a date."""
        if not self.date:
            return ""
        d = self.date
        return urlencode({"since-day": d.day, "since-month": d.month, "since-year": d.year})


def parse_since(query) -> Since:
    """The date from the day, month and year fields (``since-day`` …), in the NHS date input
    pattern: no date when all three are empty, else the date or one error message."""
    values = {part: query.get(f"since-{part}", "").strip()[:10] for part in SINCE_PARTS}
    since = Since(values=values)
    if not any(values.values()):
        return since
    missing = tuple(part for part in SINCE_PARTS if not values[part])
    if missing:
        since.error = f"The date must include a {' and '.join(missing)}"
        since.error_parts = missing
        return since
    try:
        if not all(value.isdigit() for value in values.values()) or len(values["year"]) != 4:
            raise ValueError
        day = datetime.date(int(values["year"]), int(values["month"]), int(values["day"]))
    except ValueError:
        since.error = "The date must be a real date, like 31 3 2026"
        since.error_parts = SINCE_PARTS
        return since
    if day > timezone.localdate():
        since.error = "The date must be today or in the past"
        since.error_parts = SINCE_PARTS
        return since
    since.date = day
    return since


def status_counts(overview) -> list[tuple[str, int]]:
    """The summary by status, with the overdue actions counted apart (they are also counted
    under their status)."""
    counts = [(label, overview.count(status)) for status, label in ProgressStatus.choices]
    overdue = sum(1 for row in overview.rows if row.progress.overdue)
    return [*counts, ("Overdue", overdue)]


def css_string(text: str) -> str:
    """Text as a CSS string literal: every character outside [A-Za-z0-9 ] hex-escaped (the
    space after each escape ends it and is not shown), so nothing a person typed can end the
    string or the rule."""
    return (
        '"'
        + "".join(
            c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):06x} " for c in text
        )
        + '"'
    )


def page_header(record: ProgressRecord, printed_on: datetime.datetime) -> str:
    """The header printed on every page, as CSS paged media (margin boxes): the same rules
    for WeasyPrint and for the browser's print."""
    left = ", ".join(
        filter(None, [record.organisation or "Organisation not named yet", record.area])
    )
    right = " · ".join(
        filter(
            None,
            [
                f"Completed by {record.completed_by}" if record.completed_by else "",
                f"Printed {date_format(printed_on, 'j F Y')}",
            ],
        )
    )
    return (
        f"@page {{ @top-left {{ content: {css_string(left)}; }} "
        f"@top-right {{ content: {css_string(right + ' · Page ')} counter(page) "
        f'" of " counter(pages); }} }}'
    )


def paper_context(request, token, access) -> dict:
    record = get_record(access, token)
    since = parse_since(request.GET)
    overview = selectors.progress_overview(record=record)
    context = links(request, record, access)
    return {
        **context,
        "record": record,
        "overview": overview,
        "status_counts": status_counts(overview),
        "since": since,
        "history": selectors.changes_since(record=record, since=since.date) if since.date else None,
        "printed_on": timezone.localtime(),
        "pdf_url": context["pdf_url"] + (f"?{since.query}" if since.date else ""),
        "page_css_url": context["print_url"] + "page.css",
    }


@private
@require_GET
def paper(request, token, access):
    return render(request, "checklist/print.jinja", paper_context(request, token, access))


@private
@require_GET
def page_css(request, token, access):
    record = get_record(access, token)
    return HttpResponse(
        page_header(record, timezone.localtime()), content_type="text/css; charset=utf-8"
    )


def export_name(record: ProgressRecord, extension: str) -> str:
    return dated_name("progress", record.organisation, "organisation", extension)


@private
@require_GET
def paper_pdf(request, token, access):
    context = paper_context(request, token, access)
    header = page_header(context["record"], context["printed_on"])
    filename = export_name(context["record"], "pdf")
    return pdf_download(request, "checklist/paper_pdf.jinja", context, header, filename)


@private
@require_GET
def paper_csv(request, token, access):
    record = get_record(access, token)
    overview = selectors.progress_overview(record=record)
    response = download("text/csv; charset=utf-8", export_name(record, "csv"))
    records_io.write_csv(response, overview)
    return response


@private
@require_GET
def paper_json(request, token, access):
    record = get_record(access, token)
    overview = selectors.progress_overview(record=record)
    response = download("application/json; charset=utf-8", export_name(record, "json"))
    json.dump(records_io.to_json(overview), response, ensure_ascii=False, indent=2)
    return response
