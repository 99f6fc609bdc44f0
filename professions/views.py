from django.shortcuts import get_object_or_404, render

from professions.models import Profession, Quote, WorkforceFigure


def profession_list(request):
    figures = list(WorkforceFigure.objects.published())
    rows = [figure for figure in figures if not figure.is_total]
    return render(
        request,
        "professions/list.jinja",
        {
            "professions": Profession.objects.published(),
            "figures": rows,
            "figures_sum": sum(figure.count for figure in rows),
            "workforce_total": next((f for f in figures if f.is_total), None),
        },
    )


def profession_detail(request, slug):
    return render_profession(request, get_object_or_404(Profession.objects.published(), slug=slug))


def render_profession(request, profession, **extra):
    """The profession's public page (also the admin's preview of a draft)."""
    return render(
        request,
        "professions/detail.jinja",
        {
            "profession": profession,
            "figures": profession.workforce_figures.published().filter(is_total=False),
            "quotes": Quote.objects.published().filter(profession=profession),
            "case_studies": profession.case_studies.published().only("title", "slug"),
            "stories": profession.career_stories.published().only("name", "slug", "job_title"),
            **extra,
        },
    )
