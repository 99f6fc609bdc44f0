from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from professions import selectors
from professions.exports import figures_csv
from professions.forms import MAX_COMPARED, CompareForm
from professions.models import Profession


@require_safe
def profession_list(request):
    return render(
        request,
        "professions/list.jinja",
        {"professions": Profession.objects.published(), **selectors.workforce()},
    )


@require_safe
def figures_download(request):
    data = selectors.workforce()
    text = figures_csv(figures=data["figures"], total=data["workforce_total"])
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="registered-numbers-of-ahps.csv"'
    return response


@require_safe
def profession_compare(request):
    professions = list(Profession.objects.published())
    form = CompareForm(request.GET, professions=professions)
    columns = selectors.compared(form.compared())
    return render(
        request,
        "professions/compare.jinja",
        {"form": form, "professions": professions, "columns": columns, "max": MAX_COMPARED},
    )


@require_safe
def profession_detail(request, slug):
    return render_profession(request, get_object_or_404(Profession.objects.published(), slug=slug))


def render_profession(request, profession, **extra):
    """The profession's public page (also the admin's preview of a draft)."""
    return render(
        request,
        "professions/detail.jinja",
        {"profession": profession, **selectors.profession_page(profession), **extra},
    )
