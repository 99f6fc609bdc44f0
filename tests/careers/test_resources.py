import pytest

from careers.models import Resource
from tests.careers.html import text_of, tree
from tests.page_text import bare_address_links, visible_text

pytestmark = pytest.mark.django_db


def listed(client, query=""):
    page = tree(client.get(f"/careers/resources/{query}").content.decode())
    return [
        text_of(a) for a in page.xpath("//main//ul[contains(@class, 'nhsuk-list--border')]//li/a")
    ]


def test_grouped_by_category_with_publisher_and_kind(client):
    html = client.get("/careers/resources/").content.decode()
    text = visible_text(html)
    assert "21 resources" in text
    assert "Career planning (10)" in text
    assert "Training (11)" in text
    assert text.index("Career planning (10)") < text.index("Training (11)")
    assert "Webinar from FutureNHS (NHS England)" in text
    assert "Guide from Chartered Society of Physiotherapy, for physiotherapists" in text
    assert "Course or e-learning from e-Learning for Healthcare (Health Education England)" in text


def test_no_link_text_is_a_web_address(client):
    for url in ["/careers/", "/careers/resources/", "/careers/pathways/registered-ahp-workforce/"]:
        assert bare_address_links(client.get(url).content.decode()) == [], url
    assert len(listed(client)) == 21


def test_every_resource_has_a_publisher_and_a_kind():
    for resource in Resource.objects.published():
        assert resource.publisher, resource.title
        assert resource.kind in Resource.Kind.values


def test_filter_by_profession_keeps_the_resources_for_every_ahp(client):
    titles = listed(client, "?profession=dietitians")
    assert "What do dietitians need to know when seeing a patient with a learning disability?" in (
        titles
    )
    assert not any("physiotherapists" in t for t in titles)
    assert "Autism Awareness programme" in titles  # for every AHP
    assert len(titles) == 20


def test_filter_by_step(client):
    titles = listed(client, "?step=becoming-leaders-in-advanced-practice")
    assert set(titles) == {
        "Developing AHP Leaders",
        "A Roadmap to Practice",
        "NHS Leadership Academy",
    }
    text = visible_text(client.get("/careers/resources/?step=consultant-practice").content.decode())
    assert "1 resource" in text


@pytest.mark.parametrize("query", ["?step=%00", "?profession=x&profession=" + "y" * 4000])
def test_bad_values_never_fail(client, query):
    response = client.get(f"/careers/resources/{query}")
    assert response.status_code == 200
    assert "21 resources" in visible_text(response.content.decode())
