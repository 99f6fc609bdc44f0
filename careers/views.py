from django.shortcuts import get_object_or_404, render

from careers.models import CareerStory, Pathway, Resource


def careers_index(request):
    return render(
        request,
        "careers/index.jinja",
        {
            "pathways": Pathway.objects.published(),
            "stories": CareerStory.objects.published().select_related("profession"),
        },
    )


def story_list(request):
    stories = CareerStory.objects.published().select_related("profession")
    return render(request, "careers/stories.jinja", {"stories": stories})


def story_detail(request, slug):
    story = get_object_or_404(
        CareerStory.objects.published().select_related("profession"), slug=slug
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
            **extra,
        },
    )


def resource_list(request):
    resources = Resource.objects.published()
    return render(
        request,
        "careers/resources.jinja",
        {
            "career_planning": [
                r for r in resources if r.category == Resource.Category.CAREER_PLANNING
            ],
            "training": [r for r in resources if r.category == Resource.Category.TRAINING],
        },
    )
