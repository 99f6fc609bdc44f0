"""The finder's list, filters and counts against the toolkit's own table, and bad input."""

import re

import pytest

from casestudies.finder.counts import COUNT_MEANING
from casestudies.finder.vocabulary import RECORDED_FACETS, Vocabulary
from casestudies.models import CaseStudy, OutcomeTag
from tests.casestudies.helpers import (
    ART,
    count_in,
    make_studies,
    result_urls,
    study_for,
    tags_as_printed,
)
from tests.content.test_content import CASE_STUDY_TAGS, COST, EQUITY

pytestmark = pytest.mark.django_db

# -- the list and filter semantics against the toolkit's own table --------------------------


def test_list_shows_all_20_entries(client):
    response = client.get("/case-studies/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "20 case studies" in html
    assert len(result_urls(html)) == 20
    for study in CaseStudy.objects.all():
        assert study.get_absolute_url() in html


@pytest.mark.parametrize("outcome", sorted({t for ts in CASE_STUDY_TAGS.values() for t in ts}))
def test_filter_by_each_outcome_gives_exactly_the_entries_printed_with_it(client, outcome):
    slug = OutcomeTag.objects.get(name=outcome).slug
    expected = {
        study_for(url).get_absolute_url()
        for url, tags in tags_as_printed().items()
        if outcome in tags
    }
    html = client.get("/case-studies/", {"outcome": slug}).content.decode()
    assert result_urls(html) == expected
    assert count_in(html) == len(expected)


def test_cost_saving_gives_the_five_printed_entries(client):
    html = client.get("/case-studies/", {"outcome": "cost-saving"}).content.decode()
    assert count_in(html) == 5


@pytest.mark.parametrize("profession", ["occupational-therapists", "dietitians", "dramatherapists"])
@pytest.mark.parametrize(
    "outcome", ["cost-saving", "positive-patient-outcome", "improve-and-establish-health-equity"]
)
def test_profession_and_outcome_combine_with_and(client, profession, outcome):
    outcome_name = OutcomeTag.objects.get(slug=outcome).name
    expected = {
        study_for(url).get_absolute_url()
        for url, tags in tags_as_printed().items()
        if outcome_name in tags and study_for(url).professions.filter(slug=profession).exists()
    }
    html = client.get(
        "/case-studies/", {"profession": profession, "outcome": outcome}
    ).content.decode()
    assert result_urls(html) == expected


def test_occupational_therapy_saving_money(client):
    html = client.get(
        "/case-studies/", {"profession": "occupational-therapists", "outcome": "cost-saving"}
    ).content.decode()
    assert "3 case studies" in html


def test_options_within_a_facet_combine_with_or_and_outcome_match_all_with_and(client):
    tags = tags_as_printed()
    either = {u for u, t in tags.items() if COST in t or EQUITY in t}
    both = {u for u, t in tags.items() if COST in t and EQUITY in t}
    query = {"outcome": ["cost-saving", "improve-and-establish-health-equity"]}
    html = client.get("/case-studies/", query).content.decode()
    assert result_urls(html) == {study_for(u).get_absolute_url() for u in either}
    html = client.get("/case-studies/", {**query, "outcome_match": "all"}).content.decode()
    assert result_urls(html) == {study_for(u).get_absolute_url() for u in both}
    assert (
        "There are no case studies with the outcomes cost-saving and" in html if not both else True
    )


def test_words_search_title_publisher_and_tag_names(client):
    study = CaseStudy.objects.get(source_url=ART)
    word = study.title.split()[0]
    html = client.get("/case-studies/", {"q": word.lower()}).content.decode()
    assert study.get_absolute_url() in html
    # A profession's name finds its case studies even when the text does not say it.
    html = client.get("/case-studies/", {"q": "dietitians"}).content.decode()
    for study in CaseStudy.objects.filter(professions__slug="dietitians"):
        assert study.get_absolute_url() in html
    html = client.get("/case-studies/", {"q": "equity"}).content.decode()
    for study in CaseStudy.objects.filter(outcomes__slug="improve-and-establish-health-equity"):
        assert study.get_absolute_url() in html


OPTION = re.compile(
    r'<input class="nhsuk-checkboxes__input" id="(profession|outcome|setting|kind)-([^"]+)"'
    r'[^>]*?( checked)?><label[^>]*>.*?<span class="app-facet-count">\((\d+)<',
    re.S,
)


def displayed_options(html):
    """(facet, slug, ticked, number shown) for every option on the page."""
    return [(f, slug, bool(ticked), int(n)) for f, slug, ticked, n in OPTION.findall(html)]


COMBINATIONS = [
    {},
    {"profession": ["occupational-therapists"]},
    {"profession": ["occupational-therapists", "physiotherapists"]},
    {"outcome": ["cost-saving"], "setting": ["mental-health"]},
    {"outcome": ["cost-saving", "improve-and-establish-health-equity"]},
    {"outcome": ["cost-saving", "positive-patient-outcome"], "outcome_match": "all"},
    {"outcome": ["positive-patient-outcome"], "outcome_match": "all", "kind": ["case_study"]},
    {"outcome": ["improve-and-establish-health-equity"], "setting": ["learning-disability"]},
    {"kind": ["report", "case_study"], "profession": ["dietitians"]},
    {"q": "therapy", "profession": ["occupational-therapists"]},
]


@pytest.mark.parametrize("query", COMBINATIONS)
def test_every_number_is_what_the_list_would_hold_with_that_option_ticked(client, query):
    """The page's one-line promise, checked by ticking each option and counting the list."""
    html = client.get("/case-studies/", query).content.decode()
    assert COUNT_MEANING in html
    options = displayed_options(html)
    # "Evaluated" and "Costed" are not shown: the toolkit records neither (see
    # test_evidence_facets.py for them).
    shown_facets = [f for f in Vocabulary.load().terms if f not in RECORDED_FACETS]
    assert len(options) == sum(len(Vocabulary.load().terms[f]) for f in shown_facets)
    for facet, slug, ticked, shown in options:
        with_it = {**query, facet: [*query.get(facet, []), *([] if ticked else [slug])]}
        assert count_in(client.get("/case-studies/", with_it).content.decode()) == shown, (
            facet,
            slug,
        )


def test_ticking_a_second_profession_adds_to_the_list(client):
    """Options in one facet are OR-ed: the number by a second profession is the union."""
    html = client.get("/case-studies/", {"profession": "occupational-therapists"}).content.decode()
    either = (
        CaseStudy.objects.filter(
            professions__slug__in=["occupational-therapists", "physiotherapists"]
        )
        .distinct()
        .count()
    )
    shown = {slug: n for facet, slug, _, n in displayed_options(html) if facet == "profession"}
    assert shown["physiotherapists"] == either
    assert shown["occupational-therapists"] == count_in(html)


def test_no_option_is_disabled_even_at_0(client):
    html = client.get(
        "/case-studies/", {"outcome": "improve-and-establish-health-equity"}
    ).content.decode()
    assert any(n == 0 for *_, n in displayed_options(html))
    form = html.split('id="finder-form"', 1)[1].split("</form>", 1)[0]
    assert "disabled" not in form


def test_an_empty_list_says_why_and_offers_the_way_back(client):
    html = client.get(
        "/case-studies/",
        {"outcome": "improve-and-establish-health-equity", "setting": "learning-disability"},
    ).content.decode()
    assert count_in(html) == 0
    assert (
        "There are no case studies with the outcome improve and establish health equity, "
        "in learning disability settings yet."
    ) in html
    block = html.split('id="no-results"', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'<a href="([^"]+)" data-finder-link>See (?:the )?(\d+) case stud', block)
    assert len(links) == 2
    numbers = [int(n) for _, n in links]
    assert numbers == sorted(numbers, key=lambda n: n == 0) and numbers[0] > 0
    for href, number in links:
        assert count_in(client.get(href.replace("&amp;", "&")).content.decode()) == int(number)
    assert "See the 2 case studies with the outcome improve and establish health equity" in block


def test_an_empty_search_offers_the_list_without_the_words(client):
    html = client.get(
        "/case-studies/", {"q": "zzzqqq", "profession": "dietitians"}
    ).content.decode()
    block = html.split('id="no-results"', 1)[1].split("</div>", 1)[0]
    dietitians = CaseStudy.objects.filter(professions__slug="dietitians").count()
    assert f"See the {dietitians} case studies involving dietitians</a>" in block
    assert "See the 0 case studies matching “zzzqqq”</a>" in block
    assert block.index(f"See the {dietitians}") < block.index("See the 0")


def test_selected_filters_are_removable_and_the_sentence_describes_them(client):
    html = client.get(
        "/case-studies/", {"profession": "occupational-therapists", "outcome": "cost-saving"}
    ).content.decode()
    assert "3 case studies involving occupational therapists, with the outcome cost-saving." in html
    assert 'href="/case-studies/?outcome=cost-saving"' in html  # remove the profession
    assert 'href="/case-studies/?profession=occupational-therapists"' in html  # remove the outcome
    assert "Clear filters" in html


def test_sort_and_pagination_keep_the_filter(client):
    make_studies(45)
    html = client.get("/case-studies/", {"kind": "case_study", "sort": "newest"}).content.decode()
    assert 'href="?kind=case_study&amp;sort=newest&amp;page=2"' in html
    html = client.get("/case-studies/", {"sort": "newest"}).content.decode()
    assert 'href="?sort=newest&amp;page=2"' in html
    # 20 + 45 case studies: four pages of 20.
    assert client.get("/case-studies/", {"sort": "newest", "page": 4}).status_code == 200
    assert client.get("/case-studies/", {"sort": "newest", "page": 5}).status_code == 404
    titles = re.findall(
        r'<h3[^>]*><a href="[^"]+">([^<]+)</a>', client.get("/case-studies/").content.decode()
    )
    assert titles == sorted(titles)


def test_sort_by_most_outcomes(client):
    html = client.get("/case-studies/", {"sort": "outcomes"}).content.decode()
    first = sorted(result_urls(html))
    assert first
    top = re.search(r'<h3[^>]*><a href="([^"]+)">', html.split('id="results"', 1)[1]).group(1)
    most = max(CaseStudy.objects.published(), key=lambda s: s.outcomes.count())
    assert top == most.get_absolute_url()


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"profession": "no-such-profession"},
        {"profession": ["dietitians", "no-such-profession"]},
        {"outcome": ["cost-saving", "cost-saving", ""]},
        {"setting": ""},
        {"kind": "spaceship"},
        {"sort": "price"},
        {"outcome_match": "some"},
        {"page": "abc"},
        {"page": ""},
        {"q": "x" * 10000},
        {"q": " ".join(["word"] * 500)},
        {"q": "'; DROP TABLE casestudies_casestudy; --"},
        {"q": "%_\\"},
        {"q": "\x00"},
    ],
)
def test_bad_filter_input_never_fails(client, query):
    for path in [
        "/case-studies/",
        "/case-studies/export.csv",
        "/case-studies/export.json",
        "/case-studies/feed/",
    ]:
        response = client.get(path, query)
        assert response.status_code == 200, path
        response.getvalue()  # the exports are streamed: read them to the end


