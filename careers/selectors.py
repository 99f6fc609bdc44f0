"""Reads for the careers pages: a constant number of queries whatever the amount of content."""

from dataclasses import dataclass

from django.db.models import Q

from careers.models import CareerStory, PathwayStep


@dataclass
class StepPlace:
    """A step among the published steps: the whole list, and the ones either side."""

    steps: list[PathwayStep]
    previous: PathwayStep | None
    next: PathwayStep | None


def published_steps() -> list[PathwayStep]:
    return list(PathwayStep.objects.published().only("title", "slug", "summary", "order"))


def step_place(step: PathwayStep) -> StepPlace:
    steps = published_steps()
    index = next((i for i, s in enumerate(steps) if s.pk == step.pk), None)
    if index is None:  # a draft in preview: shown after the published steps
        return StepPlace(steps + [step], steps[-1] if steps else None, None)
    return StepPlace(
        steps,
        steps[index - 1] if index > 0 else None,
        steps[index + 1] if index + 1 < len(steps) else None,
    )


def related_stories(story: CareerStory, limit: int = 3):
    """Other published stories of the same profession or pathway step."""
    same = Q(profession_id=story.profession_id)
    if story.step_id:
        same |= Q(step_id=story.step_id)
    return (
        CareerStory.objects.published()
        .filter(same)
        .exclude(pk=story.pk)
        .select_related("profession")
        .only("name", "slug", "job_title", "profession__name")[:limit]
    )
