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
    step = models.ForeignKey(
        "PathwayStep",
        verbose_name="pathway step",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
        help_text="The step of the career pathway this story is mostly about.",
    )
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


class PathwayStep(SlugFromNameMixin, Publishable):
    """One step of the career pathway, in order: from non-registered support roles to
    consultant practice."""

    preview_view = "careers.views.render_step"

    class Kind(models.TextChoices):
        NON_REGISTERED = "non_registered", "Non-registered workforce"
        PRE_REGISTRATION = "pre_registration", "Pre-registration routes"
        REGISTERED = "registered", "Registered workforce"
        APPROVED_CLINICIAN = "approved_clinician", "Approved clinician"
        ADVANCED_PRACTICE = "advanced_practice", "Advanced practice"
        CONSULTANT_PRACTICE = "consultant_practice", "Consultant practice"

    slug_source = "title"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind)
    summary = models.TextField(
        "what this step is",
        max_length=300,
        blank=True,
        help_text="One or two sentences: who is at this step. Shown in the list of steps.",
    )
    entry = RichTextField(
        "how to get there",
        blank=True,
        help_text="The routes into this step, from the toolkit's own words.",
    )
    body = RichTextField(blank=True, help_text="The toolkit's text for this step.")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Steps are shown in this order, lowest first."
    )

    class Meta(Publishable.Meta):
        ordering = ["order", "title"]
        verbose_name = "pathway step"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:step", kwargs={"slug": self.slug})


class Resource(Publishable):
    class Category(models.TextChoices):
        CAREER_PLANNING = "career_planning", "Career planning"
        TRAINING = "training", "Training"

    class Kind(models.TextChoices):
        COURSE = "course", "Course or e-learning"
        WEBINAR = "webinar", "Webinar"
        FRAMEWORK = "framework", "Framework"
        GUIDE = "guide", "Guide"
        FILM = "film", "Film"
        WEBSITE = "website", "Website"

    title = models.CharField(
        max_length=300, help_text="Says what it is: the link's text, never a web address."
    )
    url = models.URLField("URL", max_length=500)
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Who publishes it, e.g. Health Education England."
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.WEBSITE)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category)
    professions = models.ManyToManyField(Profession, related_name="resources", blank=True)
    steps = models.ManyToManyField(
        PathwayStep,
        verbose_name="pathway steps",
        related_name="resources",
        blank=True,
        help_text="The steps of the career pathway it helps with.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Publishable.Meta):
        ordering = ["category", "order", "title"]

    def __str__(self):
        return self.title
