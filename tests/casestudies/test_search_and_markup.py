"""Words on either database, and the finder's light facet and pagination markup against the
NHS.UK macros."""

from html.parser import HTMLParser

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.http import QueryDict
from django.template import engines
from django.test.utils import CaptureQueriesContext
from markupsafe import Markup

from casestudies.finder.page import finder_page
from casestudies.finder.words import MAX_QUERY_CHARS, text_search
from casestudies.models import CaseStudy, OutcomeTag
from editorial.publishing import Status
from professions.models import Profession

pytestmark = pytest.mark.django_db

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def savings():
    study = CaseStudy.objects.create(
        title="Reducing admissions",
        summary="<p>The service made large savings for the trust.</p>",
        source_url="https://example.org/savings",
        publisher="Example Trust",
        status=Status.PUBLISHED,
    )
    study.professions.add(Profession.objects.get(slug="dietitians"))
    return study


def found(client, q):
    response = client.get("/case-studies/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_words_match_text_publisher_and_tag_names(client, savings):
    assert savings.title in found(client, "saving")  # the stem of "savings"
    assert savings.title in found(client, "example trust")
    assert savings.title in found(client, "dietitians savings")  # a profession name
    assert savings.title not in found(client, "physiotherapists savings")


def test_words_are_stemmed_whole_words_on_either_database(client, savings):
    """'saved' and 'savings' share the stem 'save'; parts of words ('sav', 'ample' in
    'Example') find nothing."""
    assert savings.title in found(client, "saved")
    assert savings.title not in found(client, "sav")
    assert savings.title not in found(client, "ample")  # inside "Example"


def test_a_word_names_a_tag_only_from_the_start_of_a_word_in_its_name(client):
    """ "OT" is not inside "Prevention and health promotion" for the finder, as it is not
    inside "potential" for site search; "saving" still names "Cost-saving"."""
    study = CaseStudy.objects.create(
        title="Walking groups",
        summary="<p>Weekly walks.</p>",
        source_url="https://example.org/walks",
        status=Status.PUBLISHED,
    )
    study.outcomes.add(OutcomeTag.objects.get(slug="prevention-and-health-promotion"))
    assert study.title not in found(client, "OT")
    assert study.title in found(client, "prevention")
    study.outcomes.set([OutcomeTag.objects.get(slug="cost-saving")])
    assert study.title in found(client, "saving")


def test_the_full_text_path_is_used_on_postgresql(client, savings):
    with CaptureQueriesContext(connection) as queries:
        found(client, "savings")
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    if POSTGRES:
        assert "websearch_to_tsquery" in sql and "search_document" in sql
        assert "LIKE" not in sql.upper().replace("ILIKE", "")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            plan = CaseStudy.objects.filter(text_search("savings")).explain()
        assert "casestudy_search_idx" in plan
    else:
        assert "websearch_to_tsquery" not in sql and "LIKE" not in sql.upper()
        assert "toolkit_search_fts MATCH" in sql


@pytest.mark.parametrize(
    "q",
    [
        "x" * 10_000,
        "'; DROP TABLE casestudies_casestudy; --",
        '" OR 1=1 -- & | ! <-> :* ()',
        "ergotherapeut – Ärzte 作業療法 🧠",
        "!!! ... ???",
        "-",
        "or and not",
    ],
)
def test_bad_words_never_fail(client, q):
    response = client.get("/case-studies/", {"q": q})
    assert response.status_code == 200
    assert len(q) < MAX_QUERY_CHARS or "Only the first 10 words" in response.content.decode()


class Tokens(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if text := " ".join(data.split()):
            self.tokens.append(("text", text))


def tokens(html):
    parser = Tokens()
    parser.feed(html)
    return parser.tokens


NHSUK_MACRO = """
{% from "nhsuk/components/checkboxes/macro.jinja" import checkboxes %}
{% from "casestudies/_facet.jinja" import option_label %}
{% set items = [] %}
{% for option in facet.options %}
  {% do items.append({"value": option.slug, "html": option_label(option), "checked": option.selected,
    "id": facet.param ~ "-" ~ option.slug}) %}
{% endfor %}
{{ checkboxes({"idPrefix": facet.param, "name": facet.param,
  "fieldset": {"legend": {"text": facet.legend, "size": "s"}},
  "classes": "nhsuk-checkboxes--small", "formGroup": {"classes": "app-facet"}, "items": items}) }}
"""
LIGHT_MACRO = """
{% from "casestudies/_facet.jinja" import facet_checkboxes %}{{ facet_checkboxes(facet) }}
"""


def test_the_light_facet_markup_is_the_nhsuk_checkboxes_markup():
    page = finder_page(QueryDict("profession=dietitians&outcome=cost-saving&kind=report"))
    env = engines["jinja2"].env
    rendered = []
    for facet in page.facets:
        expected = env.from_string(NHSUK_MACRO).render(facet=facet)
        light = env.from_string(LIGHT_MACRO).render(facet=facet)
        assert tokens(light) == tokens(expected)
        rendered.append(light)
    html = "".join(rendered)
    assert " checked" in html and " disabled" not in html


def test_the_light_filter_panel_is_the_nhsuk_details_markup():
    env = engines["jinja2"].env
    context = {
        "summary": Markup('Filter <span id="selected-count">(2 selected)</span>'),
        "form": Markup('<form id="finder-form"><input name="q" value="a &amp; b"></form>'),
    }
    expected = env.from_string(
        '{% from "nhsuk/components/details/macro.jinja" import details %}'
        '{{ details({"summaryHtml": summary, "html": form, "open": true, "id": "filters",'
        ' "classes": "app-filters"}) }}'
    ).render(context)
    light = env.from_string(
        '{% from "casestudies/_facet.jinja" import filter_panel %}{{ filter_panel(summary, form) }}'
    ).render(context)
    assert tokens(light) == tokens(expected)
    assert 'value="a &amp; b"' in light


NHSUK_PAGINATION = """
{% from "nhsuk/components/pagination/macro.jinja" import pagination %}
{% set nhsuk_items = [] %}
{% for item in items %}
  {% do nhsuk_items.append(item if item.ellipsis else dict(item, attributes={"data-finder-link": ""})) %}
{% endfor %}
{{ pagination({"classes": "app-no-print", "previous": {"href": previous} if previous else {},
  "next": {"href": next} if next else {}, "items": nhsuk_items}) }}
"""
LIGHT_PAGINATION = """
{% from "casestudies/_pagination.jinja" import finder_pagination %}
{{ finder_pagination(previous, next, items) }}
"""


@pytest.mark.parametrize(
    "number, last",
    [(1, 2), (2, 2), (1, 40), (2, 40), (5, 40), (39, 40), (40, 40), (3, 7)],
)
def test_the_light_pagination_markup_is_the_nhsuk_pagination_markup(number, last):
    page = Paginator(range(20 * last), 20).page(number)
    items = [
        {"ellipsis": True}
        if n == page.paginator.ELLIPSIS
        else {"number": n, "href": f"?q=a+%26+b&page={n}", "current": n == number}
        for n in page.paginator.get_elided_page_range(number, on_each_side=1, on_ends=1)
    ]
    previous = f"?page={number - 1}" if page.has_previous() else ""
    next = f"?page={number + 1}" if page.has_next() else ""
    env = engines["jinja2"].env
    context = {"items": items, "previous": previous, "next": next}
    expected = env.from_string(NHSUK_PAGINATION).render(context)
    light = env.from_string(LIGHT_PAGINATION).render(context)
    assert tokens(light) == tokens(expected)
    assert ("Previous" in light) == (number > 1) and ("Next" in light) == (number < last)
    assert light.count('aria-current="page"') == 1
    # the parser above reads "&amp;" and "&" alike: the written-out links must escape it
    assert "&amp;page=" in light and "&page=" not in light
