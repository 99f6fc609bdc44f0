"""Move up / Move down in the admin: the alternative to dragging."""

import pytest
from reversion.models import Version

from careers.models import CareerStory, StoryAnswer
from checklist.models import Action
from editorial.publishing import Status
from pages.models import KeyFact
from professions.models import Profession
from tests.forms import submitted
from tests.users import make_user

pytestmark = pytest.mark.django_db

PROFESSIONS = "/admin/professions/profession/"


def names():
    return list(Profession.objects.values_list("name", flat=True))


def test_the_change_list_has_move_buttons_outside_the_changelist_form(admin_client):
    page = admin_client.get(PROFESSIONS).content.decode()
    first = Profession.objects.first()
    assert f'formaction="{PROFESSIONS}{first.pk}/move/up/"' in page
    assert f'aria-label="Move down: {first.name}"' in page
    # The form the buttons submit sits after the changelist form, not inside it.
    changelist = page.index('id="changelist-form"')
    assert changelist < page.index("</form>", changelist) < page.index('id="move-form"')


def test_move_down_swaps_with_the_next_and_renumbers(admin_client):
    before = names()
    second = Profession.objects.get(name=before[1])
    response = admin_client.post(
        f"{PROFESSIONS}{second.pk}/move/down/", HTTP_REFERER=f"http://testserver{PROFESSIONS}?q=a"
    )
    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{PROFESSIONS}?q=a#move-down-{second.pk}"
    after = names()
    assert after == [before[0], before[2], before[1], *before[3:]]
    assert list(Profession.objects.values_list("order", flat=True)) == list(
        range(1, len(after) + 1)
    )
    admin_client.post(f"{PROFESSIONS}{second.pk}/move/up/")
    assert names() == before


def test_the_first_cannot_move_up_and_a_get_changes_nothing(admin_client):
    before = names()
    first = Profession.objects.first()
    response = admin_client.post(f"{PROFESSIONS}{first.pk}/move/up/", follow=True)
    assert "is already first" in response.content.decode()
    assert admin_client.get(f"{PROFESSIONS}{first.pk}/move/down/").status_code == 405
    assert admin_client.post(f"{PROFESSIONS}{first.pk}/move/sideways/").status_code == 403
    assert admin_client.post(f"{PROFESSIONS}999999/move/up/").status_code == 404
    assert names() == before


def test_checklist_actions_keep_unique_numbers_when_moved(admin_client):
    numbers = list(Action.objects.values_list("number", "title"))
    third = Action.objects.get(number=3)
    admin_client.post(f"/admin/checklist/action/{third.pk}/move/up/")
    third.refresh_from_db()
    assert third.number == 2
    assert Action.objects.get(number=3).title == numbers[1][1]
    assert sorted(Action.objects.values_list("number", flat=True)) == list(
        range(1, len(numbers) + 1)
    )


def test_a_content_editor_moves_drafts_only(client):
    client.force_login(make_user(role="editor"))
    facts = list(KeyFact.objects.all())
    published = facts[0]
    draft = facts[1]
    draft.status = Status.DRAFT
    draft.save()
    page = client.get("/admin/pages/keyfact/").content.decode()
    assert f"/admin/pages/keyfact/{published.pk}/move/" not in page
    assert f"/admin/pages/keyfact/{draft.pk}/move/down/" in page
    assert client.post(f"/admin/pages/keyfact/{published.pk}/move/down/").status_code == 403
    # Moving the draft up would move the published fact below it: refused.
    response = client.post(f"/admin/pages/keyfact/{draft.pk}/move/up/", follow=True)
    assert "only a publisher can change published items" in response.content.decode()
    assert list(KeyFact.objects.all()) == facts


def test_answers_of_a_career_story_move_from_its_change_form(admin_client):
    story = CareerStory.objects.filter(answers__isnull=False).distinct().first()
    answers = list(story.answers.all())
    assert len(answers) >= 2
    url = f"/admin/careers/careerstory/{story.pk}/change/"
    page = admin_client.get(url).content.decode()
    move_url = f"/admin/careers/careerstory/{story.pk}/move-storyanswer/{answers[1].pk}/up/"
    assert f'formaction="{move_url}"' in page
    assert 'form="move-form"' in page and 'id="move-form"' in page
    response = admin_client.post(move_url)
    assert response["Location"] == f"{url}#move-up-storyanswer-{answers[1].pk}"
    assert list(story.answers.all())[:2] == [answers[1], answers[0]]
    other = StoryAnswer.objects.exclude(story=story).first()
    if other is not None:
        forged = f"/admin/careers/careerstory/{story.pk}/move-storyanswer/{other.pk}/up/"
        assert admin_client.post(forged).status_code == 404


