import pytest

from careers.models import CareerStory, PathwayStep, Resource
from editorial.publishing import Status
from tests.page_text import bare_address_links, tags_shown_as_text, visible_text

pytestmark = pytest.mark.django_db


def test_careers_index_is_a_hub_with_descriptive_links(client):
    html = client.get("/careers/").content.decode()
    for step in PathwayStep.objects.all():
        assert step.get_absolute_url() in html
    for path in ["/careers/pathways/", "/careers/stories/", "/careers/resources/", "/professions/"]:
        assert f'href="{path}"' in html
    assert bare_address_links(html) == []
    assert "This map outlines" not in visible_text(html)
    careers_text = "/careers-in-mental-health-learning-disability-and-autism/"
    assert f'href="{careers_text}"' in html
    assert client.get(careers_text).status_code == 200


def test_stories_list_and_detail(client):
    html = client.get("/careers/stories/").content.decode()
    for story in CareerStory.objects.all():
        assert story.get_absolute_url() in html
        detail = client.get(story.get_absolute_url()).content.decode()
        for answer in story.answers.all():
            assert answer.question in detail


def test_resources_page_lists_all_21(client):
    html = client.get("/careers/resources/").content.decode()
    for resource in Resource.objects.all():
        assert resource.url.replace("&", "&amp;") in html


def test_unknown_story_is_404(client):
    assert client.get("/careers/stories/nobody/").status_code == 404


def test_drafts_are_not_public(client):
    story = CareerStory.objects.first()
    story.status = Status.DRAFT
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert story.get_absolute_url() not in client.get("/careers/stories/").content.decode()

    resource = Resource.objects.first()
    resource.status = Status.DRAFT
    resource.save()
    assert resource.title not in client.get("/careers/resources/").content.decode()

    step = PathwayStep.objects.first()
    step.status = Status.DRAFT
    step.save()
    assert step.title not in client.get("/careers/").content.decode()


@pytest.mark.parametrize("extra", [1, 200])
def test_query_counts_do_not_grow(client, django_assert_max_num_queries, warm_layout, extra):
    Resource.objects.bulk_create(
        Resource(
            title=f"R{i}",
            url="https://example.org/",
            category=Resource.Category.TRAINING,
            status=Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
        )
        for i in range(extra)
    )
    warm_layout()
    # vocabulary (2), counts, list, professions of the list
    with django_assert_max_num_queries(5):
        client.get("/careers/resources/")
    with django_assert_max_num_queries(5):
        client.get("/careers/resources/?profession=dietitians&step=registered-ahp-workforce")
    story = CareerStory.objects.first()
    with django_assert_max_num_queries(5):
        client.get(story.get_absolute_url())


def test_no_career_story_shows_markup_as_text(client):
    stories = CareerStory.objects.published().select_related("profession")
    assert stories.count() == 4
    for story in stories:
        html = client.get(story.get_absolute_url()).content.decode()
        assert tags_shown_as_text(html) == [], story.name
        assert "&lt;" not in visible_text(html)
        # The profession row is a link to the profession's page.
        profession = story.profession
        assert f'<a href="{profession.get_absolute_url()}">{profession.name}</a>' in html


def test_no_careers_page_has_a_web_address_as_link_text(client):
    paths = ["/careers/", "/careers/stories/", "/careers/resources/"]
    paths += [s.get_absolute_url() for s in CareerStory.objects.published()]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert bare_address_links(response.content.decode()) == [], path
