"""Site search on whichever database DATABASE_URL gives (the suite runs on both), over the
toolkit's real content: whole words, stemmed, ranked, published only, the index in step."""

import io
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from casestudies.models import CaseStudy
from checklist.models import Action
from editorial.models import SearchEntry
from editorial.publishing import Status
from pages.models import KeyFact, Page
from professions.models import Profession

pytestmark = pytest.mark.django_db


class ResultsPage(HTMLParser):
    """What a person sees of the results: each result's link, type and excerpt, the visible
    text of the main content, and the type filter's items."""

    def __init__(self):
        super().__init__()
        self.results, self.text, self.filters = [], [], []
        self._in_results = self._in_main = self._in_filter = False
        self._depth = 0
        self._field = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self._in_main = True
        if tag == "ul" and "app-search-results" in (attrs.get("class") or ""):
            self._in_results = True
        if tag == "nav" and attrs.get("aria-label") == "Filter results by type":
            self._in_filter = True
        if self._in_results and tag == "li":
            self.results.append({"url": None, "title": "", "kind": "", "excerpt": ""})
        if self._in_results and tag == "a":
            self.results[-1]["url"] = attrs["href"]
            self._field = "title"
        if self._in_results and tag == "p":
            self._field = "kind" if not self.results[-1]["kind"] else "excerpt"
        if self._in_filter and tag == "li":
            self.filters.append({"current": attrs.get("aria-current") == "page", "text": ""})

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        if tag == "ul" and self._in_results:
            self._in_results = False
        if tag == "nav":
            self._in_filter = False
        if tag in ("a", "p"):
            self._field = None

    def handle_data(self, data):
        if self._in_main:
            self.text.append(data)
        if self._in_results and self._field:
            self.results[-1][self._field] += data
        if self._in_filter and self.filters:
            self.filters[-1]["text"] += data

    @property
    def visible_text(self):
        return " ".join(" ".join(self.text).split())


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    page = ResultsPage()
    page.feed(response.content.decode())
    for result in page.results:
        result["title"] = " ".join(result["title"].split())
        result["excerpt"] = " ".join(result["excerpt"].split())
    for item in page.filters:
        item["text"] = " ".join(item["text"].split())
    page.html = response.content.decode()
    return page


def urls(client, q, **params):
    return [result["url"] for result in search(client, q, **params).results]


def test_occupational_therapy_puts_the_profession_page_first(client):
    found = urls(client, "occupational therapy")
    assert found[0] == "/professions/occupational-therapists/"
    acknowledgements = Page.objects.get(title="Acknowledgements").get_absolute_url()
    assert acknowledgements in found  # it says "occupational therapy", below the profession
    assert found.index(acknowledgements) > 0


def test_a_title_match_ranks_above_a_match_in_the_text(client):
    found = urls(client, "dietitians")
    assert found[0] == "/professions/dietitians/"


def test_ot_is_a_whole_word_not_part_of_potential(client):
    foreword = Page.objects.get(slug="foreword")
    assert re.search(r"potential", foreword.body) and not re.search(r"\bOT\b", foreword.body)
    page = search(client, "OT")
    found = [result["url"] for result in page.results]
    assert foreword.get_absolute_url() not in found
    assert found  # the profession page and the career stories say "OT"
    for entry in SearchEntry.objects.all():
        if entry.url in found:
            assert re.search(r"\bOT\b", f"{entry.title} {entry.body}", re.IGNORECASE), entry


def test_checklist_actions_are_searched(client):
    page = search(client, "preceptorship")
    action = Action.objects.get(number=9)
    assert page.results[0]["url"] == action.get_absolute_url() == "/checklist/#action-9"
    assert page.results[0]["title"].startswith("9. Invest in AHP posts")
    assert page.results[0]["kind"] == "Checklist action"


def test_stemming_therapies_finds_therapy(client):
    page = search(client, "therapies")
    found = [result["url"] for result in page.results]
    assert "/professions/occupational-therapists/" in found
    # The excerpt shows the word as the content says it, marked.
    assert "<mark>therapy</mark>" in page.html or "<mark>Therapy</mark>" in page.html


