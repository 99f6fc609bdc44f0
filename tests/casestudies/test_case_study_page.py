"""One case study's page, what a person sees on it, and the evidence map."""

import re

import pytest

from casestudies.models import CaseStudy
from editorial.publishing import Status
from professions.models import Profession
from tests.casestudies.helpers import ART
from tests.page_text import bare_address_links, tags_shown_as_text, visible_text

pytestmark = pytest.mark.django_db

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
