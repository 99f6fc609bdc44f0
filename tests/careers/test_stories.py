import pytest

from careers.models import CareerStory, PathwayStep
from editorial.publishing import Status
from professions.models import Profession, Setting
from tests.careers.html import text_of, tree
from tests.page_text import visible_text

pytestmark = pytest.mark.django_db

# The toolkit's four career stories (l. 838-918 and the approved clinician, l. 599-626).
FOUR = {"Dr Ursula Rolfe", "Clare Hubbard", "Kosiwa Lokosu", "Donve Thompson-Boy"}


def names_listed(client, query=""):
    page = tree(client.get(f"/careers/stories/{query}").content.decode())
    return {text_of(a) for a in page.xpath("//ul[contains(@class, 'app-story-list')]//h3/a")}


def heading(client, query=""):
    page = tree(client.get(f"/careers/stories/{query}").content.decode())
    return text_of(page.xpath("//h2[@id='results-heading']")[0])


def option_label(client, query, input_id):
    page = tree(client.get(f"/careers/stories/{query}").content.decode())
    return text_of(page.xpath(f"//label[@for='{input_id}']")[0])


def test_all_four_stories_without_a_filter(client):
    assert names_listed(client) == FOUR
    assert heading(client) == "4 career stories"


def test_filter_by_profession(client):
    assert names_listed(client, "?profession=occupational-therapists") == {
        "Kosiwa Lokosu",
        "Donve Thompson-Boy",
    }
    assert names_listed(client, "?profession=paramedics") == {"Dr Ursula Rolfe"}
    # options of one facet combine with OR
    assert names_listed(client, "?profession=paramedics&profession=dramatherapists") == {
        "Dr Ursula Rolfe",
        "Clare Hubbard",
    }


def test_filter_by_setting_and_step(client):
    assert names_listed(client, "?setting=mental-health") == FOUR
    assert names_listed(client, "?setting=learning-disability") == set()
    assert heading(client, "?setting=learning-disability") == "0 career stories"
    assert names_listed(client, "?step=multi-professional-approved-roles") == {"Donve Thompson-Boy"}
    # facets combine with AND
    query = "?profession=occupational-therapists&step=registered-ahp-workforce"
    assert names_listed(client, query) == {"Kosiwa Lokosu"}


def test_counts_say_how_many_each_option_would_show(client):
    assert option_label(client, "", "profession-occupational-therapists") == (
        "Occupational therapists (2 career stories)"
    )
    assert option_label(client, "", "profession-paramedics") == "Paramedics (1 career story)"
    assert option_label(client, "", "setting-autism") == "Autism (0 career stories)"
    assert option_label(client, "", "step-registered-ahp-workforce") == (
        "Registered AHP workforce (2 career stories)"
    )
    # with a step chosen, a profession's count keeps that choice
    query = "?step=registered-ahp-workforce"
    assert option_label(client, query, "profession-occupational-therapists") == (
        "Occupational therapists (1 career story)"
    )
    assert option_label(client, query, "profession-paramedics") == "Paramedics (0 career stories)"


def test_the_form_is_a_get_form_that_keeps_the_choices(client):
    html = client.get("/careers/stories/?profession=paramedics").content.decode()
    form = tree(html).xpath("//form[contains(@class, 'app-careers-filter')]")[0]
    assert form.get("method") == "get"
    assert form.xpath(".//input[@id='profession-paramedics']/@checked") != []
    assert form.xpath(".//button") != []
    assert "Clear filters" in visible_text(html)


@pytest.mark.parametrize(
    "query",
    [
        "?profession=surgeons",
        "?profession=%00",
        "?step=nul%00byte&setting=" + "x" * 5000,
        "?setting=mental-health&setting=mental-health",
        "?profession=" + "&profession=".join(["paramedics"] * 300),
        "?page=abc&sort=%00",
    ],
)
def test_bad_values_never_fail(client, query):
    response = client.get(f"/careers/stories/{query}")
    assert response.status_code == 200
    assert "career stor" in visible_text(response.content.decode())


def test_unknown_values_are_reported_and_ignored(client):
    text = visible_text(client.get("/careers/stories/?profession=surgeons").content.decode())
    assert "We did not recognise profession “surgeons”" in text
    assert "4 career stories" in text


def test_drafts_are_neither_listed_nor_counted(client):
    story = CareerStory.objects.get(name="Dr Ursula Rolfe")
    story.status = Status.DRAFT
    story.save()
    assert names_listed(client) == FOUR - {"Dr Ursula Rolfe"}
    assert option_label(client, "", "profession-paramedics") == "Paramedics (0 career stories)"


def test_a_story_shows_who_role_organisation_setting_and_links(client):
    story = CareerStory.objects.get(name="Kosiwa Lokosu")
    html = client.get(story.get_absolute_url()).content.decode()
    text = visible_text(html)
    for words in [
        "Role Mental health occupational therapist (OT)",
        "Organisation Mid Hampshire Healthcare/Winchester Primary Care Network",
        "Setting Mental health",
        "Pathway step Registered AHP workforce",
        "How did you get into your role within mental health?",
    ]:
        assert words in text
    page = tree(html)
    assert page.xpath("//a[@href='/professions/occupational-therapists/']")
    assert page.xpath("//a[@href='/careers/pathways/registered-ahp-workforce/']")
    # related: the other occupational therapist, and the other registered-step story
    related = {
        text_of(a)
        for a in page.xpath("//h2[.='Related career stories']/following-sibling::ul[1]//a")
    }
    assert related == {"Donve Thompson-Boy", "Clare Hubbard"}


@pytest.mark.parametrize("extra", [1, 200])
def test_the_list_uses_a_constant_number_of_queries(
    client, django_assert_max_num_queries, warm_layout, extra
):
    profession = Profession.objects.get(slug="dietitians")
    step = PathwayStep.objects.get(slug="consultant-practice")
    setting = Setting.objects.get(slug="autism")
    stories = CareerStory.objects.bulk_create(
        CareerStory(
            name=f"Person {i}",
            slug=f"person-{i}",
            job_title="Dietitian",
            profession=profession,
            step=step,
            status=Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
        )
        for i in range(extra)
    )
    CareerStory.settings.through.objects.bulk_create(
        CareerStory.settings.through(careerstory=s, setting=setting) for s in stories
    )
    warm_layout()
    # vocabulary (3), counts, list, settings of the list
    with django_assert_max_num_queries(6):
        response = client.get("/careers/stories/?setting=autism&profession=dietitians")
    assert f"{extra} career stor" in visible_text(response.content.decode())
    with django_assert_max_num_queries(6):
        client.get("/careers/stories/")
