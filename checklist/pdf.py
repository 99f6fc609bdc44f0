"""The board paper as a PDF (WeasyPrint), styled by pdf.css alone."""

from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML


@cache
def stylesheet() -> CSS:
    widths = "".join(f".app-progress-bar__fill--{p}{{width:{p}%}}" for p in range(0, 101, 5))
    return CSS(string=Path(__file__).with_name("pdf.css").read_text() + widths)


def render_pdf(html: str) -> bytes:
    # PDF/UA-1: tagged (a structure tree from the HTML: headings, tables with their header
    # cells), with the document's title and language, for people using screen readers.
    return HTML(string=html).write_pdf(stylesheets=[stylesheet()], pdf_variant="pdf/ua-1")
