from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404


def object_or_404(model_admin, request, object_id):
    """The object an admin URL names, or a 404: ``ModelAdmin.get_object`` turns an id its
    primary key cannot hold ("introduction" for a number) into None, where a plain
    ``get(pk=...)`` raises ValueError, a 500."""
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404(f"No {model_admin.opts.verbose_name} has this id")
    return obj


def id_or_404(model_admin, object_id):
    """An admin URL's id as its primary key holds it, or a 404, without a query: for views
    (reversion's history) that query by the id before the admin looks the object up."""
    try:
        value = model_admin.opts.pk.to_python(unquote(object_id))
    except (ValidationError, ValueError):
        raise Http404(f"No {model_admin.opts.verbose_name} has this id") from None
    if isinstance(value, str) and "\x00" in value:
        raise Http404(f"No {model_admin.opts.verbose_name} has this id")
    return value