def test_an_editor_cannot_reorder_the_answers_of_a_published_story(client):
    client.force_login(make_user(role="editor"))
    story = CareerStory.objects.published().filter(answers__isnull=False).first()
    answer = story.answers.last()
    url = f"/admin/careers/careerstory/{story.pk}/move-storyanswer/{answer.pk}/up/"
    assert (
        "move-storyanswer"
        not in client.get(f"/admin/careers/careerstory/{story.pk}/change/").content.decode()
    )
    assert client.post(url).status_code == 403


@pytest.mark.parametrize("count", [1, 200])
def test_the_change_list_query_count_is_constant(
    admin_client, django_assert_max_num_queries, count
):
    Profession.objects.bulk_create(
        Profession(name=f"Extra {i}", slug=f"extra-{i}", summary="s", description="d", order=99)
        for i in range(count)
    )
    with django_assert_max_num_queries(12):
        assert admin_client.get(f"{PROFESSIONS}?all=").status_code == 200


def test_a_move_is_in_the_history_of_each_item_renumbered_and_can_be_undone(client):
    client.force_login(make_user(role="publisher"))
    before = names()
    second, third = (Profession.objects.get(name=name) for name in before[1:3])
    versions_before = {p.pk: Version.objects.get_for_object(p).count() for p in (second, third)}
    client.post(f"{PROFESSIONS}{third.pk}/move/up/")
    assert names()[1:3] == [third.name, second.name]

    moved = Version.objects.get_for_object(third).first()
    assert moved.revision.comment == "Moved up in the list."
    assert moved.revision.user.username == "publisher"
    assert moved.field_dict["order"] == 2
    swapped = Version.objects.get_for_object(second).first()
    assert swapped.revision.comment == f"Renumbered: “{third}” was moved up in the list."
    assert swapped.field_dict["order"] == 3
    assert moved.revision != swapped.revision
    for item in (second, third):
        assert Version.objects.get_for_object(item).count() == versions_before[item.pk] + 1
    history = client.get(f"{PROFESSIONS}{third.pk}/history/").content.decode()
    assert "Moved up in the list." in history

    # Undo: restore the version before the move (of both items, as each was renumbered).
    for item in (third, second):
        earlier = Version.objects.get_for_object(item)[1]
        url = f"{PROFESSIONS}{item.pk}/history/{earlier.pk}/"
        assert client.post(url, submitted(client.get(url))).status_code == 302
    assert names() == before


def test_moving_an_item_already_at_the_edge_records_nothing(admin_client):
    first = Profession.objects.first()
    count = Version.objects.count()
    admin_client.post(f"{PROFESSIONS}{first.pk}/move/up/")
    assert Version.objects.count() == count


def test_moving_an_answer_records_a_revision_of_its_story_that_restores_the_order(client):
    client.force_login(make_user(role="publisher"))
    story = CareerStory.objects.filter(answers__isnull=False).distinct().first()
    answers = list(story.answers.all())
    url = f"/admin/careers/careerstory/{story.pk}/"
    client.post(f"{url}move-storyanswer/{answers[1].pk}/up/")
    assert list(story.answers.all())[:2] == [answers[1], answers[0]]

    latest = Version.objects.get_for_object(story).first()
    assert latest.revision.comment == f"Moved “{answers[1]}” up in the list of story answers."
    assert latest.revision.user.username == "publisher"
    orders = {
        int(v.object_id): v.field_dict["order"]
        for v in latest.revision.version_set.all()
        if v.content_type.model == "storyanswer"
    }
    assert orders[answers[1].pk] < orders[answers[0].pk]

    earlier = Version.objects.get_for_object(story)[1]
    revision_url = f"{url}history/{earlier.pk}/"
    assert client.post(revision_url, submitted(client.get(revision_url))).status_code == 302
    assert list(story.answers.all()) == answers
