"""What the evidence is, at a glance: kind, publisher and year on the case study's page, and
"evaluated" and "costed" as editors record them, on the page and as the finder's facets."""

import csv
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version

from casestudies.finder.counts import COUNT_MEANING
from casestudies.models import CaseStudy
from content.loader import Loader
from editorial.publishing import Status
from tests.casestudies.helpers import (
    ART,
    LEDER,
    NICE,
    count_in,
    make_studies,
    record_evidence,
    result_urls,
)
from tests.forms import submitted
from tests.page_text import visible_text
from tests.vnu import vnu_errors

pytestmark = pytest.mark.django_db

OPTION = re.compile(
    r'<input class="nhsuk-checkboxes__input" id="([a-z]+)-([^"]+)"'
    r'[^>]*?( checked)?><label[^>]*>.*?<span class="app-facet-count">\((\d+)<',
    re.S,
)


def displayed_options(html):
    return [(f, slug, bool(ticked), int(n)) for f, slug, ticked, n in OPTION.findall(html)]


def legends(html):
    return re.findall(r'<legend class="nhsuk-fieldset__legend[^"]*">([^<]+)</legend>', html)


def summary_rows(client, url) -> dict[str, str]:
    """The case study's summary list, as the visible key -> value."""
    html = client.get(CaseStudy.objects.get(source_url=url).get_absolute_url()).content.decode()
    block = html.split('<dl class="nhsuk-summary-list', 1)[1].split("</dl>", 1)[0]
    rows = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", block, re.S)
    return {visible_text(key): visible_text(value) for key, value in rows}


@pytest.fixture
def recorded():
    record_evidence()


# -- the loader invents nothing --------------------------------------------------------------


def test_the_toolkit_gives_one_year_and_no_evaluation_or_cost():
    studies = CaseStudy.objects.all()
    assert studies.count() == 20
    assert {s.source_url: s.source_year for s in studies if s.source_year} == {LEDER: 2020}
    assert all(s.evaluation == "" and s.costed is False for s in studies)


def test_loading_the_toolkit_again_keeps_what_an_editor_recorded(recorded):
    CaseStudy.objects.filter(source_url=ART).update(source_year=2019)
    Loader().load()
    study = CaseStudy.objects.get(source_url=ART)
    assert (study.source_year, study.evaluation, study.costed) == (2019, "audit", True)
    assert CaseStudy.objects.get(source_url=LEDER).evaluation == "peer_reviewed"


def test_a_year_outside_the_sensible_range_is_refused():
    study = CaseStudy.objects.get(source_url=ART)
    for year in (1899, timezone.localdate().year + 2):
        study.source_year = year
        with pytest.raises(ValidationError) as error:
            study.full_clean()
        assert "source_year" in error.value.message_dict
    study.source_year = timezone.localdate().year
    study.full_clean()


# -- the case study's page -------------------------------------------------------------------


def test_the_page_says_kind_publisher_and_year_and_nothing_unrecorded(client):
    rows = summary_rows(client, LEDER)
    assert rows["Kind of evidence"] == "Report"
    assert rows["Publisher"] == "NHS England"
    assert rows["Year"] == "2020"
    assert "Evaluated" not in rows and "Costed" not in rows

    # No publisher or year in the toolkit: no empty rows either.
    rows = summary_rows(client, ART)
    assert rows["Kind of evidence"] == "Case study"
    assert not {"Publisher", "Year", "Evaluated", "Costed"} & set(rows)


def test_the_page_shows_evaluated_and_costed_once_recorded(client, recorded):
    rows = summary_rows(client, ART)
    assert rows["Evaluated"] == "Audit"
    assert rows["Costed"] == "A saving or cost is stated in the source"
    rows = summary_rows(client, LEDER)
    assert rows["Evaluated"] == "Peer reviewed"
    assert "Costed" not in rows


# -- the finder's facets ---------------------------------------------------------------------


def test_no_facet_until_some_case_study_has_a_value(client):
    html = client.get("/case-studies/").content.decode()
    assert legends(html) == ["Profession", "Outcome", "Setting", "Type"]
    assert 'name="evaluated"' not in html and 'name="costed"' not in html


