import html
import re

import pytest
from django.urls import reverse

from editorial.publishing import Status
from pages.models import KeyFact, Page

pytestmark = pytest.mark.django_db


def test_home_shows_sections_and_key_facts(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>" in html and "– AHP toolkit</title>" in html
    fact = KeyFact.objects.published().first()
    assert fact.figure in html
    assert 'href="/introduction/"' in html


@pytest.mark.parametrize("slug", ["introduction", "action-for-change"])
def test_toolkit_sections_are_pages(client, slug):
    page = Page.objects.get(slug=slug)
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>" in response.content.decode()


def test_every_published_page_is_reachable(client):
    for page in Page.objects.published():
        assert client.get(page.get_absolute_url()).status_code == 200, page.slug


def test_a_draft_page_is_not_public(client):
    page = Page.objects.create(title="Secret draft", body="<p>Not yet</p>", status=Status.DRAFT)
    assert client.get(page.get_absolute_url()).status_code == 404
    assert "Secret draft" not in client.get("/search/?q=Secret").content.decode()
    assert "secret-draft" not in client.get("/sitemap.xml").content.decode()


def test_a_future_publication_date_keeps_a_page_hidden(client):
    from datetime import timedelta

    from django.utils import timezone

    page = Page.objects.create(
        title="Scheduled",
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
    )
    assert client.get(page.get_absolute_url()).status_code == 404


def test_a_draft_key_fact_is_not_on_the_home_page(client):
    KeyFact.objects.update(status=Status.DRAFT)
    draft = KeyFact.objects.first()
    assert draft.label not in client.get("/").content.decode()


def test_unknown_slug_gives_the_nhs_styled_404(client):
    response = client.get("/no-such-section/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found – AHP toolkit</title>" in html
    assert "nhsuk-header" in html


def test_search_finds_published_content(client):
    response = client.get("/search/", {"q": "dietitians"})
    assert response.status_code == 200
    assert 'href="/professions/dietitians/"' in response.content.decode()


@pytest.mark.parametrize("q", ["", " ", "x" * 10000, "' OR 1=1 --", "%00", "<script>"])
def test_search_never_fails_on_odd_input(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>")[1]


def test_robots_and_sitemap(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/professions/occupational-therapists/" in sitemap
    assert "/introduction/" in sitemap
    assert "/case-studies/evidence-map/" in sitemap
    for page in ["/professions/compare/", "/careers/pathways/", "/careers/stories/"]:
        assert f"http://testserver{page}</loc>" in sitemap, page
    assert "/checklist/progress/" not in sitemap and "/checklist/systems/" not in sitemap


MODEL_STATEMENT_SECTIONS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def test_accessibility_statement_follows_the_model_and_claims_no_more_than_was_tested(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    page = html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))
    headings = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html.unescape(response.content.decode()))
    assert [h for h in headings if h in MODEL_STATEMENT_SECTIONS] == MODEL_STATEMENT_SECTIONS
    # Automated checks alone cannot show full compliance: the statement says what was done.
    assert "partially compliant" in page
    assert "fully compliant with" not in page
    assert "not yet been tested with screen readers" in page
    assert re.search(r"last tested on \d{1,2} [A-Z][a-z]+ 20\d\d", page)


def test_home_page_query_count_is_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get("/")
