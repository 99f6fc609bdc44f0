"""The Jinja2 environment for public templates, with the NHS.UK frontend macros."""

from collections import OrderedDict
from datetime import timedelta
from threading import Lock

import jinja2
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from jinja2.filters import do_indent
from markupsafe import Markup

from editorial.images import picture
from editorial.richtext import render as render_rich_text


def url(viewname, *args, **kwargs):
    if args or kwargs:
        return reverse(viewname, args=args or None, kwargs=kwargs or None)
    key = (get_urlconf(), get_script_prefix(), viewname)
    path = _reversed.get(key)
    if path is None:
        path = _reversed[key] = reverse(viewname)
    return path


# reverse() does the same work every time: a page's twenty-odd links without arguments (the
# header's, the footer's, the finder's own) were a tenth of its render. Links with arguments
# are reversed each time: they are few, and some hold a capability token, never kept.
_reversed: dict = {}


@receiver(setting_changed)
def _forget_reversed(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.clear()


def indent(value, width=4, first=False, blank=False):
    """Jinja's ``indent`` filter, giving the same text, but on Markup (the NHS.UK macros
    indent every component's HTML, the finder's whole filter form among them) done on the
    plain string and marked safe once, instead of escaping each line again."""
    if not isinstance(value, Markup):
        return do_indent(value, width, first, blank)
    prefix = width if isinstance(width, str) else " " * width
    lines = (str(value) + "\n").splitlines()
    if blank:
        text = ("\n" + prefix).join(lines)
    else:
        text = lines.pop(0)
        if lines:
            text += "\n" + "\n".join(prefix + line if line else line for line in lines)
    if first:
        text = prefix + text
    return Markup(text)


class MacroCache:
    """Rendered output of pure macros, by their arguments: ``{{ memo(header, {...}) }}``.

    The NHS.UK macros are imported without context, so what they render depends on their
    arguments alone (and the environment's fixed globals): the arguments, data included (the
    footer's section links), are the key, so an entry is never stale, in any process. Only
    small, often repeated calls are worth it (the header, footer, breadcrumbs); the least
    recently used entries go beyond ``size``."""

    def __init__(self, size=256):
        self.size = size
        self.entries = OrderedDict()
        self.lock = Lock()

    def __call__(self, macro, params):
        key = (macro.name, id(macro._func), freeze(params))
        with self.lock:
            html = self.entries.get(key)
            if html is not None:
                self.entries.move_to_end(key)
                return html
        html = macro(params)
        with self.lock:
            self.entries[key] = html
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return html


def freeze(value):
    """A hashable key for macro arguments, telling Markup from text (they render differently)."""
    if isinstance(value, dict):
        return tuple((k, freeze(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if isinstance(value, str | int | float | bool | type(None)):
        return (type(value), value)
    raise TypeError(f"memo() takes plain arguments, not {type(value).__name__}")


def duration(value: timedelta) -> str:
    """A length of time in words, as Django's timesince says it: "1 hour", "2 days, 3 hours"."""
    now = timezone.now()
    return timesince(now - value, now)


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
    env.globals.update(static=static, url=url, picture=picture, memo=MacroCache())
    env.filters.update(
        indent=indent,
        richtext=render_rich_text,
        date=lambda value, fmt="j F Y": date_format(value, fmt) if value else "",
        number=lambda value: f"{value:,}",
        duration=duration,
    )
    return env
