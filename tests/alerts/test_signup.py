"""Signing up from the finder, confirming from the email (double opt-in), managing and
stopping alerts, against a real SMTP server on loopback."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from alerts.models import Alert, Subscriber
from alerts.tokens import MANAGE, link_token
from tests.alerts.conftest import confirm_path, links_in, path_of, sign_up
from tests.page_text import visible_text

pytestmark = pytest.mark.django_db
ADDRESS = "sam.jones@example.org"


def main_text(response) -> str:
    html = response.content.decode()
    return visible_text(html[html.index("<main") : html.index("</main>")])


def confirmed_alert(client, smtp_server, email=ADDRESS, query="profession=dietitians"):
    sign_up(client, email, query)
    client.post(confirm_path(smtp_server.to(email)[-1]))
    return Alert.objects.get(subscriber__email=email, query=query)


def test_the_finder_links_to_emails_for_its_current_search(client):
    html = client.get("/case-studies/?profession=dietitians&setting=autism").content.decode()
    assert (
        '<a href="/alerts/new/?profession=dietitians&amp;setting=autism" id="get-emails">'
        "Get emails about new case studies like these</a>"
    ) in html


def test_the_sign_up_page_says_what_the_alert_covers_without_sort_page_or_unknown_values(client):
    response = client.get(
        "/alerts/new/?setting=autism&profession=dietitians&profession=nobody&sort=newest&page=3"
    )
    text = main_text(response)
    assert (
        "You will get an email when new case studies involving dietitians, in autism settings are published."
        in text
    )
    assert (
        'name="query" value="profession=dietitians&amp;setting=autism"' in response.content.decode()
    )


def test_signing_up_sends_only_a_confirmation_email(client, smtp_server):
    response = sign_up(client, ADDRESS)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "We have sent you an email" in main_text(page)
    # back to the same view of the finder
    assert '<a href="/case-studies/?profession=dietitians">Back to case studies</a>' in (
        page.content.decode()
    )
    [message] = smtp_server.messages
    assert message["To"] == ADDRESS
    assert message["Subject"] == "Confirm your email alert for new case studies"
    body = message.get_body(("plain",)).get_content()
    assert (
        "emails about new case studies involving dietitians, as soon as they are published" in body
    )
    alert = Alert.objects.get()
    assert alert.confirmed_at is None
    # the token is only in the email: the database keeps its hash
    token = confirm_path(message).split("/")[-2]
    assert token not in alert.confirm_token_hash and len(alert.confirm_token_hash) == 64


@pytest.mark.parametrize(
    ("email", "frequency", "error"),
    [
        ("", "immediate", "Enter your email address"),
        (
            "not an address",
            "weekly",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (ADDRESS, "", "Select how often you want emails"),
        (ADDRESS, "hourly", "Select how often you want emails"),
    ],
)
def test_a_bad_form_shows_the_error_summary_and_sends_nothing(
    client, smtp_server, email, frequency, error
):
    response = sign_up(client, email, frequency=frequency)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Get emails about new case studies" in html
    text = main_text(response)
    assert text.startswith("There is a problem")
    assert text.count(error) == 2  # in the summary and beside the field
    assert smtp_server.messages == [] and not Alert.objects.exists()


def test_opening_the_confirmation_link_confirms_nothing_until_the_button_is_pressed(
    client, smtp_server
):
    sign_up(client, ADDRESS)
    path = confirm_path(smtp_server.messages[0])
    page = client.get(path)
    assert "You asked for emails about new case studies involving dietitians" in main_text(page)
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert Alert.objects.get().confirmed_at is None
    response = client.post(path, follow=True)
    assert "Your email alert has started" in main_text(response)
    assert "New case studies involving dietitians" in main_text(response)
    assert Alert.objects.get().confirmed_at is not None
    assert client.get(path).status_code == 404  # used once


def test_a_confirmation_link_expires_with_the_sign_up(client, smtp_server, settings):
    sign_up(client, ADDRESS)
    Alert.objects.update(
        created_at=timezone.now() - timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS, minutes=1)
    )
    assert client.get(confirm_path(smtp_server.messages[0])).status_code == 404


def test_bad_tokens_are_not_found(client, smtp_server):
    alert = confirmed_alert(client, smtp_server)
    manage = link_token(MANAGE, alert.subscriber)
    for path in [
        "/alerts/confirm/nonsense/",
        "/alerts/confirm/" + "A" * 43 + "/",
        "/alerts/manage/nonsense/",
        "/alerts/manage/" + manage[:-1] + "x/",  # tampered signature
        "/alerts/unsubscribe/" + manage + "/",  # a manage link is no unsubscribe link
        "/alerts/manage/" + manage.replace(alert.subscriber.key, "k" * 22) + "/",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in response.content.decode()


def test_asking_again_for_a_confirmed_alert_only_points_to_the_manage_page(client, smtp_server):
    alert = confirmed_alert(client, smtp_server)
    smtp_server.clear()
    sign_up(client, ADDRESS, frequency="weekly")
    [message] = smtp_server.messages
    assert message["Subject"] == "You already have this email alert"
    assert [path_of(link) for link in links_in(message)] == [alert.subscriber.get_absolute_url()]
    assert Alert.objects.get().frequency == Alert.Frequency.IMMEDIATE


def test_sign_ups_are_limited_per_client_and_per_address(client, smtp_server, settings):
    settings.ALERTS_SIGNUPS_PER_ADDRESS = (2, 3600)
    for _ in range(2):
        assert sign_up(client, ADDRESS).status_code == 302
    response = sign_up(client, ADDRESS)
    assert response.status_code == 429
    assert "Too many email alerts asked for" in main_text(response)
    settings.ALERTS_SIGNUPS_PER_CLIENT = (3, 3600)
    assert sign_up(client, "other@example.org").status_code == 429
    assert len(smtp_server.messages) == 2


def test_a_one_click_post_unsubscribes_without_a_csrf_token_and_forgets_the_address(
    client, smtp_server
):
    alert = confirmed_alert(client, smtp_server)
    strict = Client(enforce_csrf_checks=True)
    url = alert.get_unsubscribe_url()
    assert strict.post(url, {}).status_code == 403  # the page's form needs its CSRF token
    assert Alert.objects.exists()
    response = strict.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "You will get no more emails from this alert." in main_text(response)
    assert "It was your last alert, so we have deleted your email address." in main_text(response)
    assert not Alert.objects.exists() and not Subscriber.objects.exists()
    assert (
        strict.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 404
    )


def test_the_unsubscribe_page_asks_first(client, smtp_server):
    alert = confirmed_alert(client, smtp_server)
    page = client.get(alert.get_unsubscribe_url())
    assert "Stop emails about new case studies involving dietitians?" in main_text(page)
    assert Alert.objects.exists()
    client.post(alert.get_unsubscribe_url())
    assert not Alert.objects.exists()


def test_the_manage_page_stops_one_alert_then_the_last_takes_the_address(client, smtp_server):
    first = confirmed_alert(client, smtp_server)
    second = confirmed_alert(client, smtp_server, query="setting=autism")
    manage = first.subscriber.get_absolute_url()
    text = main_text(client.get(manage))
    assert "New case studies involving dietitians" in text
    assert "New case studies in autism settings" in text
    assert f"Sent to {ADDRESS}" in text
    response = client.post(manage, {"stop": first.pk}, follow=True)
    assert "That email alert has stopped" in main_text(response)
    assert list(Alert.objects.all()) == [second]
    response = client.post(manage, {"stop": second.pk})
    assert "your email address has been deleted" in main_text(response)
    assert not Subscriber.objects.exists()
    assert client.get(manage).status_code == 404


def test_delete_all_removes_every_alert_and_the_address(client, smtp_server):
    alert = confirmed_alert(client, smtp_server)
    confirmed_alert(client, smtp_server, query="setting=autism")
    client.post(alert.subscriber.get_absolute_url(), {"delete_all": "1"})
    assert not Alert.objects.exists() and not Subscriber.objects.exists()


def test_the_privacy_notice_covers_alerts(client, settings):
    settings.ALERTS_UNCONFIRMED_DAYS = 5
    text = visible_text(client.get("/privacy/").content.decode())
    assert "Email alerts" in text
    assert "If you do not confirm within 5 days, the alert is deleted" in text
    assert "when your last alert stops, your address is deleted straight away" in text


def test_the_admin_lists_alerts_read_only_without_addresses(admin_client, client, smtp_server):
    confirmed_alert(client, smtp_server)
    html = admin_client.get("/admin/alerts/alert/").content.decode()
    text = visible_text(html[html.index('id="result_list"') :])
    assert "New case studies involving dietitians" in text
    assert ADDRESS not in html
    alert = Alert.objects.get()
    change = admin_client.get(f"/admin/alerts/alert/{alert.pk}/change/").content.decode()
    assert ADDRESS not in change and 'name="_save"' not in change
    assert admin_client.post(f"/admin/alerts/alert/{alert.pk}/delete/").status_code == 403
    assert admin_client.get("/admin/alerts/alert/add/").status_code == 403


def test_the_back_link_keeps_only_what_the_finder_knows(client):
    page = client.get("/alerts/check-your-email/?query=outcome%3Dcost-saving%26evil%3D%3Cscript%3E")
    assert '<a href="/case-studies/?outcome=cost-saving">Back to case studies</a>' in (
        page.content.decode()
    )
