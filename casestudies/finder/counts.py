"""The finder's counts: for every option of every facet, how many case studies the list would
hold with it ticked, and for every ticked one how many without it, in one aggregate query over
the case-study table alone (its tag summaries, through a covering index)."""

from dataclasses import dataclass
from functools import reduce

from casestudies.finder import bitindex
from casestudies.finder.filters import CaseStudyFilter
from casestudies.finder.summaries import TagCount
from casestudies.finder.vocabulary import FACETS, LEGENDS, M2M_FACETS

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
                # a tag without a bit adds nothing to the ticked ones (or gives 0)
                union = own_mask(facet) | term.mask
                aggregates[name] = TagCount([*others(facet), (column, union)])
        for slug in selected[facet]:
            rest = [s for s in selected[facet] if s != slug]
            if all_mode:
                kept = [(column, by_slug[facet][s].mask) for s in rest]
            else:  # the others ticked in this facet, if any (a mask of 0 rightly matches none)
                kept = [(column, own_mask(facet, leave_out=slug))] if rest else []
            aggregates[f"without_{facet}_{slug}"] = TagCount([*others(facet), *kept])
    rows = bitindex.grouped_counts(finder, ["kind"], aggregates)

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
