"""The registered-numbers table as CSV, rows as printed then the printed total."""

import csv
import io

from editorial.spreadsheets import cell

HEADER = ["Profession", "Registered", "Source", "Date", "Professions counted"]


def figures_csv(*, figures, total) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for f in figures:
        names = "; ".join(p.name for p in f.professions.all())
        writer.writerow([cell(f.label), f.count, cell(f.source), cell(f.as_of), cell(names)])
    if total is not None:
        writer.writerow([cell("Total (as printed)"), total.count, cell(total.source), "", ""])
    return buffer.getvalue()