def test_the_excerpt_is_escaped_text_with_only_our_marks(client):
    Page.objects.create(
        title="Tom & <b>Jerry</b> zebrafinch",
        body='<p>5 &lt; 6 and a zebrafinch</p><p><a href="https://example.org">link</a></p>',
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )
    page = search(client, "zebrafinch")
    assert len(page.results) == 1
    result = page.results[0]
    assert result["title"] == "Tom & <b>Jerry</b> zebrafinch"  # shown as typed, not bold
    assert result["excerpt"] == "5 < 6 and a zebrafinch link"
    assert "5 &lt; 6 and a <mark>zebrafinch</mark> link" in page.html
    assert "<b>Jerry" not in page.html
    text = page.visible_text
    assert "<mark" not in text and "&lt;" not in text and "<p>" not in text


def new_page(title, **fields):
    return Page.objects.create(title=title, body="<p>About quokkas.</p>", **fields)


def test_drafts_and_future_publication_dates_are_not_found(client):
    draft = new_page("Draft quokka", status=Status.DRAFT)
    future = new_page(
        "Scheduled quokka",
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    assert urls(client, "quokka") == []
    future.published_at = timezone.now() - timedelta(minutes=1)
    future.save()
    assert urls(client, "quokka") == [future.get_absolute_url()]
    # Unpublished without a signal (queryset.update): published() still decides.
    Page.objects.filter(pk=future.pk).update(status=Status.DRAFT)
    assert urls(client, "quokka") == []
    assert draft.get_absolute_url() not in urls(client, "draft")


def test_unpublishing_in_the_admin_removes_the_item(client, publisher):
    page = new_page("Wombat page", status=Status.PUBLISHED, published_at=timezone.now())
    assert urls(client, "wombat") == [page.get_absolute_url()]
    response = publisher.post(
        "/admin/pages/page/", {"action": "unpublish", "_selected_action": [page.pk]}
    )
    assert response.status_code == 302
    assert urls(client, "wombat") == []
    assert not SearchEntry.objects.filter(kind="pages.page", object_id=page.pk).exists()


def test_the_index_follows_an_edit_and_a_delete(client):
    study = CaseStudy.objects.published().first()
    old_word = "Zanzibar"
    assert urls(client, old_word) == []
    study.title = f"{study.title} in {old_word}"
    study.save()
    assert urls(client, old_word) == [study.get_absolute_url()]
    assert study.get_absolute_url() in urls(client, old_word, type="case-studies")
    # The finder's words read the same index.
    finder = client.get("/case-studies/", {"q": old_word}).content.decode()
    assert study.get_absolute_url() in finder
    study.title = study.title.replace(old_word, "Madagascar")
    study.save()
    assert urls(client, old_word) == []
    assert urls(client, "madagascar") == [study.get_absolute_url()]
    study.delete()
    assert urls(client, "madagascar") == []
    assert (
        study.get_absolute_url()
        not in client.get("/case-studies/", {"q": "madagascar"}).content.decode()
    )


def test_a_career_storys_answers_are_searched(client):
    from careers.models import CareerStory

    story = CareerStory.objects.published().first()
    answer = story.answers.first()
    answer.answer = "<p>I kept bees called Marmaduke.</p>"
    answer.save()
    assert urls(client, "marmaduke") == [story.get_absolute_url()]
    answer.delete()
    assert urls(client, "marmaduke") == []


def test_the_type_filter_and_its_counts(client):
    page = search(client, "therapy")
    counts = {item["text"].rsplit(" (", 1)[0]: item for item in page.filters}
    total = int(re.search(r"\((\d+)\)", counts["All types"]["text"]).group(1))
    assert counts["All types"]["current"]
    assert f"{total} results for “therapy”" in page.visible_text
    professions = int(re.search(r"\((\d+)\)", counts["Professions"]["text"]).group(1))
    only = search(client, "therapy", type="professions")
    assert {result["kind"] for result in only.results} == {"Profession"}
    assert len(only.results) == professions
    assert f"{professions} results for “therapy” in professions" in only.visible_text
    assert [item["current"] for item in only.filters if item["text"].startswith("Prof")] == [True]
    # the filter's links keep the words
    assert 'href="/search/?q=therapy&amp;type=professions"' in page.html


def test_a_type_without_matches_offers_all_results(client):
    page = search(client, "preceptorship", type="key-facts")
    assert "0 results for “preceptorship” in key facts" in page.visible_text
    assert "see all 1 result of every type" in page.visible_text


def test_no_results_gives_advice(client):
    page = search(client, "xylophonic")
    assert "0 results for “xylophonic”" in page.visible_text
    assert "check the spelling" in page.visible_text


def test_key_facts_are_found(client):
    fact = KeyFact.objects.published().first()
    word = max(re.findall(r"[A-Za-z]{6,}", fact.label), key=len)
    page = search(client, word, type="key-facts")
    assert any(result["title"] == f"{fact.figure} {fact.label}" for result in page.results)


@pytest.mark.parametrize(
    "q",
    [
        'AND "',
        "*",
        "therapy*",
        '"unclosed phrase',
        "NEAR(a b)",
        "title: therapy",
        "- OR NOT",
        "x" * 10_000,
        "therapy\x00OT",
        "\x00",
        "!!! ... ???",
        "'; DROP TABLE toolkit_searchentry; --",
        "ergotherapeut – Ärzte 作業療法 🧠",
        "<script>alert(1)</script>",
    ],
)
def test_bad_input_never_fails(client, q):
    page = search(client, q)
    assert "<script>alert" not in page.html.split("</header>", 1)[1]
    assert SearchEntry.objects.exists()


def test_odd_page_and_type_values(client):
    assert search(client, "therapy", page="abc").results
    assert search(client, "therapy", page="99999999999999999999").results
    assert search(client, "therapy", type="no-such-type").results


def test_pages_of_results(client):
    for n in range(25):
        new_page(f"Numbat {n}", status=Status.PUBLISHED, published_at=timezone.now())
    first = search(client, "numbat")
    assert len(first.results) == 20
    assert "Showing 1 to 20 of 25" in first.visible_text
    second = search(client, "numbat", page=2)
    assert len(second.results) == 5
    assert not {r["url"] for r in first.results} & {r["url"] for r in second.results}


def many_case_studies(count):
    studies = [
        CaseStudy(
            title=f"Extra case study {n} about therapy",
            slug=f"extra-{n}",
            summary="<p>More therapy.</p>",
            source_url="https://example.org/",
            status=Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(count)
    ]
    for study in studies:
        study.save()


@pytest.mark.parametrize("extra", [1, 200])
def test_queries_do_not_grow_with_the_content(client, django_assert_max_num_queries, extra):
    many_case_studies(extra)
    # One more the first time after a content write: the content version (HTTP caching).
    with django_assert_max_num_queries(5):
        page = search(client, "therapy")
    total = int(re.search(r"(\d+) results for", page.visible_text).group(1))
    assert total > extra
    assert len(page.results) == min(20, total)
    with django_assert_max_num_queries(4):
        search(client, "therapy", type="case-studies", page=2)


def test_rebuild_search_index_restores_entries(client):
    SearchEntry.objects.all().delete()
    Profession.objects.filter(slug="dietitians").update(name="Dietitians")  # no signal
    assert urls(client, "dietitians") == []
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert urls(client, "dietitians")[0] == "/professions/dietitians/"


def test_the_engine_of_the_database_is_used(client):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        search(client, "therapy")
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    if connection.vendor == "postgresql":
        assert "websearch_to_tsquery" in sql and "ts_headline" in sql
    else:
        assert "MATCH" in sql and "bm25(" in sql and "snippet(" in sql
    assert "LIKE" not in sql.upper()


def test_every_state_of_the_page_is_valid_html(client, tmp_path):
    from tests.vnu import vnu_errors

    for n in range(21):
        new_page(f"Numbat {n}", status=Status.PUBLISHED, published_at=timezone.now())
    states = {
        "form": {},
        "results": {"q": "occupational therapy"},
        "type": {"q": "therapy", "type": "case-studies"},
        "type-empty": {"q": "preceptorship", "type": "key-facts"},
        "none": {"q": "xylophonic"},
        "page-2": {"q": "numbat", "page": "2"},
        "odd": {"q": '<b>"AND *'},
    }
    pages = {name: client.get("/search/", params).content for name, params in states.items()}
    assert vnu_errors(pages, tmp_path) == []


def test_each_type_has_its_own_number_in_the_entry_ids():
    from editorial.search.kinds import KIND_BITS, all_kinds

    kinds = all_kinds()
    assert len(kinds) == 7
    numbers = [kind.number for kind in kinds]
    assert len(set(numbers)) == len(numbers)
    assert all(0 < number < 1 << KIND_BITS for number in numbers)
    for entry in SearchEntry.objects.all():
        kind = next(k for k in kinds if k.label == entry.kind)
        assert entry.pk == entry.object_id << KIND_BITS | kind.number
