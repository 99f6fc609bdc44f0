"""The Jinja2 environment for public templates, with the NHS.UK frontend macros."""

import jinja2
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format

from toolkit.images import picture
from toolkit.richtext import render as render_rich_text


def url(viewname, *args, **kwargs):
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def environment(**options):
    options["undefined"] = jinja2.ChainableUndefined
    options["loader"] = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(settings.BASE_DIR / "templates"),
            jinja2.PackageLoader("nhsuk_frontend_jinja"),
        ]
    )
    options.setdefault("autoescape", True)
    options.setdefault("extensions", ["jinja2.ext.do"])
    env = jinja2.Environment(**options)
    env.globals.update(static=static, url=url, picture=picture)
    env.filters.update(
        richtext=render_rich_text,
        date=lambda value, fmt="j F Y": date_format(value, fmt) if value else "",
        number=lambda value: f"{value:,}",
    )
    return env
