from django.contrib import admin
from django.urls import reverse

from toolkit.publishing import Publishable

NEEDS_REVIEW_LIMIT = 50


class ToolkitAdminSite(admin.AdminSite):
    site_header = "AHP toolkit admin"
    site_title = "AHP toolkit admin"
    index_title = "Content"

    def needs_review(self, request):
        """Content whose next review date has come, for the models this person may change."""
        items = []
        for model, model_admin in self._registry.items():
            if not issubclass(model, Publishable) or not model_admin.has_change_permission(request):
                continue
            opts = model._meta
            for obj in model.objects.needs_review().order_by("next_review_due")[
                :NEEDS_REVIEW_LIMIT
            ]:
                items.append(
                    {
                        "object": obj,
                        "kind": opts.verbose_name,
                        "due": obj.next_review_due,
                        "url": reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_change",
                            args=[obj.pk],
                            current_app=self.name,
                        ),
                    }
                )
        return sorted(items, key=lambda item: item["due"])

    def index(self, request, extra_context=None):
        context = {"needs_review": self.needs_review(request), **(extra_context or {})}
        return super().index(request, context)
