from django.core.mail import send_mail


def test_django_sends_to_the_loopback_smtp_server(smtp_server):
    send_mail("Subject line", "Body text", None, ["someone@example.org"])
    [message] = smtp_server.to("someone@example.org")
    assert message["Subject"] == "Subject line"
    assert message.get_content().strip() == "Body text"
    assert message["From"] == "AHP Toolkit <noreply@localhost>"
