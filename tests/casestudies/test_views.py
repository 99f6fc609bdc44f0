import pytest

from casestudies.models import CaseStudy
from toolkit.publishing import Status

pytestmark = pytest.mark.django_db

ART = "https://link.hee.nhs.uk/mental-health-art"


def test_list_shows_all_20_entries(client):
    response = client.get("/case-studies/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "20 case studies" in html
    for study in CaseStudy.objects.all():
        assert study.get_absolute_url() in html


def test_filter_by_profession_and_outcome(client):
    html = client.get(
        "/case-studies/", {"profession": "occupational-therapists", "outcome": "cost-saving"}
    ).content.decode()
    expected = CaseStudy.objects.filter(
        professions__slug="occupational-therapists", outcomes__slug="cost-saving"
    ).distinct()
    assert expected.count() == 3
    assert f"{expected.count()} case studies" in html
    for study in expected:
        assert study.get_absolute_url() in html


@pytest.mark.parametrize(
    "query",
    [
        {"profession": "no-such-profession"},
        {"outcome": ["cost-saving", "cost-saving", ""]},
        {"page": "abc"},
        {"q": "x" * 10000},
        {"q": "'; DROP TABLE casestudies_casestudy; --"},
    ],
)
def test_bad_filter_input_never_fails(client, query):
    assert client.get("/case-studies/", query).status_code == 200


def test_detail_shows_summary_source_and_tags(client):
    study = CaseStudy.objects.get(source_url=ART)
    response = client.get(study.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{study.title}</h1>" in html
    assert f'href="{ART}"' in html
    assert "/case-studies/?outcome=positive-patient-outcome" in html


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


def make_studies(count):
    CaseStudy.objects.bulk_create(
        CaseStudy(
            title=f"Generated {i}",
            slug=f"generated-{i}",
            source_url="https://example.org/",
            status=Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
        )
        for i in range(count)
    )


@pytest.mark.parametrize("extra", [1, 200])
def test_list_query_count_does_not_grow(client, django_assert_max_num_queries, extra):
    make_studies(extra)
    with django_assert_max_num_queries(10):
        assert client.get("/case-studies/").status_code == 200
