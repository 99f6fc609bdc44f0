"""What a browser would submit: the fields of a page's HTML form (``form_data``), or of the
admin form in a test client's response (``submitted``)."""

from html.parser import HTMLParser

from django.forms import CheckboxInput, MultiWidget
from django.forms.models import ModelMultipleChoiceField


class FormReader(HTMLParser):
    """The fields a browser would submit from the page's progress form."""

    def __init__(self, form_class):
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.textarea = None
        self.data = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_class in (attrs.get("class") or "")
        elif self.inside and tag == "input" and attrs.get("name"):
            if attrs.get("type") == "radio" and "checked" not in attrs:
                return
            self.data[attrs["name"]] = attrs.get("value") or ""
        elif self.inside and tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def form_data(html: str, form_class: str = "app-progress-form") -> dict:
    reader = FormReader(form_class)
    reader.feed(html)
    # Browsers drop the single line break that follows <textarea>.
    return {k: v.removeprefix("\n") for k, v in reader.data.items()}


def _form_fields(form):
    data = {}
    for bound in form:
        field, widget = bound.field, bound.field.widget
        value = bound.value()
        if isinstance(widget, MultiWidget):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            for index, (subwidget, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                data[f"{bound.html_name}_{index}"] = subwidget.format_value(part) or ""
        elif isinstance(field, ModelMultipleChoiceField):
            data[bound.html_name] = [str(getattr(v, "pk", v)) for v in (value or [])]
        elif isinstance(widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif value is None:
            data[bound.html_name] = ""
        else:
            data[bound.html_name] = str(getattr(value, "pk", value))
    return data


def submitted(response, **changes):
    """What the browser would send for the admin form in this response, with ``changes``."""
    context = response.context
    data = _form_fields(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_fields(formset.management_form))
        for form in formset.forms:
            data.update(_form_fields(form))
    data.update(changes)
    return data
