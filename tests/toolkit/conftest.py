import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms import CheckboxInput, MultiWidget
from django.forms.models import ModelMultipleChoiceField
from django.test import Client


def member_of(group_name, username=None):
    user = get_user_model().objects.create_user(
        username or group_name.lower().replace(" ", "-"), password="x" * 16, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    client = Client()
    client.force_login(member_of("Content editor"))
    return client


@pytest.fixture
def publisher(db):
    client = Client()
    client.force_login(member_of("Publisher"))
    return client


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
