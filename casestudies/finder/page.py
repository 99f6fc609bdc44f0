"""The finder page's context: the filter, the facets with their counts, one page of results
(one query, as values, their tags read from the same rows' summaries), the filters that can be
removed and, for an empty list, the ways back."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse

from casestudies.finder import snapshot
from casestudies.finder.counts import COUNT_MEANING, Counts, Facet, facet_counts, facets
from casestudies.finder.filters import MAX_QUERY_CHARS, SORTS, CaseStudyFilter, case_study_filter
from casestudies.finder.vocabulary import FACETS, NOUNS
from casestudies.finder.wording import counted, describe, empty_reason, phrases, selected_names, the
from casestudies.models import CaseStudy

PER_PAGE = 20


def query_string(finder, *, without=None, **changes) -> str:
    """The current filter as a query string, without one (parameter, value) and with
    ``changes``; the page number is always dropped unless given."""
    pairs = []
    for name in ["q", *FACETS, "outcome_match", "sort"]:
        for raw in finder.data.getlist(name):
            if (name, raw) == without or name in changes:
                continue
            value = finder.words if name == "q" else raw
            if value:
                pairs.append((name, value))
    pairs += [(name, value) for name, value in changes.items() if value not in (None, "")]
    return urlencode(pairs)


@dataclass(frozen=True)
class RemovableFilter:
    label: str
    query: str
    facet: str = "q"
    slug: str = ""


def removable_filters(finder, facet_list) -> list[RemovableFilter]:
    found = []
    if finder.words:
        found.append(
            RemovableFilter(
                f"“{finder.words}”", query_string(finder, without=("q", finder.data.get("q", "")))
            )
        )
    for facet in facet_list:
        for option in facet.selected:
            found.append(
                RemovableFilter(
                    f"{facet.legend}: {option.name}",
                    query_string(finder, without=(facet.param, option.slug)),
                    facet.param,
                    option.slug,
                )
            )
    return found


@dataclass(frozen=True)
class WayBack:
    """A link from an empty list: the same filter with one choice left out."""

    text: str
    query: str
    count: int


def ways_back(finder, counts: Counts, removable) -> list[WayBack]:
    """For each choice, what leaving it out would give, those with case studies first. The
    counts come from the page's aggregate query; leaving out the words costs one query."""
    found = []
    for choice in removable:
        if choice.facet == "q":
            count = finder.matching(ignore=("q",)).count()
            words = ""
            names = selected_names(finder)
        else:
            count = counts.without[(choice.facet, choice.slug)]
            words = finder.words
            names = selected_names(finder, leave_out=(choice.facet, choice.slug))
        parts = phrases(names, match_all=finder.match_all_outcomes, words=words)
        found.append(WayBack(f"See {the(counted(count, parts))}", choice.query, count))
    return sorted(found, key=lambda way: way.count == 0)


@dataclass(frozen=True)
class Result:
    """One case study in the finder's results: a row of values, not a model instance."""

    title: str
    url: str
    kind_label: str
    publisher: str
    source_url: str
    professions: str  # their names, joined as the page lists them
    outcomes: str


RESULT_COLUMNS = ("title", "slug", "kind", "publisher", "source_url")


def results(rows, vocabulary) -> list[Result]:
    kinds = dict(CaseStudy.Kind.choices)
    prefix = reverse("casestudies:list")
    found = []
    for title, slug, kind, publisher, source_url, profession_bits, outcome_bits in rows:
        found.append(
            Result(
                title=title,
                url=f"{prefix}{slug}/",
                kind_label=kinds.get(kind, kind),
                publisher=publisher,
                source_url=source_url,
                professions=names(vocabulary.terms_in("profession", profession_bits)),
                outcomes=names(vocabulary.terms_in("outcome", outcome_bits)),
            )
        )
    return found


def names(terms) -> str:
    return ", ".join(term.name for term in terms)


def page_number(value) -> int | None:
    """The requested page: missing or not a number means the first; None for one that
    cannot exist (0 or less)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else None


@dataclass
class FinderPage:
    finder: CaseStudyFilter
    facets: list[Facet]
    total: int
    description: str
    page: object  # django.core.paginator.Page
    removable: list[RemovableFilter]
    messages: list[str] = field(default_factory=list)
    ways_back: list[WayBack] = field(default_factory=list)
    empty_reason: str = ""
    missing_page: str = ""  # the page asked for when there is no such page

    count_meaning = COUNT_MEANING

    @property
    def selected_count(self) -> int:
        return sum(len(f.selected) for f in self.facets) + (1 if self.finder.words else 0)

    @property
    def is_filtered(self) -> bool:
        return bool(self.removable) or self.finder.sort_key != "title" or self.page.number > 1

    @property
    def showing(self) -> str:
        """'Showing 21–40 of 66', or '' when nothing is shown."""
        if not self.total or self.missing_page:
            return ""
        return f"Showing {self.page.start_index()}–{self.page.end_index()} of {self.total}"

    def query(self, **changes) -> str:
        return query_string(self.finder, **changes)

    @property
    def sorts(self):
        return [(key, label) for key, (label, _) in SORTS.items()]


def finder_page(data) -> FinderPage:
    finder = case_study_filter(data)
    counts = facet_counts(finder)
    total = counts.total
    columns = (*RESULT_COLUMNS, "profession_bits", "outcome_bits")
    paginator = Paginator(range(total), PER_PAGE)  # the rows are read for one page only
    number = page_number(data.get("page"))
    missing_page = ""
    if number is None or number > paginator.num_pages:
        missing_page = (data.get("page") or "").strip()[:30]
        page = paginator.page(paginator.num_pages)
        page.object_list = []  # not shown: the page says there is no such page instead
    else:
        page = paginator.page(number)
        offset = (page.number - 1) * PER_PAGE
        rows = snapshot.page_rows(finder, offset, PER_PAGE, columns)
        if rows is None:
            rows = finder.qs.values_list(*columns)[offset : offset + PER_PAGE]
        page.object_list = results(rows, finder.vocabulary)
    facet_list = facets(finder, counts)
    messages = [
        f"“{value}” is not a {NOUNS[name]} we know, so it was left out."
        for name, value in finder.ignored
    ]
    if len((data.get("q") or "").split()) > 10 or len(data.get("q") or "") > MAX_QUERY_CHARS:
        messages.append("Only the first 10 words of your search were used.")
    removable = removable_filters(finder, facet_list)
    empty = total == 0
    return FinderPage(
        finder=finder,
        facets=facet_list,
        total=total,
        description=describe(finder, total),
        page=page,
        removable=removable,
        messages=messages,
        ways_back=ways_back(finder, counts, removable) if empty else [],
        empty_reason=empty_reason(finder) if empty and removable else "",
        missing_page=missing_page,
    )
