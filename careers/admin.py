from django.contrib import admin

from careers.models import CareerStory, Pathway, Resource, StoryAnswer
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
    autocomplete_fields = ["profession", "settings"]
    inlines = [StoryAnswerInline]
    readonly_fields = [*PublishableAdmin.readonly_fields, "current_photo"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "job_title", "organisation", "summary"]}),
        ("Tags", {"fields": ["profession", "settings", "order"]}),
        ("Photo", {"fields": ["current_photo", "photo", "photo_alt", "photo_decorative"]}),
        PublishableAdmin.publishing_fieldset,
    ]
    thumbnail = admin_thumbnail("photo", "Photo")
    current_photo = admin_thumbnail("photo", "Current photo", width=320, with_alt=True)


@admin.register(Pathway)
class PathwayAdmin(BrokenLinkWarningsMixin, OrderableAdmin, PublishableAdmin):
    list_display = ["title", "kind", "order", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Resource)
class ResourceAdmin(
    BrokenLinkWarningsMixin, PublishableImportExportMixin, OrderableAdmin, PublishableAdmin
):
    order_scope = ("category",)
    resource_classes = [ResourceResource]
    list_display = ["title", "category", "url", "order", "status"]
    list_filter = ["status", "category", "professions"]
    search_fields = ["title", "description", "url"]
    autocomplete_fields = ["professions"]
