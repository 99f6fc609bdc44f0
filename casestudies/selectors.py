"""Read-side queries for the evidence map and the case-study page (the finder's, its exports'
and its feed's are in casestudies/finder/). Each runs a fixed number of SQL queries whatever
the number of case studies."""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import add

from django.db.models import Count, F, Q

from casestudies.finder import snapshot
from casestudies.finder.summaries import TagCount, has_tag
from casestudies.finder.vocabulary import Term
from casestudies.models import CaseStudy

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

    def table(self, list_url) -> dict:
        """The map as plain values (counts, shades, names, slugs) for the table's template."""
        return {
            "list_url": list_url,
            "outcomes": [
                {"name": o.name, "slug": o.slug, "total": self.outcome_totals.get(str(o.key), 0)}
                for o in self.outcomes
            ],
            "professions": [
                {
                    "name": p.name,
                    "slug": p.slug,
                    "total": self.profession_totals.get(str(p.key), 0),
                    "cells": [
                        [count, self.level(count)]
                        for count in (self.cells.get((p.key, o.key), 0) for o in self.outcomes)
                    ],
                }
                for p in self.professions
            ],
            "total": self.total,
        }


def evidence_map() -> EvidenceMap:
    """Professions x outcomes: how many published case studies carry both. From the finder's
    bitset index when it is used (a popcount of two tags' bits per cell, no query), otherwise
    in one query after the vocabulary."""
    vocabulary = snapshot.vocabulary()
    professions = [t for t in vocabulary.terms["profession"] if t.mask]
    outcomes = vocabulary.terms["outcome"]
    index = snapshot.published_index(vocabulary)
    if index is None:
        counted = _counted_in_sql(professions, outcomes)
    else:
        counted = _counted_in_index(index, professions, outcomes)
    return EvidenceMap(vocabulary.terms["profession"], outcomes, *counted)


def _counted_in_index(index, professions, outcomes):
    with_profession = {t.key: index.having("profession_bits", t.mask) for t in professions}
    with_outcome = {t.key: index.having("outcome_bits", t.mask) for t in outcomes if t.mask}
    cells = {}
    for profession, having in with_profession.items():
        for outcome, also in with_outcome.items():
            if count := (having & also).bit_count():
                cells[(profession, outcome)] = count

    def totals(members):
        counts = {str(key): bits.bit_count() for key, bits in members.items()}
        return {key: count for key, count in counts.items() if count}

    return cells, totals(with_profession), totals(with_outcome), index.size


def _counted_in_sql(professions, outcomes):
    """The published case studies grouped by their outcome summary (at most one group per
    combination of outcomes), with one filtered count per profession."""
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
    return dict(cells), dict(profession_totals), dict(outcome_totals), total


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
