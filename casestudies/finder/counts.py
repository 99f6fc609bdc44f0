"""The finder's counts: for every option of every facet, how many case studies the list would
hold with it ticked, and for every ticked one how many without it, in one aggregate query over
the case-study table alone (its tag summaries, through a covering index)."""

from dataclasses import dataclass
from functools import reduce

from casestudies.finder import snapshot
from casestudies.finder.filters import CaseStudyFilter
from casestudies.finder.summaries import TagCount
from casestudies.finder.vocabulary import (
    COLUMN_FACETS,
    FACETS,
    LEGENDS,
    M2M_FACETS,
    RECORDED_FACETS,
)

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
    words, grouped by kind, evaluation and costed, with one filtered count per option: those
    column facets (one value per case study) are then applied in Python, group by group."""
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
    columns = list(COLUMN_FACETS.values())
    rows = snapshot.grouped_counts(finder, columns, aggregates)
    chosen = {facet: set(finder.column_values(facet)) for facet in COLUMN_FACETS}

    def in_facets(row, changed=None, values=()):
        """Whether a group is in the list by its column facets, with the ``changed`` facet's
        ticked values replaced by ``values`` (none ticked: any value)."""
        for facet, column in COLUMN_FACETS.items():
            wanted = set(values) if facet == changed else chosen[facet]
            if wanted and row[column] not in wanted:
                return False
        return True

    def groups_total(changed, values):
        return sum(row["n"] for row in rows if in_facets(row, changed, values))

    in_list = [row for row in rows if in_facets(row)]
    total = sum(row["n"] for row in in_list)

    options = {facet: {} for facet in FACETS}
    for facet in M2M_FACETS:
        for index, term in enumerate(finder.vocabulary.terms[facet]):
            name = f"{facet}_{index}"
            key = str(term.key)
            if name in ticked:
                options[facet][key] = total
            else:
                options[facet][key] = sum(row.get(name, 0) for row in in_list)
    for facet in COLUMN_FACETS:
        for term in finder.vocabulary.terms[facet]:
            with_it = chosen[facet] | {term.key}
            options[facet][str(term.key)] = groups_total(facet, with_it)

    without = {
        (facet, slug): sum(row[f"without_{facet}_{slug}"] for row in in_list)
        for facet in M2M_FACETS
        for slug in selected[facet]
    }
    for facet in COLUMN_FACETS:
        for term in finder.vocabulary.terms[facet]:
            if term.key in chosen[facet]:
                without[(facet, term.slug)] = groups_total(facet, chosen[facet] - {term.key})
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
        if facet in RECORDED_FACETS and facet not in finder.vocabulary.recorded and not chosen:
            continue  # no case study says yet: options no one could use are noise
        options = [
            Option(t.slug, t.name, counts.options[facet].get(str(t.key), 0), t.slug in chosen)
            for t in finder.vocabulary.terms[facet]
        ]
        result.append(Facet(facet, LEGENDS[facet], options))
    return result
