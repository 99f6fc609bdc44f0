import re

import pytest

from professions.models import Profession
from tests.careers.html import text_of, tree
from tests.page_text import bare_address_links, visible_text

pytestmark = pytest.mark.django_db

ALWAYS = [
    "Entry routes",
    "Career stories",
    "Case studies by outcome",
    "Training and career resources",
]


def test_every_profession_page_has_the_same_sections_in_order(client):
    for profession in Profession.objects.published():
        html = client.get(profession.get_absolute_url()).content.decode()
        page = tree(html)
        headings = [text_of(h) for h in page.xpath("//main//h2[@id]")]
        assert headings[0] == f"What {profession.name.lower()} do in these settings"
        assert [h for h in headings if h in ALWAYS] == ALWAYS, profession.name
        contents = [text_of(a) for a in page.xpath("//nav[@aria-label='On this page']//a")]
        assert contents == headings, profession.name
        assert bare_address_links(html) == [], profession.name


def test_a_figure_shared_by_three_professions_says_so(client):
    text = visible_text(client.get("/professions/music-therapists/").content.decode())
    assert "4,904 (Arts therapists (art, music and drama), HCPC 2021)" in text
    assert (
        "This one figure covers 3 professions together: art therapists, dramatherapists and "
        "music therapists. The toolkit gives no separate number for music therapists."
    ) in text


def test_a_figure_of_one_profession_has_no_such_sentence(client):
    text = visible_text(client.get("/professions/osteopaths/").content.decode())
    assert "General Osteopathic Council (GOC)" in text
    assert "(Osteopaths, GOC 2022)" in text
    assert "This one figure covers" not in text


def test_case_studies_by_outcome_link_into_the_finder_with_its_counts(client):
    page = tree(client.get("/professions/occupational-therapists/").content.decode())
    links = page.xpath("//h2[@id='case-studies']/following-sibling::ul[1]//a")
    assert len(links) >= 3
    for link in links:
        href = link.get("href")
        assert re.fullmatch(
            r"/case-studies/\?profession=occupational-therapists&outcome=[a-z-]+", href
        )
        shown = int(re.search(r": (\d+) case stud", text_of(link)).group(1))
        finder = tree(client.get(href).content.decode())
        heading = text_of(finder.xpath("//h2[@id='results-heading']")[0])
        assert heading.startswith(f"{shown} case stud"), (href, heading)


def test_stories_entry_routes_and_resources(client):
    text = visible_text(client.get("/professions/occupational-therapists/").content.decode())
    assert "Kosiwa Lokosu" in text and "Donve Thompson-Boy" in text
    assert "register with the Health and Care Professions Council (HCPC)" in text
    assert "Health Education England learning disability careers: occupational therapist" in text
    physio = visible_text(client.get("/professions/physiotherapists/").content.decode())
    assert "So your next patient has a mental health condition" in physio
    assert "Guide from Chartered Society of Physiotherapy" in physio


@pytest.mark.parametrize("slug", ["occupational-therapists", "radiographers"])
def test_a_profession_page_uses_few_queries(client, django_assert_max_num_queries, slug):
    with django_assert_max_num_queries(10):
        assert client.get(f"/professions/{slug}/").status_code == 200
