"""Spam held back without a CAPTCHA (issue 15, item 3): a honeypot field, how long the form was
open (signed, so it cannot be made up), and a per-client limit. A person never loses what they
typed: only the honeypot, which a person is told to leave blank, answers without the form."""

import time

import pytest
from django.core import signing

from submissions import spam
from submissions.models import Submission
from tests.page_text import visible_text
from tests.submissions.conftest import SUBMIT, error_summary_items, form_data

pytestmark = pytest.mark.django_db


def assert_form_kept(html):
    assert 'value="Sensory diets on an autism inpatient ward"' in html
    assert 'value="https://www.example.org/sensory-diets"' in html
    assert "Restraint fell by a third in a year." in html
    assert 'value="jo.bloggs@example.org"' in html


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(client, smtp_server):
    response = client.post(SUBMIT, form_data(website="https://cheap-pills.example"), follow=True)
    text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert "Case study sent" in text
    assert Submission.objects.count() == 0
    assert smtp_server.messages == []


def test_a_form_sent_within_seconds_of_opening_is_shown_again_with_everything_typed(client):
    response = client.post(SUBMIT, form_data(started=spam.opened_token(time.time() - 1)))
    html = response.content.decode()
    assert response.status_code == 400
    assert error_summary_items(html) == [
        (
            "#submit-case-study",
            "The form was sent within seconds of the page opening, so we could not be sure a "
            "person sent it. Check your answers, then send it again",
        )
    ]
    assert_form_kept(html)
    assert Submission.objects.count() == 0
    # Said again by the button the summary links to.
    assert "Error: The form was sent within seconds" in visible_text(
        html.split('id="submit-problem"')[1]
    )
    # The form shown again carries a new opening time: sent a little later, it goes through.
    token = html.split('name="started" value="')[1].split('"')[0]
    assert spam.timing(token, now=time.time() + 5) is spam.Timing.OK


def test_a_form_opened_too_long_ago_is_shown_again(client):
    response = client.post(SUBMIT, form_data(started=spam.opened_token(time.time() - 2 * 86400)))
    html = response.content.decode()
    assert response.status_code == 400
    assert error_summary_items(html)[0][1].startswith("The form was opened too long ago")
    assert_form_kept(html)
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    "started",
    [
        "",
        "not a token",
        # A time signed with another salt (as by another form of the site), or not signed at all.
        signing.dumps(time.time() - 60, salt="checklist.something-else"),
        signing.dumps(time.time() - 60, salt=spam.SALT)[:-2] + "xx",
        # A time in the future: a token made up to pass the check would look like this.
        spam.opened_token(time.time() + 600),
    ],
    ids=["missing", "garbage", "other-salt", "altered", "future"],
)
def test_a_missing_altered_or_forged_opening_time_is_held_back(client, started):
    response = client.post(SUBMIT, form_data(started=started))
    html = response.content.decode()
    assert response.status_code == 400
    assert error_summary_items(html)[0] == (
        "#submit-case-study",
        "We could not check when the form was opened. Check your answers, then send it again",
    )
    assert_form_kept(html)
    assert Submission.objects.count() == 0


def test_a_held_back_form_still_shows_its_other_errors(client):
    response = client.post(SUBMIT, form_data(started="", email="jo.bloggs@"))
    items = error_summary_items(response.content.decode())
    assert [href for href, _ in items] == ["#email", "#submit-case-study"]


def test_the_time_check_boundaries(settings):
    settings.SUBMISSIONS_MIN_SECONDS = 3
    settings.SUBMISSIONS_MAX_AGE = 3600
    now = 1_800_000_000.0
    assert spam.timing(spam.opened_token(now - 2.9), now=now) is spam.Timing.TOO_FAST
    assert spam.timing(spam.opened_token(now - 3), now=now) is spam.Timing.OK
    assert spam.timing(spam.opened_token(now - 3600), now=now) is spam.Timing.OK
    assert spam.timing(spam.opened_token(now - 3601), now=now) is spam.Timing.EXPIRED


def test_one_client_may_send_five_an_hour_then_keeps_its_form(client, settings):
    settings.SUBMISSIONS_PER_CLIENT = (5, 3600)
    for number in range(5):
        response = client.post(SUBMIT, form_data(title=f"Case study {number}"))
        assert response.status_code == 302
    response = client.post(SUBMIT, form_data(), REMOTE_ADDR="127.0.0.1")
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert error_summary_items(html) == [
        (
            "#submit-case-study",
            "You cannot send more than 5 case studies in 1 hour. Keep this page open and send "
            "it again later",
        )
    ]
    assert_form_kept(html)
    assert Submission.objects.count() == 5
    # Another address is counted on its own.
    other = client.post(SUBMIT, form_data(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    assert Submission.objects.count() == 6


def test_forms_with_errors_do_not_use_up_the_limit(client, settings):
    settings.SUBMISSIONS_PER_CLIENT = (1, 3600)
    for _ in range(3):
        assert client.post(SUBMIT, form_data(email="")).status_code == 400
    assert client.post(SUBMIT, form_data()).status_code == 302
