from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.text import capfirst

from editorial.richtext import RichTextField
from editorial.richtext import render as render_rich_text


def _rich_text_display(field):
    """A read-only display of a rich-text field: its sanitised HTML, rendered."""

    def display(obj):
        return render_rich_text(getattr(obj, field.attname))

    display.short_description = capfirst(field.verbose_name)
    display.__name__ = f"{field.name}_rendered"
    return display


def _replace(entry, rich):
    if isinstance(entry, (list, tuple)):
        return type(entry)(rich.get(name, name) for name in entry)
    return rich.get(entry, entry)


class RichTextReadOnlyMixin:
    """Where someone may view but not change an item (a content editor and published content),
    Django shows read-only fields escaped: rich text would read as HTML tags. Show it rendered."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self._may_change(request, obj):
            return fieldsets
        rich = {
            f.name: _rich_text_display(f)
            for f in self.model._meta.fields
            if isinstance(f, RichTextField)
        }
        if not rich:
            return fieldsets
        return [
            (name, {**options, "fields": [_replace(entry, rich) for entry in options["fields"]]})
            for name, options in fieldsets
        ]

    def _may_change(self, request, obj):
        if isinstance(self, InlineModelAdmin):
            # An inline is read only when its parent is.
            parent = self.admin_site.get_model_admin(self.parent_model)
            return parent.has_change_permission(request, obj)
        return self.has_change_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        # An inline's form is built from its fieldsets' names: leave the displays out.
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs.setdefault("fields", [name for name in fields if isinstance(name, str)])
        return super().get_formset(request, obj, **kwargs)
