import pytest

from editorial.publishing import Status
from professions.models import Profession, Quote, WorkforceFigure

pytestmark = pytest.mark.django_db


def test_list_shows_the_14_professions_and_the_registered_numbers(client):
    html = client.get("/professions/").content.decode()
    for profession in Profession.objects.all():
        assert profession.get_absolute_url() in html
    assert "59,717" in html
    assert "233,542" in html
    assert "239,025" in html  # the rows' own sum, shown beside the printed total
    assert "HCPC 2021/GOC 2022" in html


def test_detail_shows_description_figure_and_source(client):
    response = client.get("/professions/occupational-therapists/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Occupational therapists</h1>" in html
    assert "41,762" in html
    assert "HCPC 2021" in html
    assert "Occupational therapy provides practical support" in html


def test_arts_therapists_share_the_arts_row(client):
    html = client.get("/professions/music-therapists/").content.decode()
    assert "4,904" in html
    assert "Arts therapists (art, music and drama)" in html


def test_unknown_profession_is_404(client):
    assert client.get("/professions/surgeons/").status_code == 404


def test_draft_profession_is_not_public(client):
    profession = Profession.objects.get(slug="osteopaths")
    profession.status = Status.DRAFT
    profession.save()
    assert client.get("/professions/osteopaths/").status_code == 404
    assert "/professions/osteopaths/" not in client.get("/professions/").content.decode()


def test_draft_figure_and_quote_are_not_public(client):
    figure = WorkforceFigure.objects.get(label="Physiotherapists")
    figure.status = Status.DRAFT
    figure.save()
    assert "59,717" not in client.get("/professions/").content.decode()
    profession = Profession.objects.get(slug="dietitians")
    quote = Quote.objects.create(
        text="A draft quote nobody may read yet", person="Editor", profession=profession
    )
    assert quote.status == Status.DRAFT
    html = client.get(profession.get_absolute_url()).content.decode()
    assert quote.text not in html
    quote.status = Status.PUBLISHED
    quote.save()
    assert quote.text in client.get(profession.get_absolute_url()).content.decode()


def make_professions(count):
    Profession.objects.bulk_create(
        Profession(
            name=f"Profession {i}",
            slug=f"profession-{i}",
            summary="s",
            description="<p>d</p>",
            status=Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
            order=100 + i,
        )
        for i in range(count)
    )


@pytest.mark.parametrize("extra", [1, 200])
def test_list_query_count_does_not_grow(client, django_assert_max_num_queries, warm_layout, extra):
    make_professions(extra)
    warm_layout()
    with django_assert_max_num_queries(3):
        assert client.get("/professions/").status_code == 200
