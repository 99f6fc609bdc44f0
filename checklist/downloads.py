"""What the checklist's papers share: dated file names and download responses, the PDF too."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify


def dated_name(kind: str, name: str, fallback: str, extension: str) -> str:
    """``checklist-<kind>-<name>-<today>.<extension>``, the name made safe for a file."""
    safe = slugify(name)[:60] or fallback
    return f"checklist-{kind}-{safe}-{timezone.localdate():%Y-%m-%d}.{extension}"


def download(content_type: str, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def pdf_download(request, template: str, context: dict, css: str, filename: str):
    from checklist.pdf import render_pdf  # WeasyPrint loads slowly: only when asked for a PDF

    html = render_to_string(template, context, request)
    response = download("application/pdf", filename, inline=True)
    response.write(render_pdf(html, css))
    return response
