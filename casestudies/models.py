from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from editorial.publishing import Publishable, SlugFromNameMixin, Status, Vocabulary
from editorial.richtext import RichTextField
from professions.models import Profession, Setting
from professions.tagbits import BitTagged


class OutcomeTag(SlugFromNameMixin, Vocabulary, BitTagged):
    """One of the seven outcomes the toolkit tags case studies with."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


TAG_SUMMARY_FIELDS = ("profession_bits", "outcome_bits", "setting_bits")
EARLIEST_SOURCE_YEAR = 1900


def not_after_next_year(year):
    """A source's year is at most next year (a report dated ahead of its publication)."""
    if year is not None and year > timezone.localdate().year + 1:
        raise ValidationError(
            "Enter the year the source was published, not a year in the future.", code="future"
        )


class CaseStudy(SlugFromNameMixin, Publishable):
    preview_view = "casestudies.views.render_case_study"

    class Kind(models.TextChoices):
        CASE_STUDY = "case_study", "Case study"
        COLLECTION = "collection", "Collection"
        FRAMEWORK = "framework", "Framework"
        REPORT = "report", "Report"

    class Evaluation(models.TextChoices):
        NOT_RECORDED = "", "Not recorded"
        PEER_REVIEWED = "peer_reviewed", "Peer reviewed"
        AUDIT = "audit", "Audit"
        SERVICE_EVALUATION = "service_evaluation", "Service evaluation"

    slug_source = "title"

    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    summary = RichTextField(blank=True)
    source_url = models.URLField("source URL", max_length=500)
    publisher = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.CASE_STUDY)
    source_year = models.PositiveSmallIntegerField(
        "year of the source",
        null=True,
        blank=True,
        validators=[MinValueValidator(EARLIEST_SOURCE_YEAR), not_after_next_year],
        help_text="The year the source was published, only where the source or the toolkit "
        "gives one. Leave it blank rather than guess.",
    )
    evaluation = models.CharField(
        "evaluated",
        max_length=20,
        choices=Evaluation,
        default=Evaluation.NOT_RECORDED,
        blank=True,
        help_text="How the work in the source was evaluated, if the source says it was.",
    )
    costed = models.BooleanField(
        default=False,
        help_text="Tick when the source states a saving or a cost.",
    )
    professions = models.ManyToManyField(Profession, related_name="case_studies", blank=True)
    outcomes = models.ManyToManyField(OutcomeTag, related_name="case_studies", blank=True)
    settings = models.ManyToManyField(Setting, related_name="case_studies", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Summaries of the three many-to-many fields (1 << tag.bit for each tag), kept in step by
    # casestudies/finder/summaries.py, so that the finder's counts and the evidence map read this
    # one table through a covering index instead of joining the through tables.
    profession_bits = models.BigIntegerField(default=0, editable=False)
    outcome_bits = models.BigIntegerField(default=0, editable=False)
    setting_bits = models.BigIntegerField(default=0, editable=False)

    class Meta(Publishable.Meta):
        ordering = ["order", "title"]
        verbose_name_plural = "case studies"
        indexes = [
            # The finder's sorts without a sort step: newest first, and its default order
            # (title, then id: SQLite's indexes end with the rowid, PostgreSQL's need the id).
            models.Index(fields=["status", "published_at"], name="casestudy_published_idx"),
            models.Index(fields=["status", "title", "id"], name="casestudy_title_idx"),
            # Covering indexes: the facet counts (grouped by kind, evaluation and costed) and
            # the evidence map (grouped by outcomes) read no table rows.
            models.Index(
                fields=[
                    "status",
                    "kind",
                    "evaluation",
                    "costed",
                    "published_at",
                    "profession_bits",
                    "outcome_bits",
                    "setting_bits",
                ],
                name="casestudy_facets_idx",
            ),
            models.Index(
                fields=["status", "outcome_bits", "published_at", "profession_bits"],
                name="casestudy_evidence_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The tag summaries are written only by casestudies/finder/summaries.py: an update never
        # writes back values this instance may have read before its tags changed.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in TAG_SUMMARY_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("casestudies:detail", kwargs={"slug": self.slug})

    def content_warnings(self) -> list[str]:
        warnings = super().content_warnings()
        if self.pk and self.status == Status.PUBLISHED and self.kind == self.Kind.CASE_STUDY:
            if not self.professions.exists():
                warnings.append("This published case study has no profession.")
            if not self.outcomes.exists():
                warnings.append("This published case study has no outcome.")
        return warnings
