"""Cells a spreadsheet would run as a formula (CSV injection, OWASP): one guard for every
file the site writes (the admin's exports, the finder's CSV, the checklist's CSV)."""

import re

# Excel, LibreOffice and Google Sheets start a formula (or DDE) at any of these, and a
# leading tab, carriage return or line feed lets one hide behind white space.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with an apostrophe:
    shown as the text it is, never evaluated. Other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restore(value):
    """Undo ``neutralise`` on import, so that an exported file imports unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def cell(value) -> str:
    """Any value as a safe text cell ("" for None)."""
    return neutralise("" if value is None else str(value))


# What makes the csv module's default writer (excel dialect, QUOTE_MINIMAL) quote a field.
NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def csv_text(value: str) -> str:
    """A text as one neutralised CSV field, byte for byte as ``csv.writer`` writes it. For
    exports of thousands of rows, lines joined from these take about half the time of
    ``writerows`` (docs/performance.md); the tests compare the two on every kind of text."""
    if value.startswith(FORMULA_START):
        value = "'" + value
    if NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value
