"""The admin's "Submissions" queue: received ones first with who sent them; a publisher
publishes from it (with a revision, and the submitter told), an editor declines with a reason
asked for on a page of its own and emailed."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from reversion.models import Version

from submissions import services
from submissions.models import Submission
from tests.page_text import visible_text
from tests.submissions.conftest import SUBMIT, form_data
from tests.users import make_user

pytestmark = pytest.mark.django_db

QUEUE = "/admin/submissions/submission/"


@pytest.fixture
def sent(client):
    """Three submissions: one already declined, then two received."""
    for title in ("Declined one", "Older one", "Newest one"):
        client.post(SUBMIT, form_data(title=title, name=f"Sender of {title}"))
    declined = Submission.objects.get(case_study__title="Declined one")
    services.decline(
        user=make_user(superuser=True, username="admin"), submission=declined, reason="No."
    )
    return {s.case_study.title: s for s in Submission.objects.all()}


def rows(html):
    return [
        " ".join(visible_text(row).split())
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html.split("<tbody>")[1], re.DOTALL)
    ]


def act(client, action, submissions, **extra):
    return client.post(
        QUEUE,
        {"action": action, "_selected_action": [s.pk for s in submissions], **extra},
        follow=True,
    )


def test_the_queue_lists_received_submissions_first_with_the_submitters_details(editor, sent):
    response = editor.get(QUEUE)
    listed = rows(response.content.decode())
    assert [re.search(r"(Newest|Older|Declined) one", row).group(0) for row in listed] == [
        "Newest one",
        "Older one",
        "Declined one",
    ]
    newest = sent["Newest one"]
    assert listed[0].startswith(newest.reference)
    for detail in (
        "Newest one (Draft)",
        "Received",
        "Sender of Newest one",
        "AHP lead",
        "Northshire Partnership NHS Foundation Trust",
        "jo.bloggs@example.org",
    ):
        assert detail in listed[0]
    assert "Declined" in listed[2]
    # The title leads to the draft case study, for editing.
    assert f'href="/admin/casestudies/casestudy/{newest.case_study_id}/change/"' in (
        response.content.decode()
    )


def test_no_one_adds_a_submission_in_the_admin(publisher):
    assert publisher.get(QUEUE + "add/").status_code == 403


def test_a_publisher_publishes_from_the_queue_and_the_submitter_is_told(
    client, publisher, sent, smtp_server, settings
):
    settings.SITE_URL = "https://ahp-toolkit.example"
    newest = sent["Newest one"]
    response = act(publisher, "publish_submissions", [newest])
    assert "Published 1 submission." in visible_text(response.content.decode())
    newest.refresh_from_db()
    case_study = newest.case_study
    assert newest.status == Submission.Status.PUBLISHED
    assert newest.decided_at is not None
    assert case_study.is_published
    page = client.get(case_study.get_absolute_url())
    assert page.status_code == 200
    assert "Restraint fell by a third in a year." in visible_text(page.content.decode())
    # The history says who published it and from where.
    latest = Version.objects.get_for_object(case_study).first()
    assert latest.revision.comment == f"Published from submission {newest.reference}."
    assert latest.revision.user.username == "publisher"
    [message] = smtp_server.messages
    assert message["Subject"] == (
        f"Your case study is published on the AHP toolkit ({newest.reference})"
    )
    assert f"https://ahp-toolkit.example{case_study.get_absolute_url()}" in message.get_content()


def test_a_content_editor_is_not_offered_publishing_and_the_service_refuses_them(editor, sent):
    html = editor.get(QUEUE).content.decode()
    assert 'value="decline_submissions"' in html
    assert 'value="publish_submissions"' not in html
    with pytest.raises(PermissionDenied):
        services.publish(
            user=make_user(role="editor", username="editor-2"), submission=sent["Older one"]
        )
    assert not Submission.objects.get(pk=sent["Older one"].pk).case_study.is_published


def test_declining_asks_why_then_emails_the_reason(client, editor, sent, smtp_server):
    older = sent["Older one"]
    page = act(editor, "decline_submissions", [older])
    html = page.content.decode()
    text = visible_text(html)
    assert "These submissions will be declined" in text
    assert f"{older.reference}: Older one (from Sender of Older one," in text
    assert '<label class="required" for="id_reason">Why is it declined?</label>' in html
    assert Submission.objects.get(pk=older.pk).status == Submission.Status.RECEIVED

    empty = act(editor, "decline_submissions", [older], apply="1", reason="   ")
    assert "Enter why the submission is declined" in visible_text(empty.content.decode())
    assert smtp_server.messages == []

    reason = "It is about acute hospital wards, not mental health, learning disability or autism."
    done = act(editor, "decline_submissions", [older], apply="1", reason=reason)
    assert "Declined 1 submission and emailed the reason." in visible_text(done.content.decode())
    older.refresh_from_db()
    assert (older.status, older.decline_reason) == (Submission.Status.DECLINED, reason)
    [message] = smtp_server.to("jo.bloggs@example.org")
    assert message["Subject"] == f"Your case study for the AHP toolkit ({older.reference})"
    body = " ".join(message.get_content().split())
    assert f"We have decided not to include it in the toolkit, for this reason: {reason}" in body
    # The case study stays a draft that only staff see.
    assert client.get(older.case_study.get_absolute_url()).status_code == 404


def test_what_was_already_decided_is_left_as_it_was(publisher, sent, smtp_server):
    declined = sent["Declined one"]
    response = act(publisher, "publish_submissions", [declined])
    text = visible_text(response.content.decode())
    assert "Published 0 submissions." in text
    assert "1 already published or declined: left as they were." in text
    declined.refresh_from_db()
    assert declined.status == Submission.Status.DECLINED
    assert not declined.case_study.is_published
    assert smtp_server.messages == []
    with pytest.raises(services.NotInQueue):
        services.decline(
            user=make_user(superuser=True, username="root"), submission=declined, reason="Again"
        )


def test_the_submission_page_shows_who_sent_it_and_links_to_the_draft(editor, sent):
    newest = sent["Newest one"]
    html = editor.get(f"{QUEUE}{newest.pk}/change/").content.decode()
    text = visible_text(html)
    for detail in (newest.reference, "Sender of Newest one", "jo.bloggs@example.org", "AHP lead"):
        assert detail in text
    assert f'href="/admin/casestudies/casestudy/{newest.case_study_id}/change/"' in html


def test_a_case_study_published_outside_the_queue_is_not_declined(editor, sent, smtp_server):
    older = sent["Older one"]
    case_study = older.case_study
    case_study.status = "published"
    case_study.save()
    response = act(editor, "decline_submissions", [older], apply="1", reason="Not for us.")
    text = visible_text(response.content.decode())
    assert f"The case study of {older.reference} is already published: unpublish it first." in text
    assert "Declined 0 submissions" in text
    older.refresh_from_db()
    assert older.status == Submission.Status.RECEIVED
    assert smtp_server.messages == []


def test_a_submission_published_outside_the_queue_says_so_and_leaves_the_front(editor, sent):
    older = sent["Older one"]
    older.case_study.status = "published"
    older.case_study.save()
    listed = rows(editor.get(QUEUE).content.decode())
    assert "Newest one" in listed[0]
    assert "Older one" in listed[1]
    assert "Published outside the queue (the submitter was not emailed)" in listed[1]
    assert "Received" in listed[0]
    text = visible_text(editor.get(f"{QUEUE}{older.pk}/change/").content.decode())
    assert "Published outside the queue" in text
