"""The Jinja2 environment's faster pieces give exactly what they replace."""

import pytest
from django.template import engines
from jinja2.filters import do_indent
from markupsafe import Markup

from editorial.publishing import Status
from pages.models import Page
from toolkit.jinja2 import MacroCache

TEXTS = [
    "",
    "one line",
    "first\nsecond\n\nfourth\n",
    "<p>a & b</p>\n  <span>c</span>\r\nd",
    "\n\nleading blank lines",
]


def env():
    return engines["jinja2"].env


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("markup", [False, True])
@pytest.mark.parametrize(
    "options", [{}, {"width": 6}, {"width": "\t"}, {"first": True}, {"blank": True}]
)
def test_indent_gives_what_jinjas_filter_gives(text, markup, options):
    value = Markup(text) if markup else text
    ours = env().filters["indent"](value, **options)
    theirs = do_indent(value, **options)
    assert ours == theirs
    assert type(ours) is type(theirs)


HEADER = '{% from "nhsuk/components/header/macro.jinja" import header %}'


def render(source, **context):
    return env().from_string(HEADER + source).render(**context)


def header_params(active):
    return {
        "service": {"text": "AHP toolkit", "href": "/"},
        "navigation": {
            "items": [{"href": "/professions/", "text": "Professions", "active": active}]
        },
    }


@pytest.mark.parametrize("active", [False, True])
def test_memo_renders_what_the_macro_renders(active):
    params = header_params(active)
    direct = render("{{ header(p) }}", p=params)
    assert render("{{ memo(header, p) }}", p=params) == direct  # first call: rendered
    assert render("{{ memo(header, p) }}", p=params) == direct  # then: remembered


def test_memo_keys_on_every_argument():
    inactive = render("{{ memo(header, p) }}", p=header_params(False))
    active = render("{{ memo(header, p) }}", p=header_params(True))
    assert inactive != active
    assert 'aria-current="true"' in active and "aria-current" not in inactive


def test_memo_tells_markup_from_text():
    """The same characters as text are escaped, as Markup they are not."""
    text = {"service": {"text": "<b>AHP</b>", "href": "/"}}
    markup = {"service": {"text": Markup("<b>AHP</b>"), "href": "/"}}
    assert render("{{ memo(header, p) }}", p=text) == render("{{ header(p) }}", p=text)
    assert render("{{ memo(header, p) }}", p=markup) == render("{{ header(p) }}", p=markup)


def test_memo_refuses_arguments_it_cannot_key_on():
    with pytest.raises(TypeError):
        render("{{ memo(header, {'service': {'text': x}}) }}", x=object())


def test_memo_keeps_at_most_its_size():
    cache = MacroCache(size=3)
    macro = env().get_template("nhsuk/components/header/macro.jinja").module.header
    for n in range(10):
        assert f"service {n}" in cache(macro, {"service": {"text": f"service {n}"}})
    assert len(cache.entries) == 3


@pytest.mark.django_db
def test_the_footer_shows_a_renamed_section_at_once(client):
    """The footer's links are part of the memo's key: changed content is a new entry, in every
    process, with nothing to invalidate."""
    assert "Renamed section" not in client.get("/case-studies/").content.decode()
    page = Page.objects.filter(status=Status.PUBLISHED, show_in_navigation=True).first()
    page.title = "Renamed section"
    page.save()
    assert "Renamed section" in client.get("/case-studies/").content.decode()
