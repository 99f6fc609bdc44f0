from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from editorial.images import ResponsiveImageField, alt_text_errors
from editorial.publishing import Part, Publishable, SlugFromNameMixin
from editorial.richtext import RichTextField
from professions.models import Profession, Setting


class CareerStory(SlugFromNameMixin, Publishable):
    preview_view = "careers.views.render_story"

    name = models.CharField("person's name", max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    job_title = models.CharField(max_length=300)
    organisation = models.CharField(max_length=300, blank=True)
    profession = models.ForeignKey(
        Profession, on_delete=models.PROTECT, related_name="career_stories"
    )
    settings = models.ManyToManyField(Setting, related_name="career_stories", blank=True)
    summary = models.TextField(max_length=300, blank=True)
    photo = ResponsiveImageField(
        upload_to="careers/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        alt_field="photo_alt",
        decorative_field="photo_decorative",
        help_text="A JPEG, PNG or WebP photo, 5 MB and 40 megapixels at most. Location and "
        "camera details are removed when it is saved.",
    )
    photo_alt = models.CharField(
        "photo alternative text",
        max_length=250,
        blank=True,
        help_text="Describe the photo for people who cannot see it. Required with a photo, "
        "unless it is decorative.",
    )
    photo_decorative = models.BooleanField(
        "decorative photo",
        default=False,
        help_text="Tick only if the photo adds nothing the text does not say: screen readers "
        "then skip it.",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Publishable.Meta):
        ordering = ["order", "name"]
        verbose_name_plural = "career stories"

    def __str__(self):
        return f"{self.name}, {self.profession}"

    def get_absolute_url(self):
        return reverse("careers:story", kwargs={"slug": self.slug})

    def clean(self):
        if errors := alt_text_errors(self):
            raise ValidationError(errors)


class StoryAnswer(Part):
    story = models.ForeignKey(CareerStory, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=300)
    answer = RichTextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.question


class Pathway(SlugFromNameMixin, Publishable):
    """Career pathway content: routes into and through AHP careers."""

    class Kind(models.TextChoices):
        NON_REGISTERED = "non_registered", "Non-registered workforce"
        REGISTERED = "registered", "Registered workforce"
        APPROVED_CLINICIAN = "approved_clinician", "Approved clinician"
        ADVANCED_PRACTICE = "advanced_practice", "Advanced practice"
        CONSULTANT_PRACTICE = "consultant_practice", "Consultant practice"

    slug_source = "title"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind)
    summary = models.TextField(max_length=300, blank=True)
    body = RichTextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Publishable.Meta):
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class Resource(Publishable):
    class Category(models.TextChoices):
        CAREER_PLANNING = "career_planning", "Career planning"
        TRAINING = "training", "Training"

    title = models.CharField(max_length=300)
    url = models.URLField("URL", max_length=500)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category)
    professions = models.ManyToManyField(Profession, related_name="resources", blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Publishable.Meta):
        ordering = ["category", "order", "title"]

    def __str__(self):
        return self.title
