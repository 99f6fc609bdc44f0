"""The shared publishing base: every public view, feed, export, sitemap and search shows only
what ``published()`` returns."""

from django.db import models
from django.db.models import Func
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.module_loading import import_string
from django.utils.text import slugify

LONG_SUMMARY = 600


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class NoIndexRange(Func):
    """The value of a column, written ``+column`` on SQLite so that its planner does not take
    a condition on it as an index range. ``published_at <= now`` holds for almost every
    published row, but the planner counts it as selective: given the index on
    (status, published_at) it would walk that and sort every row by title, where the index on
    (status, title) gives a finder page without sorting anything (1,000 times less work at
    10,000 case studies). Indexes still serve ORDER BY published_at."""

    arity = 1
    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED).filter(
            LessThanOrEqual(NoIndexRange("published_at"), timezone.now())
        )

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def needs_review(self):
        """Items whose next review date has come."""
        return self.filter(next_review_due__lte=timezone.localdate())


class Publishable(models.Model):
    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        db_index=True,
        help_text="Only published items appear on the public site.",
    )
    published_at = models.DateTimeField(
        "publication date",
        blank=True,
        null=True,
        help_text="Set when first published. A future date keeps the item hidden until then.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_reviewed = models.DateField(
        blank=True,
        null=True,
        help_text="When someone last checked this is still right. Shown on the public page.",
    )
    next_review_due = models.DateField(
        blank=True,
        null=True,
        help_text="When it should next be checked. Overdue items are listed on the admin home.",
    )

    objects = PublishableQuerySet.as_manager()

    # The dotted path of the view rendering the item's public page, called as
    # ``view(request, obj, preview=True, preview_is_public=…, **extra)``: the admin's Preview.
    preview_view: str | None = None

    class Meta:
        abstract = True
        # "publish_<model>" beside Django's four: who may publish, unpublish and delete
        # published content (the Publisher group), as opposed to edit drafts (Content editor).
        default_permissions = ("add", "change", "delete", "view", "publish")

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            # To the second, as the admin's form shows it: saving the form unchanged keeps it.
            self.published_at = timezone.now().replace(microsecond=0)
        super().save(*args, **kwargs)

    def content_warnings(self) -> list[str]:
        """What an editor should look at in this item before the public does. Subclasses add
        their own; ``editorial.warnings.content_warnings()`` adds the checks of links and
        images every item gets."""
        warnings = []
        summary = strip_tags(getattr(self, "summary", "") or "")
        if len(summary) > LONG_SUMMARY:
            warnings.append(
                f"The summary is {len(summary):,} characters long: keep it under {LONG_SUMMARY} "
                "so lists and search results stay readable."
            )
        return warnings

    def serve_preview(self, request, **extra):
        """The item on its public template, as it is now (draft or not), for staff."""
        view = import_string(self.preview_view)
        return view(request, self, preview=True, preview_is_public=self.is_published, **extra)

    @property
    def is_published(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class SlugFromNameMixin:
    """Fill an empty ``slug`` with Django's ``slugify`` of the field named by ``slug_source``."""

    slug_source = "name"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(getattr(self, self.slug_source))[:255]
        super().save(*args, **kwargs)


class Vocabulary(models.Model):
    """A list items are tagged with (outcome tags, settings): it is public as soon as it is
    saved, so only publishers change it (editorial/roles.py)."""

    class Meta:
        abstract = True


class Part(models.Model):
    """Rows edited as part of a content item (a story's answers): whoever may edit the item
    may add, change and remove them."""

    class Meta:
        abstract = True
