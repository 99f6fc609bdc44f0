from urllib.parse import urlencode

from django.db import models
from django.urls import reverse

from casestudies.models import OutcomeTag
from professions.models import Profession
from toolkit.models import Page
from toolkit.publishing import Publishable
from toolkit.richtext import RichTextField


class Action(Publishable):
    """One of the 14 actions for system leaders, commissioners, employers and planners."""

    number = models.PositiveSmallIntegerField(unique=True, help_text="Position in the checklist.")
    title = models.CharField(max_length=300, help_text="The action, word for word.")
    guidance = RichTextField(blank=True)
    professions = models.ManyToManyField(Profession, related_name="checklist_actions", blank=True)
    outcomes = models.ManyToManyField(OutcomeTag, related_name="checklist_actions", blank=True)
    pages = models.ManyToManyField(Page, related_name="checklist_actions", blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("checklist:index") + f"#action-{self.number}"

    def case_study_finder_url(self, outcomes) -> str:
        """The case-study finder filtered to these outcomes (any of them)."""
        query = urlencode([("outcome", outcome.slug) for outcome in outcomes])
        return f"{reverse('casestudies:list')}?{query}"
