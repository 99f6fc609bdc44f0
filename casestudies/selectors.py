"""Read-side queries for the finder, its exports and feed, the evidence map and the case-study
page. Each runs a fixed number of SQL queries whatever the number of case studies:

- the vocabulary (professions, outcome tags, settings): 3 queries;
- every facet's counts, each against the other active facets: 1 query (a UNION ALL of one
  grouped count per facet, over the through tables);
- a page of results: 1 query, and their tags: 1 query (a UNION ALL over the through tables).
"""

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.http import Http404

from casestudies.filters import (
    FACETS,
    M2M_FACETS,
    MAX_QUERY_CHARS,
    SORTS,
    CaseStudyFilter,
    Term,
    Vocabulary,
    through,
)
from casestudies.models import CaseStudy

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
    selected outcomes too, since ticking one narrows the list further)."""
    text = CharField()
    parts = []
    for facet, (relation, _) in M2M_FACETS.items():
        keep_own = facet == "outcome" and finder.match_all_outcomes
        parts.append(
            # A join from the matching case studies to the through table (Django stops at
            # the through table's column): one grouped count, no DISTINCT needed.
            finder.matching(ignore=() if keep_own else (facet,))
            .filter(**{f"{relation}__isnull": False})
            .values(facet=Value(facet, output_field=text), option=Cast(relation, text))
            .annotate(n=Count("pk"))
            .order_by()
        )
    parts.append(
        finder.matching(ignore=("kind",))
        .values(facet=Value("kind", output_field=text), option=F("kind"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {facet: {} for facet in FACETS}
    for row in parts[0].union(*parts[1:], all=True):
        counts[row["facet"]][str(row["option"])] = row["n"]
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


def tags_of(studies_filter: Q, vocabulary: Vocabulary) -> dict[int, dict[str, list[Term]]]:
    """study id -> facet -> terms, for the case studies matching ``studies_filter`` (a Q on
    ``casestudy_id``), in one query whatever their number, in vocabulary order."""
    text = CharField()
    parts = [
        through(facet)
        .objects.filter(studies_filter)
        .values(
            facet=Value(facet, output_field=text),
            study=F("casestudy_id"),
            option=Cast(column, text),
        )
        .order_by()
        for facet, (_, column) in M2M_FACETS.items()
    ]
    by_key = {
        facet: {str(k): t for k, t in vocabulary.by_key(facet).items()} for facet in M2M_FACETS
    }
    order = {
        facet: {t.key: i for i, t in enumerate(vocabulary.terms[facet])} for facet in M2M_FACETS
    }
    tags = defaultdict(lambda: {facet: [] for facet in M2M_FACETS})
    for facet, study, option in (
        parts[0].union(*parts[1:], all=True).values_list("facet", "study", "option")
    ):
        term = by_key[facet].get(option)
        if term is not None:  # an unpublished profession is not shown
            tags[study][facet].append(term)
    for facets_of_study in tags.values():
        for facet, terms in facets_of_study.items():
            terms.sort(key=lambda t, f=facet: order[f][t.key])
    return tags


def attach_tags(studies, vocabulary):
    """Give each case study ``professions_list``, ``outcomes_list``, ``settings_list``."""
    studies = list(studies)
    tags = tags_of(Q(casestudy_id__in=[s.pk for s in studies]), vocabulary) if studies else {}
    for study in studies:
        own = tags.get(study.pk, {facet: [] for facet in M2M_FACETS})
        study.professions_list = own["profession"]
        study.outcomes_list = own["outcome"]
        study.settings_list = own["setting"]
    return studies


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
    paginator = Paginator(finder.qs, PER_PAGE)
    paginator.count = total  # known from the counts: saves a COUNT query
    number = page_number(data.get("page"))
    if number > paginator.num_pages:
        raise Http404("No such page.")
    page = paginator.page(number)
    page.object_list = attach_tags(page.object_list, finder.vocabulary)
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
        "pk", "title", "slug", "source_url", "publisher", "kind", "summary"
    )
    tags = tags_of(Q(casestudy_id__in=finder.matching().values("pk")), finder.vocabulary)
    kinds = dict(CaseStudy.Kind.choices)
    empty = {facet: [] for facet in M2M_FACETS}
    rows = []
    for pk, title, slug, source_url, publisher, kind, summary in queryset:
        own = tags.get(pk, empty)
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

    @property
    def highest(self) -> int:
        return max(self.cells.values(), default=0)

    def level(self, count) -> int:
        """0 for none, then 1 to 4 by quarter of the highest count: the CSS shade."""
        if not count or not self.highest:
            return 0
        return min(4, 1 + (4 * count - 1) // self.highest)


def evidence_map() -> EvidenceMap:
    """Professions x outcomes: how many published case studies carry both, in two queries
    after the vocabulary (the pair counts, and the facet counts for the totals)."""
    finder = case_study_filter(None)
    published = finder.matching().values("pk")
    pairs = (
        through("profession")
        .objects.filter(casestudy_id__in=published)
        .values("profession_id", outcome=F("casestudy__outcomes"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    cells = {(row["profession_id"], row["outcome"]): row["n"] for row in pairs}
    counts = facet_counts(finder)
    return EvidenceMap(
        professions=finder.vocabulary.terms["profession"],
        outcomes=finder.vocabulary.terms["outcome"],
        cells=cells,
        profession_totals=counts["profession"],
        outcome_totals=counts["outcome"],
        total=total_from(finder, counts),
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
    (a shared profession weighs twice a shared outcome)."""
    professions = [p.pk for p in study.professions.all()]
    outcomes = [o.pk for o in study.outcomes.all()]
    if not professions and not outcomes:
        return []

    def shared(facet, keys):
        column = M2M_FACETS[facet][1]
        rows = through(facet).objects.filter(**{f"{column}__in": keys})
        counted = (
            rows.filter(casestudy_id=OuterRef("pk"))
            .order_by()
            .values("casestudy_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return rows.values("casestudy_id"), Coalesce(Subquery(counted), Value(0))

    by_profession, profession_score = shared("profession", professions)
    by_outcome, outcome_score = shared("outcome", outcomes)
    return list(
        CaseStudy.objects.published()
        .exclude(pk=study.pk)
        .filter(Q(pk__in=by_profession) | Q(pk__in=by_outcome))
        .annotate(score=2 * profession_score + outcome_score)
        .order_by("-score", "title")
        .only("title", "slug", "kind", "publisher")[:limit]
    )
