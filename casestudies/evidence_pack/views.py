"""The evidence pack's two downloads. Above the cap, a page saying how many matched and to
narrow the filter instead of a document."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from casestudies.evidence_pack.content import evidence_pack

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _pack_or_page(request):
    pack = evidence_pack(request.GET, absolute=request.build_absolute_uri)
    if pack.too_many:
        return pack, render(request, "casestudies/evidence_pack_too_many.jinja", {"pack": pack})
    return pack, None


def _download(content, content_type, extension):
    response = HttpResponse(content, content_type=content_type)
    name = f"evidence-pack-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def evidence_pack_pdf(request):
    pack, page = _pack_or_page(request)
    if page:
        return page
    from casestudies.evidence_pack.pdf import render_pdf

    return _download(render_pdf(pack, request), "application/pdf", "pdf")


@require_safe
def evidence_pack_docx(request):
    pack, page = _pack_or_page(request)
    if page:
        return page
    from casestudies.evidence_pack.word import render_docx

    return _download(render_docx(pack), DOCX, "docx")
