"""The editorial engine's admin: base classes for content admins (publishing, drafts, history,
ordering, import and export, link warnings), the admin site, and the engine's own lists."""

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst

from editorial.admin import signin  # noqa: F401 (registers the user admin)
from editorial.models import Draft, LinkCheck
from editorial.publishing import Publishable


class ContentTypeFilter(admin.SimpleListFilter):
    """The kinds of content a draft can be of, by their names ("Case study"), not every
    model Django knows."""

    title = "type"
    parameter_name = "type"

    def lookups(self, request, model_admin):
        models = [m for m in apps.get_models() if issubclass(m, Publishable)]
        types = ContentType.objects.get_for_models(*models)
        return sorted(
            ((str(types[m].pk), capfirst(m._meta.verbose_name)) for m in models),
            key=lambda choice: choice[1],
        )

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdecimal():
            return queryset.filter(content_type_id=int(value))
        return queryset


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    """Unpublished drafts of published content, waiting for a publisher. Read only: a draft is
    edited, published and discarded from its item's change form."""

    list_display = ["item", "kind", "saved_by", "saved_at"]
    list_filter = [ContentTypeFilter]
    list_select_related = ["content_type", "saved_by"]
    fields = ["content_type", "object_id", "saved_by", "saved_at"]
    readonly_fields = fields

    @admin.display(description="Draft of")
    def item(self, obj):
        item = obj.content_object
        title = str(item) if item is not None else f"a deleted item ({obj.object_id})"
        try:
            url = reverse(
                f"admin:{obj.content_type.app_label}_{obj.content_type.model}_draft",
                args=[obj.object_id],
            )
        except NoReverseMatch:
            return title
        return format_html('<a href="{}">{}</a>', url, title)

    @admin.display(description="Type")
    def kind(self, obj):
        model = obj.content_type.model_class()
        return capfirst(model._meta.verbose_name) if model else obj.content_type.model

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
