"""Reads for the profession pages. Case studies, stories and resources are reached through
their relations to a profession, so this app imports neither casestudies nor careers."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from professions.models import Profession, Quote, WorkforceFigure


@dataclass(frozen=True)
class OutcomeCount:
    slug: str
    name: str
    count: int


def figures_for(profession):
    """The profession's registered-number rows, each with the professions it covers."""
    return list(
        profession.workforce_figures.published()
        .filter(is_total=False)
        .prefetch_related(
            Prefetch("professions", queryset=Profession.objects.published().only("name", "slug"))
        )
    )


def case_studies_by_outcome(professions) -> dict[int, list[OutcomeCount]]:
    """For each profession, its published case studies counted by outcome, in the outcomes'
    order: one query whatever the number of professions or case studies."""
    rows = (
        Profession.objects.filter(pk__in=[p.pk for p in professions])
        .filter(
            case_studies__in=Profession.case_studies.rel.related_model.objects.published(),
            case_studies__outcomes__isnull=False,
        )
        .values(
            "pk",
            "case_studies__outcomes__slug",
            "case_studies__outcomes__name",
            "case_studies__outcomes__order",
        )
        .annotate(n=Count("case_studies", distinct=True))
        .order_by("pk", "case_studies__outcomes__order", "case_studies__outcomes__name")
    )
    result = {p.pk: [] for p in professions}
    for row in rows:
        result[row["pk"]].append(
            OutcomeCount(
                row["case_studies__outcomes__slug"], row["case_studies__outcomes__name"], row["n"]
            )
        )
    return result


def case_study_totals(professions) -> dict[int, int]:
    published = Profession.case_studies.rel.related_model.objects.published()
    rows = (
        Profession.objects.filter(pk__in=[p.pk for p in professions])
        .filter(case_studies__in=published)
        .values("pk")
        .annotate(n=Count("case_studies", distinct=True))
        .order_by()
    )
    totals = {p.pk: 0 for p in professions}
    totals.update({row["pk"]: row["n"] for row in rows})
    return totals


def profession_page(profession) -> dict:
    return {
        "figures": figures_for(profession),
        "quotes": Quote.objects.published().filter(profession=profession),
        "outcomes": case_studies_by_outcome([profession])[profession.pk],
        "case_study_total": case_study_totals([profession])[profession.pk],
        "stories": profession.career_stories.published()
        .select_related("step")
        .only("name", "slug", "job_title", "organisation", "profession", "step__title"),
        "resources": profession.resources.published().only("title", "url", "publisher", "kind"),
    }


def workforce() -> dict:
    figures = list(
        WorkforceFigure.objects.published().prefetch_related(
            Prefetch("professions", queryset=Profession.objects.published().only("name", "slug"))
        )
    )
    rows = [figure for figure in figures if not figure.is_total]
    return {
        "figures": rows,
        "figures_sum": sum(figure.count for figure in rows),
        "figures_max": max((figure.count for figure in rows), default=0),
        "workforce_total": next((f for f in figures if f.is_total), None),
    }


def compared(professions) -> list[dict]:
    """What the compare table shows for each profession, in a constant number of queries."""
    if not professions:
        return []
    pks = [p.pk for p in professions]
    figures = (
        WorkforceFigure.objects.published()
        .filter(is_total=False, professions__in=pks)
        .prefetch_related(
            Prefetch("professions", queryset=Profession.objects.published().only("name", "slug"))
        )
        .distinct()
    )
    by_profession = {pk: [] for pk in pks}
    for figure in figures:
        for covered in figure.professions.all():
            if covered.pk in by_profession:
                by_profession[covered.pk].append(figure)
    outcomes = case_studies_by_outcome(professions)
    totals = case_study_totals(professions)
    stories = {pk: [] for pk in pks}
    story_model = Profession.career_stories.rel.related_model
    for story in (
        story_model.objects.published()
        .filter(profession__in=pks)
        .only("name", "slug", "job_title", "profession")
    ):
        stories[story.profession_id].append(story)
    return [
        {
            "profession": p,
            "figures": by_profession[p.pk],
            "outcomes": outcomes[p.pk],
            "case_study_total": totals[p.pk],
            "stories": stories[p.pk],
        }
        for p in professions
    ]
