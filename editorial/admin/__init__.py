"""The editorial engine's admin: base classes for content admins (publishing, drafts, history,
ordering, import and export, link warnings), the admin site, and the engine's own lists."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from editorial.models import Draft, LinkCheck


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    """Unpublished drafts of published content, waiting for a publisher. Read only: a draft is
    edited, published and discarded from its item's change form."""

    list_display = ["item", "content_type", "saved_by", "saved_at"]
    list_filter = ["content_type"]
    list_select_related = ["content_type", "saved_by"]
    fields = ["content_type", "object_id", "saved_by", "saved_at"]
    readonly_fields = fields

    @admin.display(description="Draft of")
    def item(self, obj):
        try:
            url = reverse(
                f"admin:{obj.content_type.app_label}_{obj.content_type.model}_draft",
                args=[obj.object_id],
            )
        except NoReverseMatch:
            return str(obj)
        return format_html('<a href="{}">{}</a>', url, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """Read-only results of ``manage.py check_links``: broken links first."""

    list_display = ["url", "result", "used_in", "checked_at"]
    list_filter = ["broken"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["url", "error"]
    fields = ["url", "broken", "status_code", "error", "final_url", "used_in", "checked_at"]
    readonly_fields = fields

    @admin.display(description="Result", ordering="status_code")
    def result(self, obj):
        if obj.broken:
            return format_html("<strong>Broken:</strong> {}", obj.result)
        return obj.result

    @admin.display(description="Used in")
    def used_in(self, obj):
        items = []
        for use in obj.used_by:
            try:
                app_label, model_name = use["model"].split(".")
                url = reverse(f"admin:{app_label}_{model_name}_change", args=[use["pk"]])
            except (KeyError, ValueError, NoReverseMatch):
                items.append(format_html("<li>{}</li>", use.get("label", "")))
                continue
            items.append(
                format_html('<li><a href="{}">{}</a> ({})</li>', url, use["label"], use["field"])
            )
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((item,) for item in items)))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
