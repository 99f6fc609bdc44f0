"""Broken links on an item's change form, from the last ``manage.py check_links``."""

from django.contrib import messages
from django.contrib.admin.utils import unquote

from editorial.links import broken_link_warnings


class BrokenLinkWarningsMixin:
    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                # After "Save and continue editing", the save already reported them.
                shown = {str(message) for message in messages.get_messages(request)}
                for warning in broken_link_warnings(obj):
                    if warning not in shown:
                        self.message_user(request, warning, messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)
