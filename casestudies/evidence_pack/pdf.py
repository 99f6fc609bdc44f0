"""The evidence pack as tagged PDF (PDF/UA-1) through WeasyPrint, as the checklist's board
paper is made: a structure tree from the HTML (headings, the table with its header cells,
links), with the document's title and language."""

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string


@cache
def stylesheet():
    from weasyprint import CSS  # WeasyPrint loads slowly: only when asked for a PDF

    return CSS(string=Path(__file__).with_name("pack.css").read_text())


def render_pdf(pack, request) -> bytes:
    from weasyprint import HTML

    html = render_to_string("casestudies/evidence_pack_pdf.jinja", {"pack": pack}, request)
    return HTML(string=html).write_pdf(stylesheets=[stylesheet()], pdf_variant="pdf/ua-1")
