"""Ordering without dragging (WCAG 2.2, 2.5.7): "Move up" and "Move down" buttons.

The buttons belong to a small form outside the admin's own form (``form="move-form"``), so
pressing Enter in a field never moves anything, and they work without JavaScript. Every move is
in the history: a revision for each item whose number changed, so an editor can see and undo it.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from editorial.actions import ordering
from editorial.actions.ordering import AT_EDGE, DOWN, MOVED, UP
from editorial.admin.lookup import object_or_404
from editorial.publishing import Status

MOVE_FORM_ID = "move-form"


def report(model_admin, request, outcome: str, obj, direction: str) -> None:
    if outcome == MOVED:
        model_admin.message_user(request, f"Moved “{obj}” {direction}.", messages.SUCCESS)
    elif outcome == AT_EDGE:
        place = "first" if direction == UP else "last"
        model_admin.message_user(request, f"“{obj}” is already {place}.", messages.INFO)
    else:
        model_admin.message_user(
            request,
            f"“{obj}” was not moved: the item next to it is published, and only a publisher "
            "can change published items.",
            messages.ERROR,
        )


def move_buttons(url_for, label: str, key: str):
    """Two submit buttons for the page's move form; ``url_for(direction)`` gives each target."""
    return format_html(
        '<span class="move-controls">'
        '<button type="submit" form="{form}" formaction="{up}" id="move-up-{key}" '
        'aria-label="Move up: {label}">Move up</button> '
        '<button type="submit" form="{form}" formaction="{down}" id="move-down-{key}" '
        'aria-label="Move down: {label}">Move down</button></span>',
        form=MOVE_FORM_ID,
        up=url_for(UP),
        down=url_for(DOWN),
        key=key,
        label=label,
    )


def back_to(request, fallback: str, anchor: str) -> HttpResponseRedirect:
    """Back to the page the button was on (its filters and sort kept), at the button."""
    referer = request.headers.get("referer", "")
    allowed = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    url = referer.split("#")[0] if allowed else fallback
    return HttpResponseRedirect(f"{url}#{anchor}")


class OrderableAdmin(admin.ModelAdmin):
    """A "Move up / Move down" column on the change list for a model with an order field.

    ``order_scope`` names fields that split the list into separately ordered groups (e.g. a
    resource's category).
    """

    order_field = "order"
    order_scope: tuple[str, ...] = ()

    def get_urls(self):
        opts = self.opts
        move_url = path(
            "<path:object_id>/move/<str:direction>/",
            self.admin_site.admin_view(require_POST(self.move_view)),
            name=f"{opts.app_label}_{opts.model_name}_move",
        )
        return [move_url, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {"move_form_id": MOVE_FORM_ID, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if self.has_change_permission(request):
            list_display.append(self.move_column(request))
        return list_display

    def move_column(self, request):
        can_publish = getattr(self, "has_publish_permission", lambda request: True)(request)
        opts = self.opts

        @admin.display(description="Order")
        def move_controls(obj):
            if getattr(obj, "status", None) == Status.PUBLISHED and not can_publish:
                return ""
            return move_buttons(
                lambda direction: reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_move",
                    args=[obj.pk, direction],
                    current_app=self.admin_site.name,
                ),
                label=str(obj),
                key=str(obj.pk),
            )

        return move_controls

    def siblings(self, obj):
        scope = {name: getattr(obj, name) for name in self.order_scope}
        return self.model._default_manager.filter(**scope).order_by(*self.opts.ordering, "pk")

    @staticmethod
    def check_direction(direction):
        if direction not in (UP, DOWN):
            raise PermissionDenied

    def move_view(self, request, object_id, direction):
        self.check_direction(direction)
        obj = object_or_404(self, request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        outcome = ordering.move(
            user=request.user,
            obj=obj,
            direction=direction,
            siblings=self.siblings(obj),
            field=self.order_field,
        )
        report(self, request, outcome, obj, direction)
        opts = self.opts
        changelist = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=self.admin_site.name
        )
        return back_to(request, changelist, f"move-{direction}-{obj.pk}")


class OrderableInlineMixin:
    """Move up / Move down buttons on each saved item of an inline whose parent admin is an
    ``OrderableInlinesAdmin``."""

    order_field = "order"

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        parent_admin = self.admin_site._registry.get(self.parent_model)
        if obj is not None and parent_admin and parent_admin.has_change_permission(request, obj):
            fields.append("move_controls")
        return fields

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "move_controls"]

    @admin.display(description="Position")
    def move_controls(self, obj):
        if obj is None or obj.pk is None:
            return ""
        parent_opts = self.parent_model._meta
        child = self.opts.model_name
        return move_buttons(
            lambda direction: reverse(
                f"admin:{parent_opts.app_label}_{parent_opts.model_name}_move_{child}",
                args=[getattr(obj, self.fk_name_for(obj)), obj.pk, direction],
                current_app=self.admin_site.name,
            ),
            label=str(obj),
            key=f"{child}-{obj.pk}",
        )

    def fk_name_for(self, obj):
        return next(
            f.attname
            for f in obj._meta.concrete_fields
            if f.is_relation and f.related_model is self.parent_model
        )


class OrderableInlinesAdmin(admin.ModelAdmin):
    """Routes the move buttons of its ``OrderableInlineMixin`` inlines: moving an item is a
    change to the parent, with the parent's permissions (publish permission if published)."""

    def get_urls(self):
        opts = self.opts
        urls = [
            path(
                f"<path:object_id>/move-{inline.model._meta.model_name}/<int:child_id>/"
                "<str:direction>/",
                self.admin_site.admin_view(require_POST(self._move_child_view)),
                {"inline": inline},
                name=f"{opts.app_label}_{opts.model_name}_move_{inline.model._meta.model_name}",
            )
            for inline in self.inlines
            if issubclass(inline, OrderableInlineMixin)
        ]
        return [*urls, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {"move_form_id": MOVE_FORM_ID, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)

    def _move_child_view(self, request, object_id, child_id, direction, inline):
        OrderableAdmin.check_direction(direction)
        parent = object_or_404(self, request, object_id)
        if not self.has_change_permission(request, parent):
            raise PermissionDenied
        fk = next(
            f.name
            for f in inline.model._meta.concrete_fields
            if f.is_relation and f.related_model is self.model
        )
        siblings = inline.model._default_manager.filter(**{fk: parent}).order_by(
            *inline.model._meta.ordering, "pk"
        )
        child = get_object_or_404(siblings, pk=child_id)
        # The parent's revision holds its inline children: restoring it restores their order.
        outcome = ordering.move(
            user=request.user,
            obj=child,
            direction=direction,
            siblings=siblings,
            field=inline.order_field,
            parent=parent,
        )
        report(self, request, outcome, child, direction)
        opts = self.opts
        change = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[parent.pk],
            current_app=self.admin_site.name,
        )
        return HttpResponseRedirect(
            f"{change}#move-{direction}-{inline.model._meta.model_name}-{child.pk}"
        )
