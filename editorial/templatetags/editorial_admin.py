"""Template tags for the admin's own pages (templates/django/admin/)."""

from django import template
from django.contrib import admin
from django.db.models import Model

from editorial.admin.deletion import deletion_summary

register = template.Library()


@register.simple_tag(takes_context=True)
def plain_deletions(context, objs):
    """``{% plain_deletions object_or_queryset as deletions %}``: see editorial.admin.deletion."""
    objs = [objs] if isinstance(objs, Model) else objs
    return deletion_summary(objs, context["request"], admin.site)
