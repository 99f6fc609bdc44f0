from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete

from editorial.images.cleanup import delete_files_when_unreferenced


class Draft(models.Model):
    """A change to published content saved without touching what the public sees: the change
    form's submitted data and its uploads (stored under ``drafts/``), applied when a
    publisher publishes it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(help_text="The submitted form data: field name to list of values.")
    fields = models.JSONField(help_text="The names of the form fields the draft was saved from.")
    files = models.JSONField(
        default=dict,
        blank=True,
        help_text="The draft's uploads: form field name to the stored file's name.",
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "toolkit_draft"  # tables made by the toolkit app keep their names
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="one_draft_per_item")
        ]

    def __str__(self):
        item = self.content_object
        return (
            f"Draft of “{item}”"
            if item is not None
            else f"Draft of a deleted item ({self.object_id})"
        )


def _delete_draft_files(sender, instance, **kwargs):
    """However a draft goes (published, discarded, deleted), its uploads go with it."""
    try:
        model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    except ContentType.DoesNotExist:  # deleted with its content type
        model = None
    delete_files_when_unreferenced(model, instance.files)


post_delete.connect(_delete_draft_files, sender=Draft, dispatch_uid="editorial-draft-files")


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
        db_table = "toolkit_linkcheck"
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
    kept in step by editorial/search/index.py. Its id is the item's id shifted left by four
    bits with the type's number in the low bits (editorial/search/kinds.py), so that an
    FTS5 rowid names the item without a join. SQLite indexes these rows in an FTS5 table
    (``toolkit_search_fts``, kept by triggers), PostgreSQL in a generated, GIN-indexed
    ``document`` column (migration 0001); neither is declared here. Public results are
    always filtered again through each model's ``published()``."""

    kind = models.CharField(max_length=60, help_text="The model's label, e.g. careers.resource.")
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=600)

    class Meta:
        db_table = "toolkit_searchentry"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry_per_item")
        ]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"
