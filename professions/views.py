from django.shortcuts import get_object_or_404, render

from professions import selectors
from professions.models import Profession


def profession_list(request):
    return render(
        request,
        "professions/list.jinja",
        {"professions": Profession.objects.published(), **selectors.workforce()},
    )


def profession_detail(request, slug):
    return render_profession(request, get_object_or_404(Profession.objects.published(), slug=slug))


def render_profession(request, profession, **extra):
    """The profession's public page (also the admin's preview of a draft)."""
    return render(
        request,
        "professions/detail.jinja",
        {"profession": profession, **selectors.profession_page(profession), **extra},
    )
