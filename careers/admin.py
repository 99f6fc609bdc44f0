from django.contrib import admin

from careers.models import CareerStory, PathwayStep, Resource, StoryAnswer
from careers.resources import ResourceResource
from editorial.admin.imports import PublishableImportExportMixin
from editorial.admin.links import BrokenLinkWarningsMixin
from editorial.admin.ordering import OrderableAdmin, OrderableInlineMixin, OrderableInlinesAdmin
from editorial.admin.publishing import PublishableAdmin, RichTextReadOnlyMixin
from editorial.images import admin_thumbnail


class StoryAnswerInline(RichTextReadOnlyMixin, OrderableInlineMixin, admin.StackedInline):
    model = StoryAnswer
    extra = 0
    fields = ["order", "question", "answer"]


@admin.register(CareerStory)
class CareerStoryAdmin(BrokenLinkWarningsMixin, OrderableInlinesAdmin, PublishableAdmin):
    list_display = ["thumbnail", "name", "job_title", "profession", "status", "updated_at"]
    list_display_links = ["name"]
    list_filter = ["status", "profession", "settings"]
    search_fields = ["name", "job_title", "organisation", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["profession", "settings", "step"]
    inlines = [StoryAnswerInline]
    readonly_fields = [*PublishableAdmin.readonly_fields, "current_photo"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "job_title", "organisation", "summary"]}),
        ("Tags", {"fields": ["profession", "settings", "step", "order"]}),
        ("Photo", {"fields": ["current_photo", "photo", "photo_alt", "photo_decorative"]}),
        PublishableAdmin.publishing_fieldset,
    ]
    thumbnail = admin_thumbnail("photo", "Photo")
    current_photo = admin_thumbnail("photo", "Current photo", width=320, with_alt=True)


@admin.register(PathwayStep)
class PathwayStepAdmin(BrokenLinkWarningsMixin, OrderableAdmin, PublishableAdmin):
    list_display = ["title", "kind", "order", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "summary", "entry", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "entry", "body", "order"]}),
        PublishableAdmin.publishing_fieldset,
    ]


@admin.register(Resource)
class ResourceAdmin(
    BrokenLinkWarningsMixin, PublishableImportExportMixin, OrderableAdmin, PublishableAdmin
):
    order_scope = ("category",)
    resource_classes = [ResourceResource]
    list_display = ["title", "category", "kind", "publisher", "order", "status"]
    list_filter = ["status", "category", "kind", "professions", "steps"]
    search_fields = ["title", "publisher", "description", "url"]
    autocomplete_fields = ["professions", "steps"]
