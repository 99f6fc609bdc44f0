from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from editorial.images import ResponsiveImageField, alt_text_errors
from editorial.publishing import Publishable, SlugFromNameMixin, Vocabulary
from editorial.richtext import RichTextField
from professions.tagbits import BitTagged


class Setting(SlugFromNameMixin, Vocabulary, BitTagged):
    """A service setting: mental health, learning disability or autism."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Profession(SlugFromNameMixin, Publishable, BitTagged):
    preview_view = "professions.views.render_profession"

    class Regulator(models.TextChoices):
        HCPC = "HCPC", "Health and Care Professions Council (HCPC)"
        GOC = "GOC", "General Osteopathic Council (GOC)"

    name = models.CharField(max_length=100, unique=True, help_text="Plural, e.g. Dietitians.")
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(
        max_length=300, help_text="One or two sentences for lists and search results."
    )
    description = RichTextField(help_text="What the profession does in these settings.")
    regulator = models.CharField(max_length=4, choices=Regulator, default=Regulator.HCPC)
    is_core = models.BooleanField(
        "core profession",
        default=False,
        help_text="One of the core professions in mental health and learning disability.",
    )
    learning_disability_offer = RichTextField(
        "offer in learning disability services",
        blank=True,
        help_text="What the profession offers in learning disability settings.",
    )
    entry_routes = RichTextField(
        "entry routes",
        blank=True,
        help_text="How people become one: training routes and where to find out more.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    image = ResponsiveImageField(
        upload_to="professions/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        alt_field="image_alt",
        decorative_field="image_decorative",
        help_text="A JPEG, PNG or WebP photo, 5 MB and 40 megapixels at most. Location and "
        "camera details are removed when it is saved.",
    )
    image_alt = models.CharField(
        "image alternative text",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required with an image, "
        "unless it is decorative.",
    )
    image_decorative = models.BooleanField(
        "decorative image",
        default=False,
        help_text="Tick only if the image adds nothing the text does not say: screen readers "
        "then skip it.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta(Publishable.Meta):
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("professions:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()  # BitTagged: a new profession needs a free place in the tag summaries
        if errors := alt_text_errors(self):
            raise ValidationError(errors)


class WorkforceFigure(Publishable):
    """A row of the registered-numbers table, as printed. One row may cover several
    professions, e.g. "Arts therapists (art, music and drama)"."""

    label = models.CharField(max_length=120, help_text="The row label exactly as printed.")
    count = models.PositiveIntegerField()
    source = models.CharField(max_length=60, help_text='Who counted, e.g. "HCPC".')
    as_of = models.CharField(max_length=40, blank=True, help_text='When, as printed, e.g. "2021".')
    professions = models.ManyToManyField(Profession, related_name="workforce_figures", blank=True)
    is_total = models.BooleanField(
        "total row",
        default=False,
        help_text="The table's printed total, shown as printed even where the rows differ.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Publishable.Meta):
        ordering = ["is_total", "order", "label"]

    def __str__(self):
        return f"{self.label}: {self.count:,}"

    @property
    def citation(self) -> str:
        return f"{self.source} {self.as_of}".strip()


class Quote(Publishable):
    text = models.TextField()
    person = models.CharField(max_length=120)
    role = models.CharField(max_length=300, blank=True)
    profession = models.ForeignKey(
        Profession, on_delete=models.SET_NULL, null=True, blank=True, related_name="quotes"
    )
    section = models.SlugField(
        max_length=200, blank=True, help_text="Slug of the toolkit page the quote belongs to."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Publishable.Meta):
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.person}: {self.text[:60]}"
