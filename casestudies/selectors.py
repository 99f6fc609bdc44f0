"""Read-side queries for the finder, its exports and feed, the evidence map and the case-study
page. Each runs a fixed number of SQL queries whatever the number of case studies:

- the vocabulary (professions, outcome tags, settings): 3 queries;
- every facet's counts, each against the other active facets: 1 query over the case-study
  table alone (its tag summaries, through a covering index);
- a page of results: 1 query, as values, their tags read from the same rows' summaries.
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import add
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.urls import reverse

from casestudies.filters import (
    FACETS,
    M2M_FACETS,
    MAX_QUERY_CHARS,
    SORTS,
    CaseStudyFilter,
    Term,
    Vocabulary,
)
from casestudies.models import TAG_SUMMARY_FIELDS, CaseStudy
from casestudies.tagsummary import TagCount, has_tag

PER_PAGE = 20
FEED_ITEMS = 50
LEGENDS = {"profession": "Profession", "outcome": "Outcome", "setting": "Setting", "kind": "Type"}


def case_study_filter(data) -> CaseStudyFilter:
    """The finder over the published case studies: every public list uses this."""
    return CaseStudyFilter(
        data, queryset=CaseStudy.objects.published(), vocabulary=Vocabulary.load()
    )


# -- counts -------------------------------------------------------------------------------

COUNT_MEANING = (
    "The number by each option is how many case studies you would see with it ticked, "
    "keeping your other choices."
)


@dataclass
class Counts:
    """What the one aggregate query gives: ``options[facet][key]`` is the number of case
    studies the list would hold with that option ticked (the current total for a ticked
    one), and ``without[(facet, slug)]`` the number it would hold with that selected option
    unticked (the way back from an empty list)."""

    total: int
    options: dict[str, dict[str, int]]
    without: dict[tuple[str, str], int]


def facet_counts(finder: CaseStudyFilter) -> Counts:
    """Every option's count, and every selected option's "without" count, in one query.

    Ticking an option in a facet whose options combine with OR widens that facet to the union
    of its ticked options and this one (a mask with both in, since a (column, mask) condition
    means "has one of these tags"); with ``outcome_match=all`` ticking an outcome narrows the
    list instead (one more condition). One scan of the published case studies matching the
    words, grouped by kind, with one filtered count per option: the kind facet (one value per
    case study) is then applied in Python, group by group."""
    conditions = {facet: finder.tag_conditions(facet) for facet in M2M_FACETS}
    selected = {facet: finder.selected(facet) for facet in FACETS}
    by_slug = {facet: finder.vocabulary.by_slug(facet) for facet in M2M_FACETS}

    def others(facet):
        return [c for f, cs in conditions.items() if f != facet for c in cs]

    def own_mask(facet, leave_out=None):
        return reduce(
            int.__or__, (by_slug[facet][s].mask for s in selected[facet] if s != leave_out), 0
        )

    aggregates = {"n": TagCount(others(None))}
    ticked = {}  # aggregate name -> (facet, option key) whose count is the total
    for facet, (_, column) in M2M_FACETS.items():
        all_mode = facet == "outcome" and finder.match_all_outcomes
        for index, term in enumerate(finder.vocabulary.terms[facet]):
            name = f"{facet}_{index}"
            if term.slug in selected[facet]:
                ticked[name] = (facet, str(term.key))
            elif all_mode:
                aggregates[name] = TagCount([*others(None), (column, term.mask)])
            elif term.mask or selected[facet]:
                # a tag no case study has yet adds nothing to the ticked ones (or gives 0)
                union = own_mask(facet) | term.mask
                aggregates[name] = TagCount([*others(facet), (column, union)])
        for slug in selected[facet]:
            rest = [s for s in selected[facet] if s != slug]
            if all_mode:
                kept = [(column, by_slug[facet][s].mask) for s in rest]
            else:  # the others ticked in this facet, if any (a mask of 0 rightly matches none)
                kept = [(column, own_mask(facet, leave_out=slug))] if rest else []
            aggregates[f"without_{facet}_{slug}"] = TagCount([*others(facet), *kept])
    rows = list(finder.searched().values("kind").annotate(**aggregates).order_by())

    kinds = set(selected["kind"])
    by_kind = {row["kind"]: row["n"] for row in rows}
    in_kinds = [row for row in rows if not kinds or row["kind"] in kinds]
    total = sum(row["n"] for row in in_kinds)

    options = {facet: {} for facet in FACETS}
    for facet in M2M_FACETS:
        for index, term in enumerate(finder.vocabulary.terms[facet]):
            name = f"{facet}_{index}"
            key = str(term.key)
            if name in ticked:
                options[facet][key] = total
            else:
                options[facet][key] = sum(row.get(name, 0) for row in in_kinds)
    for term in finder.vocabulary.terms["kind"]:
        if term.slug in kinds:
            options["kind"][term.key] = total
        else:
            options["kind"][term.key] = sum(by_kind.get(k, 0) for k in kinds | {term.key})

    without = {
        (facet, slug): sum(row[f"without_{facet}_{slug}"] for row in in_kinds)
        for facet in M2M_FACETS
        for slug in selected[facet]
    }
    for slug in kinds:
        rest = kinds - {slug}
        without[("kind", slug)] = sum(n for k, n in by_kind.items() if not rest or k in rest)
    return Counts(total=total, options=options, without=without)


@dataclass(frozen=True)
class Option:
    slug: str
    name: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    legend: str
    options: list[Option]

    @property
    def selected(self) -> list[Option]:
        return [option for option in self.options if option.selected]


def facets(finder, counts: Counts) -> list[Facet]:
    result = []
    for facet in FACETS:
        chosen = set(finder.selected(facet))
        options = [
            Option(t.slug, t.name, counts.options[facet].get(str(t.key), 0), t.slug in chosen)
            for t in finder.vocabulary.terms[facet]
        ]
        result.append(Facet(facet, LEGENDS[facet], options))
    return result


# -- tags of a set of case studies --------------------------------------------------------


def tags_from(vocabulary, profession_bits, outcome_bits, setting_bits) -> dict[str, list[Term]]:
    """facet -> terms, read from a case study's tag summaries (no query), in display order;
    an unpublished profession is not in the vocabulary, so not shown."""
    return {
        "profession": vocabulary.terms_in("profession", profession_bits),
        "outcome": vocabulary.terms_in("outcome", outcome_bits),
        "setting": vocabulary.terms_in("setting", setting_bits),
    }


def attach_tags(studies, vocabulary):
    """Give each case study ``professions_list``, ``outcomes_list``, ``settings_list``."""
    studies = list(studies)
    for study in studies:
        own = tags_from(vocabulary, study.profession_bits, study.outcome_bits, study.setting_bits)
        study.professions_list = own["profession"]
        study.outcomes_list = own["outcome"]
        study.settings_list = own["setting"]
    return studies


@dataclass(frozen=True)
class Result:
    """One case study in the finder's results: a row of values, not a model instance."""

    title: str
    url: str
    kind_label: str
    publisher: str
    source_url: str
    professions_list: list[Term]
    outcomes_list: list[Term]


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
                professions_list=vocabulary.terms_in("profession", profession_bits),
                outcomes_list=vocabulary.terms_in("outcome", outcome_bits),
            )
        )
    return found


