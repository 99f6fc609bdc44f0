"""The submitter is told by email, through a real SMTP server: the acknowledgement with the
reference and what happens next; a failed email never loses the submission."""

import pytest

from submissions.models import Submission
from tests.page_text import visible_text
from tests.smtp import free_port
from tests.submissions.conftest import SUBMIT, form_data

pytestmark = pytest.mark.django_db


def test_the_submitter_gets_an_acknowledgement_with_the_reference(client, smtp_server, settings):
    settings.SITE_URL = "https://ahp-toolkit.example"
    client.post(SUBMIT, form_data())
    submission = Submission.objects.get()
    [message] = smtp_server.to("jo.bloggs@example.org")
    assert message["Subject"] == f"We have received your case study ({submission.reference})"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear Jo Bloggs,")
    assert (
        "Sensory diets on an autism inpatient ward\nhttps://www.example.org/sensory-diets" in body
    )
    assert f"Your reference is {submission.reference}." in body
    assert "What happens next: an editor will read the case study" in body
    assert "Your name and contact details are not published." in body
    assert "https://ahp-toolkit.example/privacy/" in body
    assert "&amp;" not in body and "&#x27;" not in body  # plain text, not escaped HTML


def test_a_title_with_an_ampersand_is_not_escaped_in_the_email(client, smtp_server):
    client.post(SUBMIT, form_data(title="Music & movement's benefits"))
    [message] = smtp_server.messages
    assert "Music & movement's benefits" in message.get_content()


def test_when_the_email_cannot_be_sent_the_case_study_is_still_received(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    response = client.post(SUBMIT, form_data(), follow=True)
    text = visible_text(response.content.decode())
    assert Submission.objects.count() == 1
    assert "Case study sent" in text
    assert "We could not send a confirmation email just now, but we have your case study" in text