def test_the_facets_appear_with_the_numbers_the_list_would_hold(client, recorded):
    html = client.get("/case-studies/").content.decode()
    assert legends(html) == ["Profession", "Outcome", "Setting", "Type", "Evaluated", "Costed"]
    shown = {(f, slug): n for f, slug, _, n in displayed_options(html)}
    assert shown[("evaluated", "audit")] == 2
    assert shown[("evaluated", "peer_reviewed")] == 1
    assert shown[("evaluated", "service_evaluation")] == 0
    assert shown[("costed", "yes")] == 2
    assert "Saving or cost stated" in visible_text(html)


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"evaluated": ["audit"]},
        {"evaluated": ["audit", "peer_reviewed"], "profession": ["art-therapists"]},
        {"costed": ["yes"]},
        {"costed": ["yes"], "evaluated": ["audit"], "kind": ["case_study"]},
        {"evaluated": ["peer_reviewed"], "outcome": ["cost-saving"], "q": "learning"},
    ],
)
def test_every_number_is_the_list_with_that_option_ticked(client, recorded, query):
    html = client.get("/case-studies/", query).content.decode()
    assert COUNT_MEANING in html
    options = displayed_options(html)
    assert {f for f, *_ in options} >= {"evaluated", "costed"} or query.get("q")
    for facet, slug, ticked, shown in options:
        with_it = {**query, facet: [*query.get(facet, []), *([] if ticked else [slug])]}
        assert count_in(client.get("/case-studies/", with_it).content.decode()) == shown, (
            facet,
            slug,
        )


def test_the_list_says_what_it_asks_for_and_can_be_shared(client, recorded):
    html = client.get(
        "/case-studies/", {"evaluated": "audit", "costed": "yes", "sort": "newest"}
    ).content.decode()
    art = CaseStudy.objects.get(source_url=ART)
    assert result_urls(html) == {art.get_absolute_url()}
    description = html.split('id="filter-description">', 1)[1].split("<", 1)[0]
    assert description.strip() == "1 case study evaluated by audit, with a saving or cost stated."
    text = visible_text(html)
    assert "Remove filter Evaluated: Audit" in text
    assert "Remove filter Costed: Saving or cost stated" in text
    # The shareable addresses (feed, exports, evidence pack, removing one filter) keep them.
    assert 'href="/case-studies/feed/?evaluated=audit&amp;costed=yes&amp;sort=newest"' in html
    assert 'href="/case-studies/?evaluated=audit&amp;sort=newest"' in html
    assert 'href="/case-studies/evidence-pack.pdf?evaluated=audit&amp;costed=yes' in html
    two = client.get("/case-studies/", {"evaluated": ["audit", "peer_reviewed"]}).content.decode()
    assert "3 case studies evaluated by peer review or audit." in two


def test_the_facets_stay_whatever_the_words_and_a_draft_does_not_bring_them(client, recorded):
    # No case study about dysphagia records either: the facets stay, at 0 (the page's
    # JavaScript updates the numbers of the options it has, and adds no facet).
    html = client.get("/case-studies/", {"q": "dysphagia"}).content.decode()
    assert count_in(html) == 1
    assert legends(html)[-2:] == ["Evaluated", "Costed"]
    assert {n for f, _, _, n in displayed_options(html) if f in ("evaluated", "costed")} == {0}
    CaseStudy.objects.exclude(evaluation="", costed=False).update(status=Status.DRAFT)
    assert legends(client.get("/case-studies/").content.decode())[-1] == "Type"


def test_an_option_asked_for_before_any_is_recorded_can_be_unticked(client):
    html = client.get("/case-studies/", {"costed": "yes"}).content.decode()
    assert count_in(html) == 0
    assert "Costed" in legends(html)
    assert re.search(r'id="costed-yes"[^>]* checked', html)
    assert "There are no case studies with a saving or cost stated yet." in visible_text(html)
    assert "See all 20 case studies" in visible_text(html)


@pytest.mark.parametrize(
    "query, said",
    [
        ({"evaluated": "bogus"}, "“bogus” is not a way of evaluating we know"),
        ({"costed": "maybe"}, "“maybe” is not a costed option we know"),
        ({"costed": "True"}, "“True” is not a costed option we know"),
        ({"evaluated": "x" * 5000}, "is not a way of evaluating we know"),
    ],
)
def test_bad_values_are_left_out_and_said_so(client, recorded, query, said):
    response = client.get("/case-studies/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert said in visible_text(html)
    assert count_in(html) == 20


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    [
        "/case-studies/?evaluated=audit&costed=yes&kind=case_study",
        "/case-studies/?evaluated=peer_reviewed&profession=dietitians&q=learning",
        "/case-studies/export.json?evaluated=audit",
        "/case-studies/feed/?costed=yes",
    ],
)
def test_query_count_is_the_same_at_1_and_200_extra(client, recorded, path):
    counts = []
    for extra in (1, 200):
        CaseStudy.objects.filter(slug__startswith="generated-").delete()
        make_studies(extra)
        CaseStudy.objects.filter(slug__startswith="generated-").update(
            evaluation="audit", costed=True
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            assert response.status_code == 200
            response.getvalue()  # a streamed export reads its rows only now
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8


# -- editing: the admin, import and history --------------------------------------------------

ADMIN = "/admin/casestudies/casestudy/"
NEW_HEADER = (
    "slug,title,summary,source_url,publisher,kind,professions,outcomes,settings,status,"
    "last_reviewed,next_review_due,source_year,evaluation,costed\n"
)


def upload(client, text):
    return client.post(
        f"{ADMIN}import/",
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("s.csv", text.encode())},
    )


