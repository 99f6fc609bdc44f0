"""HTTP caching of the public pages (toolkit/httpcache.py, README "HTTP caching"): validators
from the content and code versions, 304 to a conditional GET before the view runs, a new ETag
once an editor publishes, and nothing cacheable for the admin, capability pages or editors."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import get_resolver

from casestudies.models import CaseStudy
from checklist import services as checklist_services
from editorial.actions import publishing
from tests.users import make_user
from toolkit.httpcache import PUBLIC_VIEWS

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "127.0.0.1"}


def get(client, url, **headers):
    return client.get(url, **HOST, **headers)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/professions/",
        "/professions/dietitians/",
        "/case-studies/?profession=dietitians&q=therapy",
        "/case-studies/export.csv",
        "/careers/stories/",
        "/introduction/",
        "/sitemap.xml",
    ],
)
def test_a_public_page_has_validators_a_cdn_may_use(client, url):
    response = get(client, url)
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "public, no-cache"
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_a_matching_etag_gets_a_304_without_the_view_or_a_query(client, django_assert_num_queries):
    first = get(client, "/case-studies/")
    assert "case stud" in first.content.decode().lower()
    with django_assert_num_queries(0):
        again = get(client, "/case-studies/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, no-cache"
    # A cache updates the stored page's headers from these: no policy naming another nonce,
    # no length of nothing.
    assert "Content-Security-Policy" not in again
    assert "Content-Length" not in again


def test_if_modified_since_and_head_get_a_304_too(client):
    first = get(client, "/professions/")
    assert client.head("/professions/", **HOST).status_code == 200
    since = get(client, "/professions/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    head = client.head("/professions/", **HOST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert head.status_code == 304


def test_each_page_and_query_has_its_own_etag(client):
    tags = {
        get(client, url)["ETag"]
        for url in ["/case-studies/", "/case-studies/?q=therapy", "/professions/", "/"]
    }
    assert len(tags) == 4


def test_the_nonce_differs_but_the_etag_does_not(client):
    one, two = get(client, "/careers/"), get(client, "/careers/")
    assert one["Content-Security-Policy"] != two["Content-Security-Policy"]
    assert one["ETag"] == two["ETag"]


def test_a_publish_changes_the_etag_and_the_old_one_gets_the_new_page(client):
    publisher = make_user(role="publisher")
    case_study = CaseStudy.objects.published().order_by("title").first()
    before = get(client, "/case-studies/")
    detail = get(client, case_study.get_absolute_url())
    assert case_study.title in before.content.decode()

    publishing.unpublish(user=publisher, obj=case_study)
    after = get(client, "/case-studies/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert case_study.title not in after.content.decode()
    gone = get(client, case_study.get_absolute_url(), HTTP_IF_NONE_MATCH=detail["ETag"])
    assert gone.status_code == 404

    publishing.publish(user=publisher, obj=case_study)
    back = get(client, "/case-studies/", HTTP_IF_NONE_MATCH=after["ETag"])
    assert back.status_code == 200
    assert case_study.title in back.content.decode()
    assert get(client, "/case-studies/", HTTP_IF_NONE_MATCH=back["ETag"]).status_code == 304


def test_a_vocabulary_renamed_changes_the_etag(client):
    """No date, no count, no revision changes: the signal's new generation does."""
    before = get(client, "/professions/")
    from casestudies.models import OutcomeTag

    outcome = OutcomeTag.objects.first()
    outcome.name = outcome.name + " (renamed)"
    outcome.save()
    assert get(client, "/professions/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_a_deletion_changes_the_etag(client):
    before = get(client, "/careers/stories/")
    from careers.models import CareerStory

    CareerStory.objects.published().first().delete()
    assert get(client, "/careers/stories/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_capability_pages_are_never_stored(client):
    record = checklist_services.progress_record_create(client="192.0.2.70")
    for url in [record.get_absolute_url(), record.get_shared_url()]:
        response = get(client, url)
        assert response.status_code == 200
        assert "ETag" not in response
        assert "Last-Modified" not in response
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_the_checklist_with_its_form_is_not_marked_for_caches(client):
    response = get(client, "/checklist/")
    assert response.status_code == 200
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_admin_pages_are_never_stored(client):
    client.force_login(make_user(username="caching-admin", superuser=True))
    for url in ["/admin/", "/admin/casestudies/casestudy/"]:
        response = get(client, url)
        assert response.status_code == 200
        assert "ETag" not in response
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert "ETag" not in Client().get("/admin/login/", **HOST)


def test_a_signed_in_editor_gets_public_pages_fresh_and_private(client):
    public = get(Client(), "/professions/")
    client.force_login(make_user(role="editor"))
    response = get(client, "/professions/", HTTP_IF_NONE_MATCH=public["ETag"])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_every_view_named_for_caching_exists():
    names = set()

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern, pattern.namespace or namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    assert names >= PUBLIC_VIEWS, PUBLIC_VIEWS - names


def test_a_finder_page_reads_the_shared_cache_once(client, settings, monkeypatch):
    """The content version and the finder's own version come in one round trip to the cache
    (editorial.contentversion.along), read once per request whoever asks, and a page asked
    again reads the cache again (nothing is kept from one request to the next)."""
    settings.FINDER_BITINDEX = "on"
    reads, inside = [], []
    get_one, get_many = cache.get, cache.get_many

    def counted_get(*args, **kwargs):
        if not inside:  # not the local cache's own get_many, which gets key by key
            reads.append("get")
        return get_one(*args, **kwargs)

    def counted_get_many(*args, **kwargs):
        reads.append("get_many")
        inside.append(True)
        try:
            return get_many(*args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)
    for _ in range(2):
        get(client, "/case-studies/?profession=dietitians")  # the version and index kept
    reads.clear()
    assert get(client, "/case-studies/?outcome=cost-saving").status_code == 200
    assert reads == ["get_many"]
    reads.clear()
    assert get(client, "/case-studies/?outcome=cost-saving").status_code == 200
    assert reads == ["get_many"]
