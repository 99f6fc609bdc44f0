import re

import pytest
from django.utils import timezone

from casestudies.models import CaseStudy
from editorial.publishing import Status
from professions.models import Profession, Setting

LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def content_published_before(db):
    """The toolkit's case studies were published before any alert in a test is confirmed.
    Loaded when the run starts, they can share its second with a test that runs at once, and a
    case study published in the confirming second counts as new (alerts.services)."""
    an_hour_ago = timezone.now() - timezone.timedelta(hours=1)
    CaseStudy.objects.filter(published_at__gt=an_hour_ago).update(published_at=an_hour_ago)


def sign_up(client, email, query="profession=dietitians", frequency="immediate", **extra):
    return client.post(
        "/alerts/new/", {"email": email, "frequency": frequency, "query": query}, **extra
    )


def links_in(message) -> list[str]:
    return LINK.findall(message.get_body(("plain",)).get_content())


def confirm_path(message) -> str:
    [link] = [link for link in links_in(message) if "/alerts/confirm/" in link]
    return path_of(link)


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def publish_case_study(title, *, professions=(), settings=(), status=Status.PUBLISHED):
    case_study = CaseStudy.objects.create(
        title=title,
        source_url=f"https://example.org/{title.lower().replace(' ', '-')}",
        publisher="Example NHS Foundation Trust",
        status=status,
        published_at=timezone.now() if status == Status.PUBLISHED else None,
    )
    case_study.professions.set(Profession.objects.filter(slug__in=professions))
    case_study.settings.set(Setting.objects.filter(slug__in=settings))
    return case_study
