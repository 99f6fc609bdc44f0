from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from careers import selectors
from careers.facets import facet_panel
from careers.filters import resource_filter, story_filter
from careers.models import CareerStory, PathwayStep, Resource


@require_safe
def careers_index(request):
    return render(request, "careers/index.jinja", {"steps": selectors.published_steps()})


@require_safe
def pathway_list(request):
    return render(request, "careers/pathways.jinja", {"steps": selectors.published_steps()})


@require_safe
def step_detail(request, slug):
    return render_step(request, get_object_or_404(PathwayStep.objects.published(), slug=slug))


def render_step(request, step, **extra):
    """The step's public page (also the admin's preview of a draft)."""
    return render(
        request,
        "careers/step.jinja",
        {
            "step": step,
            "place": selectors.step_place(step),
            "resources": step.resources.published().only("title", "url", "publisher", "kind"),
            "stories": step.stories.published()
            .select_related("profession")
            .only("name", "slug", "job_title", "organisation", "step", "profession__name"),
            **extra,
        },
    )


@require_safe
def story_list(request):
    finder = story_filter(request.GET)
    stories = finder.qs.select_related("profession", "step").prefetch_related("settings")
    return render(
        request,
        "careers/stories.jinja",
        {"panel": facet_panel(finder, noun=("career story", "career stories")), "stories": stories},
    )


@require_safe
def story_detail(request, slug):
    story = get_object_or_404(
        CareerStory.objects.published().select_related("profession", "step"), slug=slug
    )
    return render_story(request, story)


def render_story(request, story, **extra):
    """The story's public page (also the admin's preview of a draft)."""
    return render(
        request,
        "careers/story.jinja",
        {
            "story": story,
            "answers": story.answers.all(),
            "settings": story.settings.all(),
            "related": selectors.related_stories(story),
            **extra,
        },
    )


@require_safe
def resource_list(request):
    finder = resource_filter(request.GET)
    resources = list(finder.qs.prefetch_related("professions"))
    groups = [
        (label, [r for r in resources if r.category == value])
        for value, label in Resource.Category.choices
    ]
    return render(
        request,
        "careers/resources.jinja",
        {
            "panel": facet_panel(finder, noun=("resource", "resources")),
            "groups": groups,
        },
    )