# -- words and links ----------------------------------------------------------------------


def join_words(names, conjunction="or") -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def selected_names(finder, *, leave_out=None) -> dict[str, list[str]]:
    """facet -> the names of its ticked options, lower case, leaving out one (facet, slug)."""
    return {
        facet: [
            t.name.lower()
            for t in finder.vocabulary.terms[facet]
            if t.slug in finder.selected(facet) and (facet, t.slug) != leave_out
        ]
        for facet in FACETS
    }


def phrases(names, *, match_all, words) -> list[str]:
    """What a filter asks for, as phrases: 'involving dietitians', 'in autism settings'."""
    parts = []
    if names["kind"]:
        parts.append(f"of the type {join_words(names['kind'])}")
    if names["profession"]:
        parts.append(f"involving {join_words(names['profession'])}")
    if names["outcome"]:
        label = "outcomes" if len(names["outcome"]) > 1 else "outcome"
        parts.append(
            f"with the {label} {join_words(names['outcome'], 'and' if match_all else 'or')}"
        )
    if names["setting"]:
        parts.append(f"in {join_words(names['setting'])} settings")
    if words:
        parts.append(f"matching “{words}”")
    return parts


def counted(total, parts) -> str:
    """'3 case studies involving dietitians', 'all 20 case studies', '1 case study'."""
    noun = "case study" if total == 1 else "case studies"
    if not parts:
        return f"all {total} {noun}" if total != 1 else f"{total} {noun}"
    return f"{total} {noun} {', '.join(parts)}"


