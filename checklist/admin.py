from django.contrib import admin
from django.db.models import Count, Q

from checklist.models import (
    Action,
    ActionProgress,
    ProgressRecord,
    ProgressStatus,
    SystemView,
)
from editorial.admin.links import BrokenLinkWarningsMixin
from editorial.admin.ordering import OrderableAdmin
from editorial.admin.publishing import PublishableAdmin


@admin.register(Action)
class ActionAdmin(BrokenLinkWarningsMixin, OrderableAdmin, PublishableAdmin):
    order_field = "number"
    list_display = ["number", "title", "status", "updated_at"]
    list_display_links = ["title"]
    list_filter = ["status", "professions", "outcomes"]
    search_fields = ["title", "guidance"]
    autocomplete_fields = ["professions", "outcomes", "pages"]
    fieldsets = [
        (None, {"fields": ["number", "title", "guidance"]}),
        ("Related content", {"fields": ["professions", "outcomes", "pages"]}),
        PublishableAdmin.publishing_fieldset,
    ]


class ActionProgressInline(admin.TabularInline):
    model = ActionProgress
    extra = 0
    can_delete = False
    fields = ["action", "status", "owner", "target_date", "notes", "version", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ProgressRecord)
class ProgressRecordAdmin(admin.ModelAdmin):
    """Read only: records belong to the people holding their links. The links are not shown,
    so the admin cannot be used to reach or change someone's record."""

    list_display = ["__str__", "area", "completed", "created_at", "updated_at"]
    search_fields = ["organisation", "area"]
    date_hierarchy = "created_at"
    fields = ["organisation", "area", "completed_by", "version", "created_at", "updated_at"]
    readonly_fields = fields
    inlines = [ActionProgressInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                completed_count=Count("items", filter=Q(items__status=ProgressStatus.COMPLETED))
            )
        )

    @admin.display(description="completed actions", ordering="completed_count")
    def completed(self, obj):
        return obj.completed_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SystemView)
class SystemViewAdmin(admin.ModelAdmin):
    """Read only, like records: a name and how many links were pasted, never the links (the
    records' read-only links) nor the view's own."""

    list_display = ["__str__", "organisations", "created_at", "updated_at"]
    search_fields = ["name"]
    fields = ["name", "created_at", "updated_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description="organisations", ordering="member_count")
    def organisations(self, obj):
        return obj.member_count

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
