import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casestudies.finder.counts import COUNT_MEANING
from casestudies.finder.vocabulary import Vocabulary
from casestudies.models import CaseStudy, OutcomeTag
from editorial.publishing import Status
from professions.models import Profession, Setting
from tests.content.test_content import CASE_STUDY_TAGS, COST, EQUITY, GETTING_MY_LIFE_BACK, POS
from tests.page_text import bare_address_links, tags_shown_as_text, visible_text
from tests.vnu import vnu_errors

pytestmark = pytest.mark.django_db

ART = "https://link.hee.nhs.uk/mental-health-art"


def tags_as_printed():
    """Source URL -> outcome names, as printed in the toolkit (typed from the toolkit)."""
    tags = dict(CASE_STUDY_TAGS)
    tags[GETTING_MY_LIFE_BACK] = {COST, POS, "Practical recommendations"}
    return tags


def study_for(url):
    if url == GETTING_MY_LIFE_BACK:
        return CaseStudy.objects.get(source_url__startswith=GETTING_MY_LIFE_BACK)
    return CaseStudy.objects.get(source_url=url)


def result_urls(html):
    """The case-study links in the results list."""
    block = html.split('id="results"', 1)[1].split("</ul>", 1)[0] if 'id="results"' in html else ""
    return set(re.findall(r'<h3[^>]*><a href="(/case-studies/[^"]+/)">', block))


def count_in(html):
    return int(re.search(r'id="results-heading"[^>]*>(\d+) case stud', html).group(1))


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
    assert len(options) == sum(len(v) for v in Vocabulary.load().terms.values())
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
        assert client.get(path, query).status_code == 200, path


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
        assert client.get(path + "?q=%ff%fe&profession=%c3%28").status_code == 200


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


# -- exports and feed ------------------------------------------------------------------------


