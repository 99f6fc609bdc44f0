from django.contrib import admin

from editorial.admin.imports import PublishableImportExportMixin
from editorial.admin.links import BrokenLinkWarningsMixin
from editorial.admin.ordering import OrderableAdmin
from editorial.admin.publishing import PublishableAdmin, VersionedAdmin
from editorial.images import admin_thumbnail
from professions.models import Profession, Quote, Setting, WorkforceFigure
from professions.resources import ProfessionResource


@admin.register(Setting)
class SettingAdmin(VersionedAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    fields = ["text", "person", "role", "section", "status"]


@admin.register(Profession)
class ProfessionAdmin(
    BrokenLinkWarningsMixin, PublishableImportExportMixin, OrderableAdmin, PublishableAdmin
):
    resource_classes = [ProfessionResource]
    list_display = ["thumbnail", "name", "regulator", "is_core", "order", "status", "updated_at"]
    list_display_links = ["name"]
    list_filter = ["status", "regulator", "is_core"]
    search_fields = ["name", "summary", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [QuoteInline]
    readonly_fields = [*PublishableAdmin.readonly_fields, "current_image"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "summary",
                    "description",
                    "learning_disability_offer",
                    "entry_routes",
                ]
            },
        ),
        ("Profession", {"fields": ["regulator", "is_core", "order"]}),
        ("Image", {"fields": ["current_image", "image", "image_alt", "image_decorative"]}),
        PublishableAdmin.publishing_fieldset,
    ]
    thumbnail = admin_thumbnail("image", "Image")
    current_image = admin_thumbnail("image", "Current image", width=320, with_alt=True)


@admin.register(WorkforceFigure)
class WorkforceFigureAdmin(PublishableAdmin):
    list_display = ["label", "count", "source", "as_of", "is_total", "order", "status"]
    list_filter = ["status", "source", "is_total"]
    search_fields = ["label"]
    autocomplete_fields = ["professions"]


@admin.register(Quote)
class QuoteAdmin(PublishableAdmin):
    list_display = ["person", "short_text", "profession", "section", "status"]
    list_filter = ["status", "profession"]
    search_fields = ["text", "person", "role"]
    autocomplete_fields = ["profession"]

    @admin.display(description="Quote")
    def short_text(self, obj):
        return obj.text[:80]
