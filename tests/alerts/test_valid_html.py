"""The alerts pages in the states the page types do not reach, and the HTML email, pass the
Nu HTML checker (vnu)."""

import pytest

from alerts.sending import send_alerts
from tests.alerts.conftest import confirm_path, publish_case_study, sign_up
from tests.vnu import vnu_errors

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
ADDRESS = "kim.lee@example.org"


def test_alerts_pages_and_the_alert_email_are_valid_html(client, smtp_server, tmp_path):
    pages = {"sign-up with errors": sign_up(client, "not an address").content}
    sign_up(client, ADDRESS)
    manage = client.post(confirm_path(smtp_server.messages[0]), follow=True)
    assert "Your email alert has started" in manage.content.decode()
    pages["manage with a banner"] = manage.content
    publish_case_study("Dietitians & friends <together>", professions=["dietitians"])
    assert send_alerts().sent == 1
    email = smtp_server.messages[-1]
    html = email.get_body(("html",)).get_content()
    assert "Dietitians &amp; friends &lt;together&gt;" in html
    pages["alert email"] = html.encode()
    unsubscribe = email["List-Unsubscribe"].strip().strip("<>").split("://", 1)[1]
    pages["unsubscribed"] = client.post("/" + unsubscribe.split("/", 1)[1]).content
    assert vnu_errors(pages, tmp_path) == []
