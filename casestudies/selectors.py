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
from django.http import Http404
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


def facet_counts(finder: CaseStudyFilter) -> dict[str, dict[str, int]]:
    """facet -> {option key as text: number of case studies}, in one query.

    Each facet's counts are computed against the other active facets: the number a person
    gets by ticking that option (with ``outcome_match=all``, outcomes count against the
    selected outcomes too, since ticking one narrows the list further). One scan of the
    published case studies matching the words, grouped by kind, with one filtered count per
    option: the kind facet is then applied in Python, group by group."""
    conditions = {facet: finder.tag_conditions(facet) for facet in M2M_FACETS}

    def all_but(facet):
        keep_own = facet == "outcome" and finder.match_all_outcomes
        return [c for f, cs in conditions.items() if f != facet or keep_own for c in cs]

    aggregates = {"n": TagCount(all_but(None))}
    for facet, (_, column) in M2M_FACETS.items():
        others = all_but(facet)
        for index, term in enumerate(finder.vocabulary.terms[facet]):
            if term.mask:  # a tag no case study has yet counts 0 without asking
                aggregates[f"{facet}_{index}"] = TagCount([*others, (column, term.mask)])
    rows = finder.searched().values("kind").annotate(**aggregates).order_by()
    kinds = set(finder.selected("kind"))
    counts = {facet: {} for facet in FACETS}
    for row in rows:
        counts["kind"][row["kind"]] = row["n"]
        if kinds and row["kind"] not in kinds:
            continue
        for facet in M2M_FACETS:
            option_counts = counts[facet]
            for index, term in enumerate(finder.vocabulary.terms[facet]):
                key = str(term.key)
                option_counts[key] = option_counts.get(key, 0) + row.get(f"{facet}_{index}", 0)
    return counts


def total_from(finder, counts) -> int:
    """Every case study has exactly one kind, so the kind counts add up to the total."""
    kinds = finder.selected("kind") or counts["kind"].keys()
    return sum(counts["kind"].get(kind, 0) for kind in kinds)


@dataclass(frozen=True)
class Option:
    slug: str
    name: str
    count: int
    selected: bool

    @property
    def disabled(self) -> bool:
        """An option that would give no results cannot be ticked (unless it already is)."""
        return self.count == 0 and not self.selected


@dataclass
class Facet:
    param: str
    legend: str
    options: list[Option]

    @property
    def selected(self) -> list[Option]:
        return [option for option in self.options if option.selected]


def facets(finder, counts) -> list[Facet]:
    result = []
    for facet in FACETS:
        chosen = set(finder.selected(facet))
        options = [
            Option(t.slug, t.name, counts[facet].get(str(t.key), 0), t.slug in chosen)
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


def describe(finder, total) -> str:
    """One sentence saying what the list shows, e.g. '3 case studies about occupational
    therapists, with the outcome cost-saving, in mental health settings.'"""
    names = {
        facet: [t.name for t in finder.vocabulary.terms[facet] if t.slug in finder.selected(facet)]
        for facet in FACETS
    }
    noun = "case study" if total == 1 else "case studies"
    parts = []
    if names["kind"]:
        noun = f"{noun} (type: {join_words(n.lower() for n in names['kind'])})"
    if names["profession"]:
        parts.append(f"involving {join_words(n.lower() for n in names['profession'])}")
    if names["outcome"]:
        conjunction = "and" if finder.match_all_outcomes else "or"
        label = "outcomes" if len(names["outcome"]) > 1 else "outcome"
        parts.append(
            f"with the {label} {join_words((n.lower() for n in names['outcome']), conjunction)}"
        )
    if names["setting"]:
        parts.append(f"in {join_words(n.lower() for n in names['setting'])} settings")
    if finder.words:
        parts.append(f"matching “{finder.words}”")
    if not parts and not names["kind"]:
        return f"All {total} {noun}." if total != 1 else f"{total} {noun}."
    return f"{total} {noun} {', '.join(parts)}.".replace(" .", ".")


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
                )
            )
    return found


# -- the finder page ----------------------------------------------------------------------


def page_number(value) -> int:
    """The requested page: missing or not a number means the first; 0 or less is a 404."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    if number < 1:
        raise Http404("No such page.")
    return number


@dataclass
class FinderPage:
    finder: CaseStudyFilter
    facets: list[Facet]
    total: int
    description: str
    page: object  # django.core.paginator.Page
    removable: list[RemovableFilter]
    messages: list[str] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return sum(len(f.selected) for f in self.facets) + (1 if self.finder.words else 0)

    @property
    def is_filtered(self) -> bool:
        return bool(self.removable) or self.finder.sort_key != "title" or self.page.number > 1

    def query(self, **changes) -> str:
        return query_string(self.finder, **changes)

    @property
    def sorts(self):
        return [(key, label) for key, (label, _) in SORTS.items()]


def finder_page(data) -> FinderPage:
    finder = case_study_filter(data)
    counts = facet_counts(finder)
    total = total_from(finder, counts)
    rows = finder.qs.values_list(*RESULT_COLUMNS, "profession_bits", "outcome_bits")
    paginator = Paginator(rows, PER_PAGE)
    paginator.count = total  # known from the counts: saves a COUNT query
    number = page_number(data.get("page"))
    if number > paginator.num_pages:
        raise Http404("No such page.")
    page = paginator.page(number)
    page.object_list = results(page.object_list, finder.vocabulary)
    facet_list = facets(finder, counts)
    messages = [
        f"“{value}” is not a {LEGENDS[name].lower()} we know, so it was left out."
        for name, value in finder.ignored
    ]
    if len((data.get("q") or "").split()) > 10 or len(data.get("q") or "") > MAX_QUERY_CHARS:
        messages.append("Only the first 10 words of your search were used.")
    return FinderPage(
        finder=finder,
        facets=facet_list,
        total=total,
        description=describe(finder, total),
        page=page,
        removable=removable_filters(finder, facet_list),
        messages=messages,
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
