"""A progress record as a file to take away (CSV, JSON), and such a file read back.

Reading checks everything before anything is saved: a file with any error gives the errors,
each by its line (CSV, the header being line 1) or its entry (JSON), and no record.
"""

import csv
import datetime
import io
import json
from dataclasses import dataclass, field

from django.utils import timezone

from checklist.models import (
    NOTES_MAX_LENGTH,
    OWNER_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Action,
    ProgressStatus,
)
from checklist.services import ActionInput, DetailsInput
from editorial import spreadsheets

FORMAT = "ahp-toolkit-checklist-progress"
MAX_BYTES = 512 * 1024
MAX_ROWS = 100
DETAIL_MAX_LENGTH = 200
# Column headings of the CSV, and the names of the same values in the JSON file.
COLUMNS = {
    "organisation": "Organisation",
    "area": "Area or ICS",
    "completed_by": "Completed by",
    "number": "Action number",
    "title": "Action",
    "status": "Status",
    "reason": "Reason not applicable",
    "overdue": "Overdue",
    "owner": "Owner",
    "target_date": "Target date",
    "notes": "Notes",
    "last_changed": "Last changed",
}
STATUS_LABELS = dict(ProgressStatus.choices)
STATUSES = {
    **{value.lower(): value for value in STATUS_LABELS},
    **{label.lower(): value for value, label in STATUS_LABELS.items()},
}
DETAIL_KEYS = ("organisation", "area", "completed_by")
LIMITS = {
    "organisation": DETAIL_MAX_LENGTH,
    "area": DETAIL_MAX_LENGTH,
    "completed_by": DETAIL_MAX_LENGTH,
    "owner": OWNER_MAX_LENGTH,
    "notes": NOTES_MAX_LENGTH,
    "reason": REASON_MAX_LENGTH,
}


def rows(overview):
    """Each action of the record as the values a file holds, keyed as COLUMNS."""
    record = overview.record
    for row in overview.rows:
        item = row.progress
        yield {
            "organisation": record.organisation,
            "area": record.area,
            "completed_by": record.completed_by,
            "number": row.action.number,
            "title": row.action.title,
            "status": item.status,
            "reason": item.reason,
            "overdue": item.overdue,
            "owner": item.owner,
            "target_date": item.target_date.isoformat() if item.target_date else "",
            "notes": item.notes,
            "last_changed": timezone.localtime(item.updated_at).isoformat(timespec="minutes")
            if item.updated_at
            else "",
        }


def write_csv(out, overview) -> None:
    out.write("\ufeff")  # a byte order mark, so spreadsheets read the file as UTF-8
    writer = csv.writer(out)
    writer.writerow(COLUMNS.values())
    for values in rows(overview):
        values["status"] = STATUS_LABELS[values["status"]]
        values["overdue"] = "Overdue" if values["overdue"] else ""
        values["last_changed"] = values["last_changed"].replace("T", " ")[:16]
        writer.writerow([spreadsheets.cell(values[key]) for key in COLUMNS])


def to_json(overview) -> dict:
    record = overview.record
    return {
        "format": FORMAT,
        "format_version": 1,
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "organisation": record.organisation,
        "area": record.area,
        "completed_by": record.completed_by,
        "actions": [
            {key: values[key] for key in COLUMNS if key not in DETAIL_KEYS}
            for values in rows(overview)
        ],
    }


