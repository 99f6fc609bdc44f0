from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from toolkit.publishing import Publishable, SlugFromNameMixin
from toolkit.richtext import RichTextField


class Page(SlugFromNameMixin, Publishable):
    """A prose section of the toolkit, served at /<slug>/."""

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
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.figure} {self.label}"


class LoadedItem(models.Model):
    """What ``load_toolkit`` last wrote to an object, so that a later run can tell an
    editor's change (the object no longer matches the digest) from its own."""

    key = models.CharField(max_length=300, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.key


class Draft(models.Model):
    """A change to published content saved without touching what the public sees: the change
    form's submitted data, applied when a publisher publishes it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(help_text="The submitted form data: field name to list of values.")
    fields = models.JSONField(help_text="The names of the form fields the draft was saved from.")
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_draft_per_item")
        ]

    def __str__(self):
        return f"Draft of {self.content_type.model} {self.object_id}"


class LinkCheck(models.Model):
    """The last result of checking one web address stored in the content
    (``manage.py check_links``)."""

    url = models.URLField("URL", max_length=2000, unique=True)
    broken = models.BooleanField(default=False, db_index=True)
    status_code = models.PositiveSmallIntegerField("status", blank=True, null=True)
    error = models.CharField(max_length=300, blank=True)
    final_url = models.URLField(
        "final URL", max_length=2000, blank=True, help_text="Where redirects ended, if elsewhere."
    )
    used_by = models.JSONField(
        default=list, blank=True, help_text="The items whose fields hold this address."
    )
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["-broken", "url"]

    def __str__(self):
        return self.url

    @property
    def result(self) -> str:
        if self.error:
            return self.error
        return f"HTTP {self.status_code}"


class SearchEntry(models.Model):
    """One published item as site search reads it: its title and its text without markup,
    kept in step by toolkit/search/index.py. Its id is the item's id shifted left by four
    bits with the type's number in the low bits (toolkit/search/documents.py), so that an
    FTS5 rowid names the item without a join. SQLite indexes these rows in an FTS5 table
    (``toolkit_search_fts``, kept by triggers), PostgreSQL in a generated, GIN-indexed
    ``document`` column (migration 0007); neither is declared here. Public results are
    always filtered again through each model's ``published()``."""

    kind = models.CharField(max_length=60, help_text="The model's label, e.g. careers.resource.")
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=600)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry_per_item")
        ]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"
