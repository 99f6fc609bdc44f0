import pytest

from careers.models import CareerStory, PathwayStep, Resource
from editorial.publishing import Status
from tests.careers.html import text_of, tree
from tests.page_text import bare_address_links, visible_text

pytestmark = pytest.mark.django_db

# The toolkit's "Career pathways" (l. 554-718), in its order, with the two steps the issue names
# that the toolkit covers inside other parts (students and apprentices, l. 528-550; consultant
# practice, l. 668-708).
TOOLKIT_ORDER = [
    "Non-registered AHP workforce",
    "Pre-registration students and apprentices",
    "Registered AHP workforce",
    "Multi-professional approved roles",
    "Becoming leaders in advanced practice",
    "Consultant practice",
]

PREV = "//nav[contains(@class, 'nhsuk-pagination')]//a[@rel='prev']/@href"
NEXT = "//nav[contains(@class, 'nhsuk-pagination')]//a[@rel='next']/@href"


def test_the_steps_follow_the_toolkits_order(client):
    assert [s.title for s in PathwayStep.objects.published()] == TOOLKIT_ORDER
    text = visible_text(client.get("/careers/pathways/").content.decode())
    positions = [text.index(f"Step {n}: {title}") for n, title in enumerate(TOOLKIT_ORDER, 1)]
    assert positions == sorted(positions)


def test_a_step_page_has_contents_previous_and_next(client):
    html = client.get("/careers/pathways/registered-ahp-workforce/").content.decode()
    text = visible_text(html)
    assert "Career pathway: step 3 of 6" in text
    page = tree(html)
    contents = page.xpath("//nav[contains(@class, 'nhsuk-contents-list')]//li")
    assert [text_of(li) for li in contents] == TOOLKIT_ORDER
    assert contents[2].get("aria-current") == "page"
    assert page.xpath(PREV) == ["/careers/pathways/pre-registration-students-and-apprentices/"]
    assert page.xpath(NEXT) == ["/careers/pathways/multi-professional-approved-roles/"]
    for heading in [
        "What this step is",
        "How to get there",
        "What it leads to",
        "From the toolkit",
    ]:
        assert heading in text
    # the toolkit's own text for the step (l. 573)
    assert "The Universe of Opportunities resource outlines eight core areas" in text
    assert bare_address_links(html) == []


def test_first_and_last_steps_have_one_way_on(client):
    first = tree(client.get("/careers/pathways/non-registered-ahp-workforce/").content.decode())
    assert first.xpath(PREV) == []
    assert first.xpath(NEXT) == ["/careers/pathways/pre-registration-students-and-apprentices/"]
    last = client.get("/careers/pathways/consultant-practice/").content.decode()
    assert tree(last).xpath(NEXT) == []
    assert "This is the last step of the pathway" in visible_text(last)


def test_no_paragraph_about_a_map_that_is_not_there(client):
    for url in ["/careers/", "/careers/pathways/non-registered-ahp-workforce/"]:
        assert "This map outlines" not in visible_text(client.get(url).content.decode())


def test_a_step_lists_its_resources_and_stories(client):
    html = client.get("/careers/pathways/multi-professional-approved-roles/").content.decode()
    text = visible_text(html)
    assert "Career stories at this step" in text
    assert "Donve Thompson-Boy" in text
    step = PathwayStep.objects.get(slug="becoming-leaders-in-advanced-practice")
    page = visible_text(client.get(step.get_absolute_url()).content.decode())
    assert "A Roadmap to Practice" in page
    assert "Dr Ursula Rolfe" in page


def test_a_draft_step_is_not_public_and_leaves_the_sequence(client):
    step = PathwayStep.objects.get(slug="registered-ahp-workforce")
    step.status = Status.DRAFT
    step.save()
    assert client.get(step.get_absolute_url()).status_code == 404
    html = client.get("/careers/pathways/pre-registration-students-and-apprentices/")
    assert tree(html.content.decode()).xpath(NEXT) == [
        "/careers/pathways/multi-professional-approved-roles/"
    ]
    assert "Registered AHP workforce" not in visible_text(
        client.get("/careers/pathways/").content.decode()
    )


def test_unknown_step_is_404(client):
    assert client.get("/careers/pathways/brain-surgery/").status_code == 404


def test_editors_manage_steps_in_the_admin(editor):
    listing = editor.get("/admin/careers/pathwaystep/")
    assert listing.status_code == 200
    assert "Consultant practice" in listing.content.decode()
    step = PathwayStep.objects.get(slug="consultant-practice")
    form = editor.get(f"/admin/careers/pathwaystep/{step.pk}/change/").content.decode()
    for label in ["What this step is", "How to get there", "Body", "Order"]:
        assert label in form
    story = CareerStory.objects.first()
    story_form = editor.get(f"/admin/careers/careerstory/{story.pk}/change/").content.decode()
    assert "Pathway step" in story_form
    resource = Resource.objects.first()
    resource_form = editor.get(f"/admin/careers/resource/{resource.pk}/change/").content.decode()
    assert "Pathway steps" in resource_form


@pytest.mark.parametrize("extra", [1, 200])
def test_step_pages_use_a_constant_number_of_queries(client, django_assert_max_num_queries, extra):
    step = PathwayStep.objects.get(slug="registered-ahp-workforce")
    resources = Resource.objects.bulk_create(
        Resource(
            title=f"Course {i}",
            url="https://example.org/",
            publisher="Example",
            kind=Resource.Kind.COURSE,
            category=Resource.Category.TRAINING,
            status=Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
        )
        for i in range(extra)
    )
    step.resources.add(*resources)
    # One more the first time after a content write: the content version (HTTP caching).
    with django_assert_max_num_queries(6):
        assert client.get(step.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/careers/pathways/").status_code == 200
