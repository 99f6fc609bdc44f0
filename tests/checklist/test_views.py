import pytest

from checklist.models import Action
from editorial.publishing import Status

pytestmark = pytest.mark.django_db


def test_checklist_lists_the_14_actions_in_order(client):
    html = client.get("/checklist/").content.decode()
    positions = [html.index(f'id="action-{n}"') for n in range(1, 15)]
    assert positions == sorted(positions)
    for action in Action.objects.all():
        assert action.title in html


def test_a_draft_action_is_not_public(client):
    action = Action.objects.get(number=5)
    action.status = Status.DRAFT
    action.save()
    assert action.title not in client.get("/checklist/").content.decode()


def test_related_outcomes_link_into_the_finder(client):
    action = Action.objects.filter(outcomes__isnull=False).first()
    url = action.case_study_finder_url(action.outcomes.all())
    assert url.startswith("/case-studies/?outcome=")
    assert client.get(url).status_code == 200


def test_query_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/checklist/")