class FileErrors(Exception):
    """What is wrong with a file: a list of (where, message), where "" means the whole file."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@dataclass
class Parsed:
    details: DetailsInput
    items: list[ActionInput] = field(default_factory=list)


def read(name: str, data: bytes, actions: list[Action]) -> Parsed:
    """The record a downloaded file holds, or FileErrors saying everything wrong with it."""
    if not data:
        raise FileErrors([("", "The selected file is empty")])
    if len(data) > MAX_BYTES:
        raise FileErrors([("", f"The file must be smaller than {MAX_BYTES // 1024} KB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileErrors(
            [("", "The file must be saved as UTF-8 (in a spreadsheet, save as “CSV UTF-8”)")]
        ) from None
    is_json = name.lower().endswith(".json") or text.lstrip().startswith("{")
    entries = read_json(text) if is_json else read_csv(text)
    return check(entries, {action.number: action for action in actions})


def read_csv(text: str) -> list[tuple[str, dict]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        table = list(reader)
    except csv.Error as error:
        raise FileErrors(
            [(f"Line {reader.line_num}", f"The file is not a valid CSV ({error})")]
        ) from None
    if not table:
        raise FileErrors([("", "The selected file is empty")])
    header = [cell.strip().lower() for cell in table[0]]
    keys = {label.lower(): key for key, label in COLUMNS.items()}
    missing = [COLUMNS[k] for k in ("number", "status") if COLUMNS[k].lower() not in header]
    if missing:
        raise FileErrors(
            [("Line 1", f"The file must have a column headed “{label}”") for label in missing]
        )
    entries = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            keys[h]: spreadsheets.restore(c)
            for h, c in zip(header, cells, strict=False)
            if h in keys
        }
        entries.append((f"Line {line}", values))
    return entries


def read_json(text: str) -> list[tuple[str, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileErrors(
            [(f"Line {error.lineno}", f"The file is not valid JSON ({error.msg})")]
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("actions"), list):
        raise FileErrors([("", "The file is not a checklist progress file: it has no “actions”")])
    entries = []
    for position, entry in enumerate(data["actions"], start=1):
        where = f"Entry {position} of “actions”"
        if not isinstance(entry, dict):
            raise FileErrors([(where, "Each entry must be an object with a number and a status")])
        values = {key: data.get(key, "") for key in DETAIL_KEYS}
        entries.append((where, {**values, **entry}))
    return entries


def text(values: dict, key: str) -> str:
    value = values.get(key)
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").strip()


def parse_date(value: str) -> datetime.date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            pass
    raise ValueError


def check(entries: list[tuple[str, dict]], actions: dict[int, Action]) -> Parsed:
    if len(entries) > MAX_ROWS:
        raise FileErrors([("", f"The file has {len(entries)} rows: a record has {len(actions)}")])
    errors, items, seen, details = [], [], {}, None
    for where, values in entries:
        problems = []
        number = text(values, "number")
        action = actions.get(int(number)) if number.isdigit() else None
        if action is None:
            problems.append(
                f"Action number must be a number from 1 to {max(actions, default=0)}"
                if not number.isdigit()
                else f"There is no action {number}"
            )
        elif action.number in seen:
            problems.append(f"Action {action.number} is also on {seen[action.number].lower()}")
        else:
            seen[action.number] = where
        status = STATUSES.get(text(values, "status").lower())
        if status is None:
            problems.append("Status must be Not started, In progress, Completed or Not applicable")
        for key, limit in LIMITS.items():
            if len(text(values, key)) > limit:
                problems.append(f"{COLUMNS[key]} must be {limit:,} characters or fewer")
        try:
            target = parse_date(text(values, "target_date"))
        except ValueError:
            problems.append("Target date must be a real date, like 2026-03-31 or 31/03/2026")
        reason = text(values, "reason")
        if status == ProgressStatus.NOT_APPLICABLE and not reason:
            problems.append("Reason not applicable must be given when the status is Not applicable")
        these = DetailsInput(0, *(text(values, key) for key in DETAIL_KEYS))
        if details is None:
            details = these
        elif these != details:
            problems.append("Organisation, area and completed by must be the same on every row")
        errors += [(where, problem) for problem in problems]
        if not problems:
            items.append(
                ActionInput(
                    action=action,
                    base_version=0,
                    status=status,
                    owner=text(values, "owner"),
                    target_date=target,
                    notes=text(values, "notes"),
                    reason=reason if status == ProgressStatus.NOT_APPLICABLE else "",
                )
            )
    if not entries:
        errors.append(("", "The file holds no actions"))
    if errors:
        raise FileErrors(errors)
    return Parsed(details=details, items=items)