def test_the_admin_form_has_the_fields_for_editors(publisher):
    study = CaseStudy.objects.get(source_url=LEDER)
    html = publisher.get(f"{ADMIN}{study.pk}/change/").content.decode()
    assert "What the evidence is" in html
    for label in ("Year of the source", "Evaluated", "Costed"):
        assert f">{label}" in html, label
    assert 'name="source_year" value="2020"' in html
    assert '<option value="" selected>Not recorded</option>' in html


def test_an_import_records_them_and_refuses_a_bad_year(publisher):
    row = "imported-one,Imported one,,https://example.org/one,NHS,report,,,,draft,,,"
    response = upload(publisher, NEW_HEADER + row + "2019,audit,1\n")
    assert "confirm_form" in response.context
    form = response.context["confirm_form"]
    publisher.post(f"{ADMIN}process_import/", {**form.initial, "resource": "0"})
    study = CaseStudy.objects.get(slug="imported-one")
    assert (study.source_year, study.evaluation, study.costed) == (2019, "audit", True)

    blank = upload(publisher, NEW_HEADER + row.replace("imported-one", "imported-two") + ",,\n")
    assert "confirm_form" in blank.context, blank.context["result"].invalid_rows

    bad = upload(publisher, NEW_HEADER + row + "1066,guessed,1\n")
    assert bad.status_code == 200
    errors = {
        f: m for r in bad.context["result"].invalid_rows for f, m in r.field_specific_errors.items()
    }
    assert set(errors) >= {"source_year", "evaluation"}


def test_a_change_in_the_admin_is_saved_in_the_history_and_compared(publisher, client):
    study = CaseStudy.objects.get(source_url=ART)
    url = f"{ADMIN}{study.pk}/change/"
    data = submitted(publisher.get(url), evaluation="service_evaluation", costed="on")
    data["source_year"] = "2019"
    assert publisher.post(url, data).status_code == 302
    study.refresh_from_db()
    assert (study.source_year, study.evaluation, study.costed) == (2019, "service_evaluation", True)
    older, newer = reversed(Version.objects.get_for_object(study)[:2])
    assert newer.field_dict["evaluation"] == "service_evaluation"
    html = publisher.get(
        f"{ADMIN}{study.pk}/history/compare/", {"version_id1": older.pk, "version_id2": newer.pk}
    ).content.decode()
    assert "Service evaluation" in html or "service_evaluation" in html
    assert "2019" in html
    rows = summary_rows(client, ART)
    assert rows["Year"] == "2019" and rows["Evaluated"] == "Service evaluation"

    data["source_year"] = "3000"
    response = publisher.post(url, data)
    assert response.status_code == 200
    assert "Enter the year the source was published, not a year in the future." in (
        response.content.decode()
    )


@pytest.mark.slow
def test_the_pages_with_the_facts_and_facets_are_valid_html(client, recorded, tmp_path):
    pages = {
        name: client.get(path, query).content
        for name, (path, query) in {
            "finder": ("/case-studies/", {}),
            "finder-ticked": ("/case-studies/", {"evaluated": "audit", "costed": "yes"}),
            "finder-bad": ("/case-studies/", {"evaluated": "bogus"}),
            "report": (CaseStudy.objects.get(source_url=LEDER).get_absolute_url(), {}),
            "costed": (CaseStudy.objects.get(source_url=ART).get_absolute_url(), {}),
        }.items()
    }
    assert vnu_errors(pages, tmp_path) == []


def test_the_exports_carry_them_and_filter_by_them(client, recorded):
    data = json.loads(client.get("/case-studies/export.json", {"evaluated": "audit"}).getvalue())
    assert data["filters"]["evaluated"] == ["audit"] and data["filters"]["costed"] == []
    by_url = {row["source_url"]: row for row in data["results"]}
    assert set(by_url) == {ART, NICE}
    assert by_url[ART]["evaluated"] == "Audit" and by_url[ART]["costed"] is True
    assert by_url[NICE]["costed"] is False and by_url[NICE]["source_year"] is None
    body = client.get("/case-studies/export.csv", {"profession": "dietitians"}).getvalue().decode()
    rows = {row["source_url"]: row for row in csv.DictReader(io.StringIO(body[1:]))}
    assert rows[LEDER]["source_year"] == "2020"
    assert rows[LEDER]["evaluated"] == "Peer reviewed"
    assert {row["evaluated"] for url, row in rows.items() if url != LEDER} == {""}
