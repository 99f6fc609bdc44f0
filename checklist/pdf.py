"""The board paper as a PDF (WeasyPrint), styled by pdf.css and the page header's rules."""

from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML


@cache
def stylesheet() -> CSS:
    return CSS(string=Path(__file__).with_name("pdf.css").read_text())


def render_pdf(html: str, page_css: str = "") -> bytes:
    # PDF/UA-1: tagged (a structure tree from the HTML: headings, tables with their header
    # cells), with the document's title and language, for people using screen readers.
    # ``page_css``: this record's page header (margin boxes), see checklist.paper.page_header.
    stylesheets = [stylesheet(), CSS(string=page_css)] if page_css else [stylesheet()]
    return HTML(string=html).write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1")