def describe(finder, total) -> str:
    """One sentence saying what the list shows, e.g. '3 case studies involving occupational
    therapists, with the outcome cost-saving, in mental health settings.'"""
    parts = phrases(selected_names(finder), match_all=finder.match_all_outcomes, words=finder.words)
    sentence = counted(total, parts)
    return f"{sentence[0].upper()}{sentence[1:]}."


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


def the(text) -> str:
    return text if text.startswith("all ") else f"the {text}"


def empty_reason(finder) -> str:
    """Why the list is empty, e.g. 'No case studies with the outcome improve and establish
    health equity, in learning disability settings yet.'"""
    parts = phrases(selected_names(finder), match_all=finder.match_all_outcomes, words=finder.words)
    return f"There are no case studies {', '.join(parts)} yet."


# -- the finder page ----------------------------------------------------------------------


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
    rows = finder.qs.values_list(*RESULT_COLUMNS, "profession_bits", "outcome_bits")
    paginator = Paginator(rows, PER_PAGE)
    paginator.count = total  # known from the counts: saves a COUNT query
    number = page_number(data.get("page"))
    missing_page = ""
    if number is None or number > paginator.num_pages:
        missing_page = (data.get("page") or "").strip()[:30]
        page = paginator.page(paginator.num_pages)
        page.object_list = []  # not shown: the page says there is no such page instead
    else:
        page = paginator.page(number)
        page.object_list = results(page.object_list, finder.vocabulary)
    facet_list = facets(finder, counts)
    messages = [
        f"“{value}” is not a {LEGENDS[name].lower()} we know, so it was left out."
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


# -- exports and feed ---------------------------------------------------------------------

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def plain_text(rich) -> str:
    """Rich text (sanitised HTML) as plain text, fast enough for thousands of rows."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", rich or ""))).strip()


def export_rows(finder, *, site_url: str) -> list[dict]:
    """The whole filtered set as plain dicts (values, not model instances) in the finder's
    order, in two queries after the vocabulary. ``site_url`` is the finder's absolute URL."""
    queryset = finder.qs.values_list(
        "title", "slug", "source_url", "publisher", "kind", "summary", *TAG_SUMMARY_FIELDS
    )
    vocabulary = finder.vocabulary
    kinds = dict(CaseStudy.Kind.choices)
    rows = []
    for title, slug, source_url, publisher, kind, summary, *bits in queryset:
        own = tags_from(vocabulary, *bits)
        rows.append(
            {
                "title": title,
                "slug": slug,
                "url": f"{site_url}{slug}/",
                "source_url": source_url,
                "publisher": publisher,
                "professions": [t.name for t in own["profession"]],
                "outcomes": [t.name for t in own["outcome"]],
                "settings": [t.name for t in own["setting"]],
                "kind": kinds.get(kind, kind),
                "summary": plain_text(summary),
            }
        )
    return rows


def applied_filters(finder) -> dict:
    return {
        "q": finder.words,
        **{facet: finder.selected(facet) for facet in FACETS},
        "outcome_match": "all" if finder.match_all_outcomes else "any",
        "sort": finder.sort_key,
    }


def feed_items(finder):
    """The newest published case studies in the filtered set, with their tags."""
    studies = finder.matching().order_by("-published_at", "title", "pk")[:FEED_ITEMS]
    return attach_tags(studies, finder.vocabulary)


# -- evidence map -------------------------------------------------------------------------


@dataclass
class EvidenceMap:
    professions: list[Term]
    outcomes: list[Term]
    cells: dict[tuple[int, int], int]  # (profession key, outcome key) -> count
    profession_totals: dict[str, int]
    outcome_totals: dict[str, int]
    total: int

    @cached_property  # read for every cell
    def highest(self) -> int:
        return max(self.cells.values(), default=0)

    def level(self, count) -> int:
        """0 for none, then 1 to 4 by quarter of the highest count: the CSS shade."""
        if not count or not self.highest:
            return 0
        return min(4, 1 + (4 * count - 1) // self.highest)


def evidence_map() -> EvidenceMap:
    """Professions x outcomes: how many published case studies carry both, in one query after
    the vocabulary: the published case studies grouped by their outcome summary (at most one
    group per combination of outcomes), with one filtered count per profession."""
    vocabulary = Vocabulary.load()
    professions = [t for t in vocabulary.terms["profession"] if t.mask]
    outcomes = vocabulary.terms["outcome"]
    rows = (
        CaseStudy.objects.published()
        .order_by()
        .values("outcome_bits")
        .annotate(
            n=Count("pk"),
            **{
                f"p{index}": TagCount([("profession_bits", term.mask)])
                for index, term in enumerate(professions)
            },
        )
    )
    cells = defaultdict(int)
    profession_totals = defaultdict(int)
    outcome_totals = defaultdict(int)
    total = 0
    for row in rows:
        total += row["n"]
        present = [o for o in outcomes if row["outcome_bits"] & o.mask]
        for outcome in present:
            outcome_totals[str(outcome.key)] += row["n"]
        for index, profession in enumerate(professions):
            count = row[f"p{index}"]
            if count:
                profession_totals[str(profession.key)] += count
                for outcome in present:
                    cells[(profession.key, outcome.key)] += count
    return EvidenceMap(
        professions=vocabulary.terms["profession"],
        outcomes=outcomes,
        cells=dict(cells),
        profession_totals=dict(profession_totals),
        outcome_totals=dict(outcome_totals),
        total=total,
    )


# -- one case study -----------------------------------------------------------------------


def case_study_detail(slug):
    return (
        CaseStudy.objects.published()
        .prefetch_related("professions", "outcomes", "settings")
        .filter(slug=slug)
        .first()
    )


def related_case_studies(study, *, limit=5):
    """Published case studies sharing a profession or an outcome, those sharing most first
    (a shared profession weighs twice a shared outcome), from the tag summaries."""
    professions = [p.bit for p in study.professions.all() if p.bit is not None]
    outcomes = [o.bit for o in study.outcomes.all() if o.bit is not None]
    if not professions and not outcomes:
        return []

    def shared(column, bits):
        return [F(column).bitrightshift(bit).bitand(1) for bit in bits]

    score = reduce(
        add, [*shared("profession_bits", professions) * 2, *shared("outcome_bits", outcomes)]
    )
    condition = Q(has_tag("profession_bits", sum(1 << b for b in professions))) | Q(
        has_tag("outcome_bits", sum(1 << b for b in outcomes))
    )
    return list(
        CaseStudy.objects.published()
        .exclude(pk=study.pk)
        .filter(condition)
        .annotate(score=score)
        .order_by("-score", "title")
        .only("title", "slug", "kind", "publisher")[:limit]
    )
