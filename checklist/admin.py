from django.contrib import admin

from checklist.models import Action
from toolkit.admin_base import PublishableAdmin


@admin.register(Action)
class ActionAdmin(PublishableAdmin):
    list_display = ["number", "title", "status", "updated_at"]
    list_display_links = ["title"]
    search_fields = ["title", "guidance"]
    autocomplete_fields = ["professions", "outcomes", "pages"]
    fieldsets = [
        (None, {"fields": ["number", "title", "guidance"]}),
        ("Related content", {"fields": ["professions", "outcomes", "pages"]}),
        PublishableAdmin.publishing_fieldset,
    ]
