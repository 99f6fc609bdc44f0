"""The board paper as a PDF (WeasyPrint), styled by pdf.css alone."""

from functools import cache
from pathlib import Path

from weasyprint import CSS, HTML


@cache
def stylesheet() -> CSS:
    widths = "".join(f".app-progress-bar__fill--{p}{{width:{p}%}}" for p in range(0, 101, 5))
    return CSS(string=Path(__file__).with_name("pdf.css").read_text() + widths)


def render_pdf(html: str) -> bytes:
    return HTML(string=html).write_pdf(stylesheets=[stylesheet()])
