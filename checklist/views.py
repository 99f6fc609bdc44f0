from django.db.models import Prefetch
from django.shortcuts import render

from checklist.models import Action
from professions.models import Profession
from toolkit.models import Page


def checklist_index(request):
    actions = Action.objects.published().prefetch_related(
        Prefetch("professions", queryset=Profession.objects.published().only("name", "slug")),
        "outcomes",
        Prefetch("pages", queryset=Page.objects.published().only("title", "slug")),
    )
    return render(request, "checklist/index.jinja", {"actions": actions})
