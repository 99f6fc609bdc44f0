"""The read-only links a workforce lead pastes into a system view, one a line: which lines are
read-only links of a record on this site, and what is wrong with the others, by line."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import reverse

from checklist.models import SYSTEM_MAX_MEMBERS, ProgressRecord
from checklist.views import TOKEN_SHAPE

MAX_LINE_LENGTH = 500
# Where the record's links and the system views' live, after the checklist's own address.
KINDS = re.compile(r"(?P<kind>shared|progress|systems)/(?P<rest>.*)", re.DOTALL)


@dataclass
class Pasted:
    """The read tokens found, in the order pasted, and the problems as (line, message)."""

    tokens: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def not_a_link(number: int) -> str:
    return f"Line {number} is not a read-only link of a progress record on this site"


def edit_link(number: int) -> str:
    return (
        f"Line {number} is an editing link: paste the record's read-only link instead "
        "(the link under \u201cShare a read-only view\u201d on the record's page)"
    )


def classify(line: str, host: str) -> tuple[str, str]:
    """What one line is: ("read", token), ("edit", token), ("bare", token) for a token without
    an address, or (problem, "") with problem "other-site", "system" or "not-a-link"."""
    if len(line) > MAX_LINE_LENGTH or "\x00" in line:
        return "not-a-link", ""
    if TOKEN_SHAPE.fullmatch(line):
        return "bare", line
    if line.startswith("/") and not line.startswith("//"):
        path = urlsplit(line).path
    else:
        parts = urlsplit(line if "://" in line else f"//{line}")
        bad_host = not parts.netloc or any(c.isspace() for c in parts.netloc)
        if parts.scheme not in ("", "http", "https") or bad_host:
            return "not-a-link", ""
        if parts.netloc.lower() != host.lower():
            return "other-site", ""
        path = parts.path
    base = reverse("checklist:index")
    match = KINDS.fullmatch(path.removeprefix(base)) if path.startswith(base) else None
    if not match:
        return "not-a-link", ""
    token = match["rest"].split("/")[0]
    if match["kind"] == "systems":
        return "system", ""
    if not TOKEN_SHAPE.fullmatch(token):
        return "not-a-link", ""
    return ("read" if match["kind"] == "shared" else "edit"), token


def parse(text: str, *, host: str, existing=(), room: int = SYSTEM_MAX_MEMBERS) -> Pasted:
    """The links in ``text``, checked against the records (two queries at most): ``existing``
    are the read tokens already in the system view, ``room`` how many more it can take."""
    result = Pasted()
    found: dict[str, int] = {}  # token -> the line it was first on
    bare: dict[str, int] = {}
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)]
    for number, line in lines:
        if not line:
            continue
        kind, token = classify(line, host)
        if kind == "other-site":
            result.errors.append(
                (
                    number,
                    f"Line {number} is a link to another site: paste read-only links "
                    "of progress records on this site",
                )
            )
        elif kind == "system":
            result.errors.append(
                (
                    number,
                    f"Line {number} is the link of a system view: paste the read-only "
                    "links of organisations' progress records",
                )
            )
        elif kind == "not-a-link":
            result.errors.append((number, not_a_link(number)))
        elif kind == "edit":
            result.errors.append((number, edit_link(number)))
        elif token in found:
            result.errors.append((number, f"Line {number} repeats the link on line {found[token]}"))
        elif token in existing:
            result.errors.append((number, f"Line {number} is already in this system view"))
        else:
            found[token] = number
            if kind == "bare":
                bare[token] = number
    known = (
        set(
            ProgressRecord.objects.filter(read_token__in=list(found)).values_list(
                "read_token", flat=True
            )
        )
        if found
        else set()
    )
    unknown_bare = [token for token in bare if token not in known]
    edits = (
        set(
            ProgressRecord.objects.filter(edit_token__in=unknown_bare).values_list(
                "edit_token", flat=True
            )
        )
        if unknown_bare
        else set()
    )
    for token, number in found.items():
        if token in edits:
            result.errors.append((number, edit_link(number)))
        elif token not in known:
            result.errors.append(
                (
                    number,
                    f"Line {number} is not the read-only link of any progress record: "
                    "it may have been replaced or deleted",
                )
            )
        else:
            result.tokens.append(token)
    result.errors.sort()
    if not result.errors:
        if not result.tokens:
            result.errors.append((0, "Paste the read-only link of at least one progress record"))
        elif len(result.tokens) > room:
            result.errors.append((0, too_many(room)))
    return result


def too_many(room: int) -> str:
    if room == SYSTEM_MAX_MEMBERS:
        return f"Paste no more than {SYSTEM_MAX_MEMBERS} links"
    return (
        f"A system view can hold up to {SYSTEM_MAX_MEMBERS} records: add no more than {room}"
        if room
        else f"This system view already holds {SYSTEM_MAX_MEMBERS} records: remove one first"
    )
