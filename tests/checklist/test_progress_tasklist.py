"""The record as a task list (issue 12): the overview, one page per action, Save and continue,
Not applicable with a reason, Overdue in words, and the same pages through the read link."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from checklist.models import Action, ActionProgress, ProgressRecord
from tests.checklist.conftest import action_url

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    """The page's main content as a person reads it: no tags, one space between words."""
    main = html.split('id="maincontent"')[1].split("</main>")[0]
    main = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", main)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))).strip()


def past() -> dict:
    day = timezone.localdate() - datetime.timedelta(days=10)
    return {
        "target_day": str(day.day),
        "target_month": str(day.month),
        "target_year": str(day.year),
    }


def test_the_edit_link_opens_a_task_list_of_the_14_actions(client, record, save_action):
    save_action(record, 2, {"status": "in_progress", "owner": "Chief AHP"})
    html = client.get(record.get_absolute_url()).content.decode()
    assert 'class="nhsuk-task-list"' in html
    links = re.findall(r'href="([^"]*/actions/(\d+)/)"', html)
    assert [int(n) for _, n in links] == list(range(1, 15))
    assert links[0][0] == f"{record.get_absolute_url()}actions/1/"
    words = text(html)
    assert "0 of 14 completed, 1 in progress, 0 not applicable, 0 overdue" in words
    first = Action.objects.get(number=2)
    assert f"2. {first.title} Owner: Chief AHP In progress" in words
    assert words.split("Your organisation")[0].count("Not started") == 13
    # The details are edited here, with their own button; the actions are not.
    assert 'name="details-organisation"' in html and "Save your details" in words
    assert 'name="action-1-status"' not in html


def test_save_and_continue_goes_through_the_actions_and_back_to_the_list(
    client, record, save_action
):
    response = save_action(record, 1, {"status": "completed"})
    assert response["Location"] == action_url(record, 2)
    page = text(client.get(response["Location"]).content.decode())
    assert "Action 1 was saved at" in page.split("Action 2 of 14")[0]
    response = save_action(record, 2, {"status": "completed"})
    assert response["Location"] == action_url(record, 3)
    response = save_action(record, 3, {"status": "completed"}, button="list")
    assert response["Location"] == record.get_absolute_url()
    # After the last action, Save and continue returns to the list.
    response = save_action(record, 14, {"status": "in_progress"})
    assert response["Location"] == record.get_absolute_url()
    words = text(client.get(record.get_absolute_url()).content.decode())
    assert "Action 14 was saved at" in words
    assert "3 of 14 completed, 1 in progress" in words


def test_an_action_page_shows_the_action_its_guidance_and_evidence(client, record):
    action = Action.objects.filter(outcomes__isnull=False).distinct().first()
    html = client.get(action_url(record, action.number)).content.decode()
    words = text(html)
    assert f"Action {action.number} of 14" in words and action.title in words
    outcomes = list(action.outcomes.all())
    finder = action.case_study_finder_url(outcomes).replace("&", "&amp;")
    assert f'href="{finder}"' in html
    assert "Case studies: " + ", ".join(o.name for o in outcomes) in words
    for page in action.pages.published():
        assert f'href="{page.get_absolute_url()}"' in html
    for label in ["Status", "Owner", "Target date", "Day", "Month", "Year", "Notes or evidence"]:
        assert label in words
    assert "Save and continue" in words and "Save and return to the list" in words


