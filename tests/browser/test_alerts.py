"""Email alerts in a real browser, without JavaScript: subscribe from the finder, confirm from
the email the SMTP server received, a publisher publishes a matching case study in the admin,
``send_alerts`` sends exactly one email, and its one-click unsubscribe stops the next. Then
axe and 320 px reflow on every alerts page, in the states a person sees."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from alerts.models import Alert, Subscriber
from casestudies.models import CaseStudy
from editorial.publishing import Status
from professions.models import Profession
from tests.browser.helpers import run_axe

ADDRESS = "jo.bloggs@example.org"
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def mail(smtp_server, settings, site):
    """The test SMTP server, with the sign-up limits (counted in the cache, per address too)
    unused: every test here signs up the same address."""
    settings.SITE_URL = site
    cache.clear()
    yield smtp_server
    cache.clear()


def draft_case_study(title):
    case_study = CaseStudy.objects.create(
        title=title,
        source_url="https://example.org/" + title.lower().replace(" ", "-"),
        publisher="Example NHS Foundation Trust",
        status=Status.DRAFT,
    )
    case_study.professions.set(Profession.objects.filter(slug="dietitians"))
    return case_study


def publish_in_the_admin(publisher, site, case_study):
    publisher.goto(site + f"/admin/casestudies/casestudy/{case_study.pk}/change/")
    publisher.get_by_role("button", name="Save and publish").click()
    expect(publisher.locator(".messagelist")).to_contain_text("successfully")


def send_alerts():
    call_command("send_alerts", stdout=io.StringIO())


def body(message) -> str:
    return message.get_body(("plain",)).get_content()


def subscribe(page, site):
    page.goto(site + "/case-studies/?profession=dietitians")
    page.get_by_role("link", name="Get emails about new case studies like these").click()
    expect(page.locator("h1")).to_have_text("Get emails about new case studies")
    expect(page.locator("main")).to_contain_text(
        "You will get an email when new case studies involving dietitians are published."
    )


def test_subscribe_confirm_publish_send_and_unsubscribe_in_one_click(
    no_js, site, mail, sign_in, roles
):
    page = no_js
    subscribe(page, site)
    page.get_by_role("button", name="Get emails").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your email address")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select how often you want emails")
    page.get_by_label("Email address").fill(ADDRESS)
    page.get_by_label("As soon as they are published").check()
    page.get_by_role("button", name="Get emails").click()
    expect(page.locator("h1")).to_have_text("Check your email")

    [confirmation] = mail.to(ADDRESS)
    [link] = [link for link in LINK.findall(body(confirmation)) if "/alerts/confirm/" in link]
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Confirm your email alert")
    assert Alert.objects.get().confirmed_at is None  # opening the link changes nothing
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "Your email alert has started"
    )
    expect(page.locator("main")).to_contain_text("New case studies involving dietitians")

    publisher = sign_in(roles, "publisher")
    publish_in_the_admin(publisher, site, draft_case_study("Dietitians on the ward"))
    send_alerts()
    send_alerts()  # a second run sends nothing more
    [_, alert_email] = mail.to(ADDRESS)
    assert alert_email["Subject"] == "New case study: Dietitians on the ward"
    assert alert_email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # what a mail client does with the header (RFC 8058): a POST with no cookie or CSRF token
    unsubscribe = alert_email["List-Unsubscribe"].strip().strip("<>")
    response = page.request.post(
        unsubscribe,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    assert not Subscriber.objects.exists()
    publish_in_the_admin(publisher, site, draft_case_study("Dietitians in the community"))
    send_alerts()
    assert len(mail.to(ADDRESS)) == 2


def test_a_weekly_alert_then_delete_all_from_the_manage_page(no_js, site, mail):
    page = no_js
    subscribe(page, site)
    page.get_by_label("Email address").fill(ADDRESS)
    page.get_by_label("Once a week, in one email").check()
    page.get_by_role("button", name="Get emails").click()
    [link] = [
        link for link in LINK.findall(body(mail.to(ADDRESS)[0])) if "/alerts/confirm/" in link
    ]
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("main")).to_contain_text("Sent once a week.")
    page.get_by_role("button", name="Delete all my alerts").click()
    expect(page.locator("h1")).to_have_text("Your email alerts have been deleted")
    assert not Subscriber.objects.exists()


def focused(page, locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def test_signing_up_by_keyboard_alone(page, site, mail):
    page.goto(site + "/alerts/new/?profession=dietitians")
    email = page.get_by_label("Email address")
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page, email):
            break
    assert focused(page, email), "the email field was not reached with Tab"
    page.keyboard.type(ADDRESS)
    page.keyboard.press("Tab")
    assert focused(page, page.get_by_label("As soon as they are published"))
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the radios are one stop: Tab leaves the group
    assert focused(page, page.get_by_role("button", name="Get emails"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Check your email")
    assert len(mail.to(ADDRESS)) == 1


def alerts_pages(site, mail, page):
    """Opens each alerts page in turn in ``page``, yielding what it is."""
    page.goto(site + "/alerts/new/?profession=dietitians&setting=autism")
    page.get_by_role("button", name="Get emails").click()  # the error state
    yield "sign-up with errors"
    page.get_by_label("Email address").fill(ADDRESS)
    page.get_by_label("As soon as they are published").check()
    page.get_by_role("button", name="Get emails").click()
    yield "check your email"
    [link] = [
        link for link in LINK.findall(body(mail.to(ADDRESS)[0])) if "/alerts/confirm/" in link
    ]
    page.goto(link)
    yield "confirm"
    page.get_by_role("button", name="Confirm").click()
    yield "manage, with the banner"
    alert = Alert.objects.get()
    page.goto(site + alert.get_unsubscribe_url())
    yield "unsubscribe"
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator("h1")).to_have_text("You have unsubscribed")
    yield "unsubscribed"


@pytest.mark.parametrize("width", [320, 1280])
def test_every_alerts_page_passes_axe_and_reflows(page, site, mail, width):
    page.set_viewport_size({"width": width, "height": 900})
    for what in alerts_pages(site, mail, page):
        assert run_axe(page) == [], what
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], (what, widths)
