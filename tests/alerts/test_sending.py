"""``manage.py send_alerts``: one email per due alert with the new matching case studies,
never the same case study twice, against a real SMTP server on loopback."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from alerts import services
from alerts.models import Alert, Delivery, Subscriber
from alerts.sending import send_alerts
from editorial.publishing import Status
from tests.alerts.conftest import path_of, publish_case_study
from tests.smtp import free_port

pytestmark = pytest.mark.django_db
ADDRESS = "alex.smith@example.org"


def alert_for(query="profession=dietitians", *, email=ADDRESS, frequency="immediate", when=None):
    sign_up = services.alert_sign_up(
        email=email, query=query, frequency=frequency, client="192.0.2.7"
    )
    return services.alert_confirm(alert=sign_up.alert, now=when)


def test_a_matching_case_study_is_sent_once(smtp_server, settings):
    settings.SITE_URL = "https://toolkit.example"
    alert = alert_for()
    case_study = publish_case_study("Dietitians in a crisis team", professions=["dietitians"])
    publish_case_study("Art in a crisis team", professions=["art-therapists"])
    call_command("send_alerts", stdout=io.StringIO())
    [message] = smtp_server.messages
    assert message["To"] == ADDRESS
    assert message["Subject"] == "New case study: Dietitians in a crisis team"
    unsubscribe = f"https://toolkit.example{alert.get_unsubscribe_url()}"
    # (a long header is folded onto a second line: unfolded, it starts with a space)
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    assert text.startswith("1 new case study involving dietitians:")
    assert "Dietitians in a crisis team" in text and "Art in a crisis team" not in text
    assert f"https://toolkit.example{case_study.get_absolute_url()}" in text
    assert f"Stop these emails: {unsubscribe}" in text
    assert (
        "Change or stop all your email alerts: "
        f"https://toolkit.example{alert.subscriber.get_absolute_url()}"
    ) in text
    html = message.get_body(("html",)).get_content()
    assert f'<a href="https://toolkit.example{case_study.get_absolute_url()}">' in html
    assert f'<a href="{unsubscribe}">Stop these emails</a>' in html

    smtp_server.clear()
    assert send_alerts().sent == 0
    assert smtp_server.messages == []


def test_only_case_studies_published_after_confirming_and_matching_are_sent(smtp_server):
    publish_case_study("Dietitians before the alert", professions=["dietitians"])
    alert_for("profession=dietitians&setting=autism")
    publish_case_study("Dietitians, no setting", professions=["dietitians"])
    publish_case_study("A dietitians draft", professions=["dietitians"], status=Status.DRAFT)
    assert send_alerts().sent == 0
    publish_case_study("Dietitians in autism", professions=["dietitians"], settings=["autism"])
    assert send_alerts().sent == 1
    [message] = smtp_server.messages
    assert message["Subject"] == "New case study: Dietitians in autism"


def test_unconfirmed_sign_ups_get_nothing_and_are_purged_with_their_address(smtp_server, settings):
    services.alert_sign_up(email=ADDRESS, query="", frequency="immediate", client="192.0.2.7")
    publish_case_study("Anything", professions=["dietitians"])
    assert send_alerts().sent == 0 and smtp_server.messages == []
    later = timezone.now() + timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS, minutes=1)
    assert send_alerts(now=later).purged == 1
    assert not Alert.objects.exists() and not Subscriber.objects.exists()


def test_a_weekly_digest_waits_a_week_and_lists_everything_new_in_one_email(smtp_server):
    now = timezone.now()
    alert_for("", frequency="weekly", when=now)
    for title in ["First of the week", "Second of the week", "Third of the week"]:
        publish_case_study(title, professions=["dietitians"])
    assert send_alerts(now=now + timedelta(days=6)).sent == 0
    assert send_alerts(now=now + timedelta(days=7, minutes=1)).sent == 1
    [message] = smtp_server.messages
    assert message["Subject"] == "3 new case studies"
    text = message.get_body(("plain",)).get_content()
    assert (
        text.index("First of the week")
        < text.index("Second of the week")
        < text.index("Third of the week")
    )
    # the next digest is due a week after this one
    publish_case_study("Fourth", professions=["dietitians"])
    assert send_alerts(now=now + timedelta(days=13)).sent == 0
    assert send_alerts(now=now + timedelta(days=14, minutes=2)).sent == 1
    assert len(smtp_server.messages) == 2


def test_two_alerts_of_one_person_never_send_the_same_case_study_twice(smtp_server):
    alert_for("profession=dietitians")
    alert_for("setting=autism")
    publish_case_study("Dietitians in autism", professions=["dietitians"], settings=["autism"])
    assert send_alerts().sent == 1
    assert send_alerts().sent == 0
    assert len(smtp_server.to(ADDRESS)) == 1
    assert Delivery.objects.count() == 1


def test_a_failed_send_is_tried_again_next_run(smtp_server, settings):
    alert_for()
    publish_case_study("Dietitians in a crisis team", professions=["dietitians"])
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    with pytest.raises(CommandError, match="1 alert email"):
        call_command("send_alerts", stdout=io.StringIO())
    assert not Delivery.objects.exists()
    settings.EMAIL_PORT = port
    assert send_alerts().sent == 1
    assert len(smtp_server.messages) == 1


def test_an_alert_whose_profession_no_longer_exists_sends_nothing(smtp_server):
    from professions.models import Profession

    alert_for("profession=dietitians")
    Profession.objects.filter(slug="dietitians").update(slug="dieticians")
    publish_case_study("Anything at all")
    assert send_alerts().sent == 0


def test_after_a_one_click_unsubscribe_the_next_run_sends_nothing(client, smtp_server):
    alert = alert_for()
    publish_case_study("Dietitians one", professions=["dietitians"])
    send_alerts()
    [message] = smtp_server.messages
    link = message["List-Unsubscribe"].strip().strip("<>")
    response = client.post(
        path_of(link),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    publish_case_study("Dietitians two", professions=["dietitians"])
    assert send_alerts().sent == 0
    assert len(smtp_server.messages) == 1
    assert not Alert.objects.filter(pk=alert.pk).exists()
