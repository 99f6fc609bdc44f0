from django.db import models
from django.urls import reverse

from editorial.publishing import Publishable, SlugFromNameMixin
from editorial.richtext import RichTextField


class Page(SlugFromNameMixin, Publishable):
    """A prose section of the toolkit, served at /<slug>/."""

    preview_view = "pages.views.render_page"

    slug_source = "title"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(
        max_length=300, blank=True, help_text="One or two sentences for lists and search results."
    )
    body = RichTextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    show_in_navigation = models.BooleanField(
        default=False, help_text="List this page in the site's header navigation."
    )

    class Meta(Publishable.Meta):
        db_table = "toolkit_page"  # made by the toolkit app, before pages had its own
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})


class KeyFact(Publishable):
    """A headline statistic, shown with its source where the toolkit prints one."""

    figure = models.CharField(max_length=40, help_text='The number as printed, e.g. "1 in 4".')
    label = models.CharField(max_length=300, help_text="What the figure counts.")
    source = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published it and when. Leave empty where none is known: "
        "the public page then shows no source line.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(Publishable.Meta):
        db_table = "toolkit_keyfact"
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.figure} {self.label}"