def test_unknown_values_are_named_and_the_known_ones_kept(client):
    html = client.get(
        "/case-studies/", {"profession": ["dietitians", "no-such-profession"]}
    ).content.decode()
    assert "“no-such-profession” is not a profession we know" in html
    assert count_in(html) == CaseStudy.objects.filter(professions__slug="dietitians").count()


def test_invalid_utf8_never_fails(client):
    for path in [
        "/case-studies/",
        "/case-studies/export.csv",
        "/case-studies/export.json",
        "/case-studies/feed/",
    ]:
        response = client.get(path + "?q=%ff%fe&profession=%c3%28")
        assert response.status_code == 200
        response.getvalue()  # the exports are streamed: read them to the end


@pytest.mark.parametrize("number", ["0", "-1", "99", "100000000000000000000"])
def test_a_page_past_the_end_is_404_and_says_where_the_last_page_is(client, number):
    make_studies(45)  # 65 case studies: four pages
    response = client.get("/case-studies/", {"page": number, "kind": "case_study"})
    assert response.status_code == 404
    html = response.content.decode()
    last = -(-CaseStudy.objects.filter(kind="case_study").count() // 20)
    assert f"There is no page {number}: the last page is {last}." in html
    assert (
        f'href="/case-studies/?kind=case_study&amp;page={last}" data-finder-link>Go to page {last}</a>'
        in html
    )
    assert 'id="results"' not in html


def test_showing_which_of_how_many(client):
    make_studies(45)
    html = client.get("/case-studies/", {"page": 2}).content.decode()
    assert "Showing 21–40 of 65" in html
    html = client.get("/case-studies/", {"page": 4}).content.decode()
    assert "Showing 61–65 of 65" in html


def test_long_words_are_cut_with_a_message(client):
    html = client.get("/case-studies/", {"q": " ".join(["art"] * 30)}).content.decode()
    assert "Only the first 10 words of your search were used." in html
