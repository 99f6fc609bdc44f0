"""The finder, its exports, the evidence map and the case-study page. Views stay thin: the
FilterSet (filters.py) turns the query string into a queryset, the selectors run the queries."""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casestudies import selectors

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "title",
    "slug",
    "url",
    "source_url",
    "publisher",
    "professions",
    "outcomes",
    "settings",
    "kind",
    "summary",
]


def case_study_list(request):
    finder_page = selectors.finder_page(request.GET)
    return render(
        request,
        "casestudies/list.jinja",
        {"finder_page": finder_page, "today": timezone.localdate()},
        # a page past the end is not found, but the page says so and links to the last one
        status=404 if finder_page.missing_page else 200,
    )


def case_study_detail(request, slug):
    case_study = selectors.case_study_detail(slug)
    if case_study is None:
        raise Http404("No such case study.")
    return render_case_study(request, case_study)


def render_case_study(request, case_study, **extra):
    """The case study's public page (also the admin's preview of a draft)."""
    return render(
        request,
        "casestudies/detail.jinja",
        {
            "case_study": case_study,
            "related": selectors.related_case_studies(case_study),
            **extra,
        },
    )


def evidence_map(request):
    return render(request, "casestudies/evidence_map.jinja", {"evidence": selectors.evidence_map()})


def _export(request):
    finder = selectors.case_study_filter(request.GET)
    site_url = request.build_absolute_uri(reverse("casestudies:list"))
    return finder, selectors.export_rows(finder, site_url=site_url)


def neutralise(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_csv(request):
    _, rows = _export(request)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the byte-order mark makes Excel read the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                neutralise("; ".join(row[c]) if isinstance(row[c], list) else row[c])
                for c in CSV_COLUMNS
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="case-studies.csv"'
    return response


def export_json(request):
    finder, rows = _export(request)
    response = JsonResponse(
        {"count": len(rows), "filters": selectors.applied_filters(finder), "results": rows},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = 'inline; filename="case-studies.json"'
    return response
