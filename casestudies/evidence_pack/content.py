"""What an evidence pack says: the filter in the finder's own words, the count, the date, and
each case study as plain values (its summary as paragraphs of text, never markup)."""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from casestudies.finder.exports import plain_text, tags_from
from casestudies.finder.filters import case_study_filter
from casestudies.finder.page import query_string
from casestudies.finder.wording import describe
from casestudies.models import CaseStudy

# More than this and the pack is not made: no one prints a thousand pages for a board.
CAP = 200
TITLE = "Evidence pack: AHP case studies"
COSTED = "A saving or cost is stated in the source"
# The ends of the blocks of the editor's rich text: each closes a paragraph.
BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|blockquote|div)\s*>", re.IGNORECASE)


def paragraphs(rich) -> list[str]:
    """Rich text as its paragraphs of plain text."""
    return [text for text in (plain_text(part) for part in BLOCK_END.split(rich or "")) if text]


@dataclass(frozen=True)
class Study:
    number: int
    title: str
    publisher: str
    kind: str
    professions: list[str]
    outcomes: list[str]
    settings: list[str]
    summary: list[str]  # paragraphs
    source_url: str
    page_url: str  # the toolkit's page, absolute
    year: int | None = None  # the source's, where the toolkit or an editor gives one
    evaluated: str = ""  # how, e.g. 'Peer reviewed'; '' when not recorded
    costed: bool = False  # the source states a saving or a cost

    @property
    def facts(self) -> list[tuple[str, str]]:
        """What the evidence is, at a glance: (label, value) pairs, recorded ones only."""
        found = [("Kind of evidence", self.kind)]
        if self.publisher:
            found.append(("Publisher", self.publisher))
        if self.year:
            found.append(("Year", str(self.year)))
        if self.evaluated:
            found.append(("Evaluated", self.evaluated))
        if self.costed:
            found.append(("Costed", COSTED))
        return found

    @property
    def anchor(self) -> str:
        return f"study-{self.number}"

    @property
    def source_title(self) -> str:
        """The source link's text: what it is and who published it."""
        return f"{self.title} ({self.publisher})" if self.publisher else self.title


@dataclass(frozen=True)
class Pack:
    description: str  # the finder's sentence, e.g. '3 case studies involving dietitians.'
    total: int
    made_on: str  # '3 December 2026'
    finder_url: str
    studies: list[Study]
    too_many: bool = False

    title = TITLE
    cap = CAP


COLUMNS = (
    "title",
    "slug",
    "source_url",
    "publisher",
    "kind",
    "summary",
    "source_year",
    "evaluation",
    "costed",
)


def evidence_pack(data, *, absolute) -> Pack:
    """The pack for a finder query string (``data``, a QueryDict), parsed by the finder's
    FilterSet: the vocabulary's queries and one more (two above the cap, for the count).
    ``absolute`` turns a path into an absolute URL (request.build_absolute_uri)."""
    finder = case_study_filter(data)
    rows = list(
        finder.qs.values_list(*COLUMNS, "profession_bits", "outcome_bits", "setting_bits")[
            : CAP + 1
        ]
    )
    list_path = reverse("casestudies:list")
    query = query_string(finder)
    finder_url = absolute(list_path + (f"?{query}" if query else ""))
    made_on = date_format(timezone.localdate(), "j F Y")
    if len(rows) > CAP:
        total = finder.qs.count()
        return Pack(describe(finder, total), total, made_on, finder_url, [], too_many=True)
    kinds = {term.key: term.name for term in finder.vocabulary.terms["kind"]}
    evaluations = dict(CaseStudy.Evaluation.choices)
    studies = []
    for number, row in enumerate(rows, 1):
        title, slug, source_url, publisher, kind, summary, year, evaluation, costed, *bits = row
        tags = tags_from(finder.vocabulary, *bits)
        studies.append(
            Study(
                number=number,
                title=title,
                publisher=publisher,
                kind=kinds.get(kind, kind),
                professions=[t.name for t in tags["profession"]],
                outcomes=[t.name for t in tags["outcome"]],
                settings=[t.name for t in tags["setting"]],
                summary=paragraphs(summary),
                source_url=source_url,
                page_url=absolute(f"{list_path}{slug}/"),
                year=year,
                evaluated=evaluations[evaluation] if evaluation else "",
                costed=bool(costed),
            )
        )
    return Pack(describe(finder, len(studies)), len(studies), made_on, finder_url, studies)
