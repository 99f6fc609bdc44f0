from django.contrib import admin

from casestudies.models import CaseStudy, OutcomeTag
from casestudies.resources import CaseStudyResource
from editorial.admin.imports import PublishableImportExportMixin
from editorial.admin.links import BrokenLinkWarningsMixin
from editorial.admin.publishing import PublishableAdmin, VersionedAdmin


@admin.register(OutcomeTag)
class OutcomeTagAdmin(VersionedAdmin):
    list_display = ["name", "slug", "order", "case_study_count"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    @admin.display(description="Case studies")
    def case_study_count(self, obj):
        return obj.case_studies.count()


@admin.register(CaseStudy)
class CaseStudyAdmin(BrokenLinkWarningsMixin, PublishableImportExportMixin, PublishableAdmin):
    resource_classes = [CaseStudyResource]
    list_display = ["title", "kind", "publisher", "profession_list", "status", "updated_at"]
    list_filter = ["status", "kind", "evaluation", "costed", "professions", "outcomes", "settings"]
    search_fields = ["title", "summary", "publisher", "source_url"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["professions", "outcomes", "settings"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "source_url", "publisher", "kind"]}),
        (
            "What the evidence is",
            {
                "fields": ["source_year", "evaluation", "costed"],
                "description": "Record only what the source itself says: leave a field blank "
                "when it does not.",
            },
        ),
        ("Tags", {"fields": ["professions", "outcomes", "settings"]}),
        PublishableAdmin.publishing_fieldset,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("professions")

    @admin.display(description="Professions")
    def profession_list(self, obj):
        return ", ".join(p.name for p in obj.professions.all())
