import csv
import io

import pytest

from casestudies.models import CaseStudy
from editorial.publishing import Status
from professions.models import Profession, WorkforceFigure
from tests.careers.html import text_of, tree
from tests.page_text import visible_text

pytestmark = pytest.mark.django_db

THREE = (
    "/professions/compare/?profession=occupational-therapists&profession=music-therapists"
    "&profession=osteopaths"
)


def test_three_professions_side_by_side(client):
    html = client.get(THREE).content.decode()
    page = tree(html)
    columns = [
        text_of(th) for th in page.xpath("//table[contains(@class, 'app-compare')]//thead//th")
    ]
    assert columns == ["Occupational therapists", "Music therapists", "Osteopaths"]
    rows = [text_of(th) for th in page.xpath("//table[contains(@class, 'app-compare')]//tbody//th")]
    assert rows == [
        "Regulator",
        "Registered",
        "Core profession in these settings",
        "In learning disability services",
        "Case studies by outcome",
        "Career stories",
        "Entry routes",
    ]
    regulator = page.xpath("//tbody/tr[1]/td")
    assert "General Osteopathic Council (GOC)" in text_of(regulator[2])
    registered = text_of(page.xpath("//tbody/tr[2]/td")[1])
    assert "4,904 (Arts therapists (art, music and drama), HCPC 2021)" in registered
    assert "This one figure covers 3 professions together" in registered
    stories = text_of(page.xpath("//tbody/tr[6]/td")[0])
    assert "Kosiwa Lokosu" in stories and "Donve Thompson-Boy" in stories
    # the ticked boxes stay ticked, so the comparison can be changed and shared
    assert page.xpath("//input[@value='osteopaths']/@checked")


def test_case_study_counts_match_the_finder(client):
    page = tree(client.get(THREE).content.decode())
    cell = page.xpath("//tbody/tr[5]/td")[0]
    expected = (
        CaseStudy.objects.published().filter(professions__slug="occupational-therapists").count()
    )
    assert f"{expected} case studies in all" in text_of(cell)
    for link in cell.xpath(".//a"):
        assert link.get("href").startswith(
            "/case-studies/?profession=occupational-therapists&outcome="
        )


def test_more_than_three_is_an_error_message_not_a_failure(client):
    response = client.get(THREE + "&profession=paramedics")
    assert response.status_code == 200
    html = response.content.decode()
    text = visible_text(html)
    assert "There is a problem" in text
    assert "Choose up to 3 professions to compare. You chose 4." in text
    assert tree(html).xpath("//title")[0].text_content().startswith("Error: ")
    assert tree(html).xpath("//table[contains(@class, 'app-compare')]") == []


@pytest.mark.parametrize(
    "query",
    [
        "?profession=surgeons",
        "?profession=%00",
        "?profession=" + "x" * 5000,
        "?profession=paramedics&profession=paramedics&profession=paramedics&profession=paramedics",
        "?" + "&".join(f"profession=p{i}" for i in range(400)),
    ],
)
def test_bad_values_never_fail(client, query):
    response = client.get(f"/professions/compare/{query}")
    assert response.status_code == 200
    assert "Compare professions" in visible_text(response.content.decode())


def test_repeated_values_count_once(client):
    query = (
        "?profession=paramedics&profession=paramedics&profession=paramedics&profession=paramedics"
    )
    html = client.get(f"/professions/compare/{query}").content.decode()
    assert "There is a problem" not in visible_text(html)
    assert "Paramedics side by side" in visible_text(html)


def test_unknown_values_are_reported(client):
    text = visible_text(client.get("/professions/compare/?profession=surgeons").content.decode())
    assert 'We did not recognise "surgeons"' in text


def test_drafts_cannot_be_compared(client):
    Profession.objects.filter(slug="osteopaths").update(status=Status.DRAFT)
    text = visible_text(client.get(THREE).content.decode())
    assert "Occupational therapists, Music therapists side by side" in text
    assert 'We did not recognise "osteopaths"' in text


@pytest.mark.parametrize("extra", [1, 200])
def test_compare_uses_a_constant_number_of_queries(client, django_assert_max_num_queries, extra):
    profession = Profession.objects.get(slug="music-therapists")
    studies = CaseStudy.objects.bulk_create(
        CaseStudy(
            title=f"Study {i}",
            slug=f"study-{i}",
            source_url="https://example.org/",
            kind=CaseStudy.Kind.CASE_STUDY,
            status=Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
        )
        for i in range(extra)
    )
    profession.case_studies.add(*studies)
    # professions, figures and theirs, outcomes, totals, stories, navigation
    with django_assert_max_num_queries(8):
        assert client.get(THREE).status_code == 200


def test_the_list_has_an_accessible_chart_beside_the_table(client):
    html = client.get("/professions/").content.decode()
    page = tree(html)
    svg = page.xpath("//svg[contains(@class, 'app-chart__svg')]")[0]
    assert svg.get("aria-labelledby") == "chart-title chart-desc"
    assert "Registered numbers of AHPs" in text_of(page.xpath("//*[@id='chart-title']")[0])
    desc = text_of(page.xpath("//*[@id='chart-desc']")[0])
    labels = [
        text_of(t)
        for t in svg.xpath(".//*[local-name()='text'][contains(@class, 'app-chart__label')]")
    ]
    rows = list(WorkforceFigure.objects.published().filter(is_total=False))
    assert labels == [f.label for f in rows]
    assert "Physiotherapists: 59,717" in desc
    text = visible_text(html)
    assert "Every row is an HCPC figure for 2021 except osteopaths, a GOC figure for 2022" in text
    assert "The rows add up to 239,025. The toolkit prints a total of 233,542" in text
    assert page.xpath("//a[@href='/professions/registered-numbers.csv']")
    assert page.xpath("//a[@href='/professions/compare/']")


def test_the_table_as_csv(client):
    response = client.get("/professions/registered-numbers.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Profession", "Registered", "Source", "Date", "Professions counted"]
    assert rows[1] == [
        "Arts therapists (art, music and drama)",
        "4904",
        "HCPC",
        "2021",
        "Art therapists; Dramatherapists; Music therapists",
    ]
    assert len(rows) == 14  # header, 12 rows, the printed total
    assert rows[-1][:2] == ["Total (as printed)", "233542"]
