"""The finder, its exports, the evidence map and the case-study page. Views stay thin: the
finder's machinery (casestudies/finder/) turns the query string into a page or a data set, the
selectors run the other queries."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from casestudies import selectors
from casestudies.evidence_pack.content import CAP as EVIDENCE_PACK_CAP
from casestudies.finder import exports
from casestudies.finder.filters import case_study_filter
from casestudies.finder.page import finder_page


@require_safe
def case_study_list(request):
    page = finder_page(request.GET)
    return render(
        request,
        "casestudies/list.jinja",
        {"finder_page": page, "today": timezone.localdate(), "pack_cap": EVIDENCE_PACK_CAP},
        # a page past the end is not found, but the page says so and links to the last one
        status=404 if page.missing_page else 200,
    )


@require_safe
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


@require_safe
def evidence_map(request):
    return render(request, "casestudies/evidence_map.jinja", {"evidence": selectors.evidence_map()})


def _export(request):
    finder = case_study_filter(request.GET)
    site_url = request.build_absolute_uri(reverse("casestudies:list"))
    return finder, exports.export_rows(finder, site_url=site_url)


@require_safe
def export_csv(request):
    _, rows = _export(request)
    response = StreamingHttpResponse(
        exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="case-studies.csv"'
    return response


@require_safe
def export_json(request):
    finder, rows = _export(request)
    response = StreamingHttpResponse(
        exports.json_chunks(rows, exports.applied_filters(finder)),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'inline; filename="case-studies.json"'
    return response