def test_csv_export_is_the_whole_filtered_set(client):
    response = client.get("/case-studies/export.csv", {"outcome": "cost-saving"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    assert list(rows[0]) == [
        "title", "slug", "url", "source_url", "publisher", "professions", "outcomes", "settings", "kind", "summary",
    ]  # fmt: skip
    expected = {study_for(u).slug for u, t in tags_as_printed().items() if COST in t}
    assert {row["slug"] for row in rows} == expected
    small = next(
        row
        for row in rows
        if row["slug"] == study_for("https://www.rcot.co.uk/small-change-big-impact").slug
    )
    assert small["url"] == f"http://testserver/case-studies/{small['slug']}/"
    assert "Cost-saving; " in small["outcomes"] or small["outcomes"].endswith("Cost-saving")
    assert "<" not in small["summary"]
    make_studies(30)
    all_rows = list(
        csv.DictReader(io.StringIO(client.get("/case-studies/export.csv").content.decode()[1:]))
    )
    assert len(all_rows) == 50  # not one page: every match


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_csv_cells_cannot_run_as_formulas(client, start):
    study = CaseStudy.objects.get(source_url=ART)
    study.title = f'{start}HYPERLINK("http://evil.example")'
    study.publisher = f"{start}1+1"
    study.save()
    body = client.get("/case-studies/export.csv").content.decode()[1:]
    row = next(r for r in csv.DictReader(io.StringIO(body)) if r["slug"] == study.slug)
    assert row["title"].startswith("'" + start)
    assert row["publisher"].startswith("'" + start)


def test_json_export(client):
    data = json.loads(
        client.get(
            "/case-studies/export.json",
            {"profession": "occupational-therapists", "outcome": "cost-saving"},
        ).content
    )
    assert data["count"] == 3 == len(data["results"])
    assert data["filters"]["profession"] == ["occupational-therapists"]
    assert data["filters"]["outcome"] == ["cost-saving"]
    result = data["results"][0]
    assert set(result) == {
        "title", "slug", "url", "source_url", "publisher", "professions", "outcomes", "settings", "kind", "summary",
    }  # fmt: skip
    assert "Occupational therapists" in result["professions"]
    assert isinstance(result["outcomes"], list)


def test_atom_feed_of_the_filtered_set(client):
    response = client.get("/case-studies/feed/", {"outcome": "cost-saving"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert xml.count("<entry>") == 5
    assert 'rel="self"' in xml and "outcome=cost-saving" in xml
    page = client.get("/case-studies/", {"outcome": "cost-saving"}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/case-studies/feed/?outcome=cost-saving"' in page


def test_drafts_are_left_out_of_exports_and_feed(client):
    study = CaseStudy.objects.get(source_url=ART)
    study.status = Status.DRAFT
    study.save()
    assert study.slug not in client.get("/case-studies/export.csv").content.decode()
    assert json.loads(client.get("/case-studies/export.json").content)["count"] == 19
    assert study.title not in client.get("/case-studies/feed/").content.decode()
    assert (
        "/case-studies/evidence-map/"
        and ">19<" in client.get("/case-studies/evidence-map/").content.decode()
    )


# -- print -----------------------------------------------------------------------------------


def test_print_version_shows_date_description_and_full_source_urls(client):
    html = client.get("/case-studies/", {"outcome": "cost-saving"}).content.decode()
    assert re.search(
        r'class="app-print-only" id="print-header">Printed on \d+ \w+ \d{4} from http://testserver/case-studies/\?outcome=cost-saving',
        html,
    )
    assert "Source: https://www.rcot.co.uk/small-change-big-impact" in html
    assert 'class="nhsuk-grid-column-one-third app-no-print"' in html


# -- one case study --------------------------------------------------------------------------


def test_detail_shows_summary_source_and_tags(client):
    study = CaseStudy.objects.get(source_url=ART)
    response = client.get(study.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{study.title}</h1>" in html
    assert re.search(
        rf'href="{re.escape(ART)}" rel="external noopener">[^<]*<span[^>]*> \(external website',
        html,
    )
    assert "/case-studies/?outcome=positive-patient-outcome" in html
    for profession in study.professions.all():
        assert f"/case-studies/?profession={profession.slug}" in html
    assert "Page last reviewed" not in html  # no editor has set a review date


def test_detail_lists_related_case_studies(client):
    study = CaseStudy.objects.get(source_url=ART)
    html = client.get(study.get_absolute_url()).content.decode()
    related = html.split("Related case studies", 1)[1].split("</ul>", 1)[0]
    links = re.findall(r'href="(/case-studies/[^"]+/)"', related)
    assert 0 < len(links) <= 5 and study.get_absolute_url() not in links
    mine = set(study.professions.values_list("pk", flat=True)) | {0}
    outcomes = set(study.outcomes.values_list("pk", flat=True))
    for link in links:
        other = CaseStudy.objects.get(slug=link.split("/")[2])
        assert (
            set(other.professions.values_list("pk", flat=True)) & mine
            or set(other.outcomes.values_list("pk", flat=True)) & outcomes
        )


def test_unknown_case_study_is_404(client):
    assert client.get("/case-studies/no-such-study/").status_code == 404


def test_draft_case_study_is_not_public(client):
    study = CaseStudy.objects.get(source_url=ART)
    study.status = Status.DRAFT
    study.save()
    assert client.get(study.get_absolute_url()).status_code == 404
    html = client.get("/case-studies/").content.decode()
    assert study.get_absolute_url() not in html
    assert "19 case studies" in html


# -- what a person sees -----------------------------------------------------------------------


def test_no_case_study_page_shows_markup_as_text(client):
    studies = CaseStudy.objects.published()
    assert studies.count() == 20
    for study in studies:
        html = client.get(study.get_absolute_url()).content.decode()
        assert tags_shown_as_text(html) == [], study.source_url
        assert "&lt;" not in visible_text(html)
        # The address is shown as text, wrapping anywhere on a phone, and is no link's text.
        assert (
            f'<span class="app-wrap-anywhere">{study.source_url.replace("&", "&amp;")}</span>'
            in html
        )
        assert study.source_url in visible_text(html)
        assert bare_address_links(html) == [], study.source_url


def test_the_checker_sees_tags_shown_as_text():
    escaped = '<dd>&lt;span class="app-break-all"&gt;https://example.org/&lt;/span&gt;</dd>'
    assert tags_shown_as_text(escaped) == ['<span class="app-break-all">', "</span>"]
    assert tags_shown_as_text('<dd><span class="x">https://example.org/</span></dd>') == []
    assert bare_address_links('<a href="https://example.org/"> https://example.org/</a>')
    assert bare_address_links('<a href="https://example.org/">Example: home page</a>') == []


# -- evidence map ----------------------------------------------------------------------------


def test_evidence_map_counts_link_to_the_finder(client):
    html = client.get("/case-studies/evidence-map/").content.decode()
    assert '<th scope="col" class="nhsuk-table__header">Profession</th>' in html
    assert html.count('<th scope="row"') == Profession.objects.published().count() + 1
    ot_cost = CaseStudy.objects.filter(
        professions__slug="occupational-therapists", outcomes__slug="cost-saving"
    ).count()
    assert re.search(
        rf'href="/case-studies/\?profession=occupational-therapists&amp;outcome=cost-saving">{ot_cost}<',
        html,
    )
    assert re.search(r'class="[^"]*app-heat app-heat--[1-4]', html)
    assert "style=" not in html


def test_evidence_map_scrolls_in_a_region_keyboard_users_can_reach(client):
    html = client.get("/case-studies/evidence-map/").content.decode()
    assert re.search(
        r'<div class="app-table-scroll" role="region" aria-label="Evidence map: case studies by '
        r'profession and outcome" tabindex="0">\s*<table',
        html,
    )
    # Short outcome names on a phone; the full name is still in the header.
    assert (
        '<span class="app-evidence-map__full">Improve and support mental health and wellbeing'
        '</span><span class="app-evidence-map__short" aria-hidden="true">Wellbeing</span>' in html
    )
    assert tags_shown_as_text(html) == []


# -- constant queries ------------------------------------------------------------------------


def make_studies(count):
    professions = list(Profession.objects.all())
    outcomes = list(OutcomeTag.objects.all())
    settings = list(Setting.objects.all())
    studies = CaseStudy.objects.bulk_create(
        CaseStudy(
            title=f"Generated {i}",
            slug=f"generated-{i}",
            source_url="https://example.org/",
            status=Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
        )
        for i in range(count)
    )
    for i, study in enumerate(studies):
        study.professions.add(professions[i % len(professions)])
        study.outcomes.add(outcomes[i % len(outcomes)], outcomes[(i + 3) % len(outcomes)])
        study.settings.add(settings[i % len(settings)])


FILTERED = (
    "/case-studies/?profession=occupational-therapists&outcome=cost-saving&q=therapy&sort=outcomes"
)


@pytest.mark.parametrize(
    "path",
    [
        "/case-studies/",
        FILTERED,
        "/case-studies/?outcome=cost-saving&outcome=positive-patient-outcome&outcome_match=all",
        "/case-studies/?profession=dietitians&setting=autism&q=zzzqqq",
        "/case-studies/?page=99",
        "/case-studies/export.csv",
        "/case-studies/export.json?setting=mental-health",
        "/case-studies/feed/",
        "/case-studies/evidence-map/",
    ],
)
def test_query_count_is_the_same_at_1_and_200_extra(client, django_assert_max_num_queries, path):
    counts = []
    for extra in (1, 200):
        CaseStudy.objects.filter(slug__startswith="generated-").delete()
        make_studies(extra)
        with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == (404 if "page=99" in path else 200)
        counts.append(len(queries))
        assert not any("DISTINCT" in q["sql"] for q in queries.captured_queries)
    assert counts[0] == counts[1]


def test_detail_query_count_is_constant(client, django_assert_max_num_queries):
    study = CaseStudy.objects.get(source_url=ART)
    counts = []
    for extra in (1, 200):
        CaseStudy.objects.filter(slug__startswith="generated-").delete()
        make_studies(extra)
        with django_assert_max_num_queries(7), CaptureQueriesContext(connection) as queries:
            client.get(study.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]


# -- valid HTML in the finder's states -------------------------------------------------------


def test_the_finder_is_valid_html_in_every_state(client, tmp_path):
    make_studies(45)
    pages = {
        name: client.get("/case-studies/", query).content
        for name, query in {
            "filtered": {"profession": ["occupational-therapists", "physiotherapists"]},
            "empty": {"outcome": "improve-and-establish-health-equity", "setting": "autism"},
            "empty-words": {"q": "zzzqqq", "kind": "report"},
            "page-2": {"page": 2},
            "past-the-end": {"page": 99},
        }.items()
    }
    assert vnu_errors(pages, tmp_path) == []