def test_not_applicable_needs_a_reason_shown_in_the_nhs_error_pattern(record, save_action):
    response = save_action(record, 5, {"status": "not_applicable", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Enter why this action is not applicable") == 2  # summary and field
    summary = html.split('class="nhsuk-error-summary"')[1].split("</ul>")[0]
    summary = re.sub(r"\s+", " ", summary)
    assert '<a href="#action-5-reason" > Enter why this action is not applicable </a>' in summary
    field = html.split('id="action-5-reason-error"')[1][:300]
    assert "Enter why this action is not applicable" in field
    # The field is in the page's markup, so it is there without JavaScript, revealed by the
    # radio with it.
    assert 'data-reason-for="action-5-status"' in html and "action-5-reason" in html
    assert not ActionProgress.objects.exists()

    response = save_action(
        record, 5, {"status": "not_applicable", "reason": "We employ no AHPs in this setting"}
    )
    assert response.status_code == 302
    saved = ActionProgress.objects.get()
    assert (saved.status, saved.reason) == ("not_applicable", "We employ no AHPs in this setting")


def task(words, number):
    """Action ``number``'s entry in the task list's words: from "6. " to "7. ", not counting
    a time such as "at 09:56." elsewhere on the page."""
    return re.split(rf"(?<![\d:]){number + 1}\. ", re.split(rf"(?<![\d:]){number}\. ", words)[1])[0]


def test_overdue_is_shown_in_words_everywhere_a_status_is(client, record, save_action):
    save_action(record, 6, {"status": "in_progress", **past()})
    save_action(record, 7, {"status": "completed", **past()})  # finished: not overdue
    for url in [record.get_absolute_url(), record.get_shared_url()]:
        html = client.get(url).content.decode()
        words = text(html)
        assert "0 overdue" not in words and "1 of 14 completed, 1 in progress" in words
        assert ", 1 overdue" in words
        task6 = task(words, 6)
        assert "In progress Overdue" in task6 and "(passed)" in task6
        task7 = task(words, 7)
        assert "Overdue" not in task7
    for url in [action_url(record, 6), f"{record.get_shared_url()}actions/6/"]:
        words = text(client.get(url).content.decode())
        assert "Status: In progress Overdue" in words
        assert "has passed" in words


def test_the_read_only_pages_show_the_same_without_controls(client, record, save_action):
    save_action(record, 8, {"status": "not_applicable", "reason": "Covered by the ICS plan"})
    shared = record.get_shared_url()
    html = client.get(shared).content.decode()
    assert f'href="{shared}actions/8/"' in html
    assert record.edit_token not in html
    html = client.get(f"{shared}actions/8/").content.decode()
    words = text(html)
    assert "Status: Not applicable" in words
    assert "Why it is not applicable Covered by the ICS plan" in words
    main = html.split('id="maincontent"')[1]
    assert "<form" not in main and "<input" not in main and record.edit_token not in html


@pytest.mark.parametrize(
    "number", ["0", "15", "99", "x", "1x", "-1", "１", "٣", "1.0", "%00", "3%00", "9" * 5000]
)
def test_an_unknown_action_number_is_a_404(client, record, number):
    for base in [record.get_absolute_url(), record.get_shared_url()]:
        response = client.get(f"{base}actions/{number}/")
        assert response.status_code == 404, (base, number)
    assert client.post(f"{record.get_absolute_url()}actions/{number}/", {}).status_code == 404


@pytest.mark.parametrize(
    "token", ["A" * 43, "x" * 5000, "%00", "a%00b", "..", "%F0%9F%92%A9", "edit"]
)
def test_a_bad_token_on_an_action_page_is_a_404(client, record, token):
    for prefix in ["progress", "shared"]:
        assert client.get(f"/checklist/{prefix}/{token}/actions/1/").status_code == 404
    assert client.get(f"/checklist/progress/{record.read_token}/actions/1/").status_code == 404
    assert client.get(f"/checklist/shared/{record.edit_token}/actions/1/").status_code == 404


def test_a_draft_action_has_no_page(client, record):
    action = Action.objects.get(number=14)
    action.status = "draft"
    action.save()
    assert client.get(action_url(record, 14)).status_code == 404
    # Save and continue from 13 now returns to the list.
    html = client.get(record.get_absolute_url()).content.decode()
    assert "actions/14/" not in html


@pytest.mark.parametrize("saved", [0, 14])
def test_the_overview_and_an_action_page_make_a_constant_number_of_queries(
    client, record, save_action, django_assert_num_queries, warm_layout, saved
):
    for number in range(1, saved + 1):
        save_action(record, number, {"status": "in_progress", "owner": f"Owner {number}"})
    # More records, so that nothing counts on there being one.
    for _ in range(5):
        ProgressRecord.objects.create()
    warm_layout()
    # record, progress, actions, and recent changes under the edit link
    with django_assert_num_queries(4):
        client.get(record.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(record.get_shared_url())
    # record, progress, actions, and the action with its outcomes and pages
    with django_assert_num_queries(6):
        client.get(action_url(record, 10))
    with django_assert_num_queries(6):
        client.get(f"{record.get_shared_url()}actions/10/")
