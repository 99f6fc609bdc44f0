"""manage.py check_links against a local HTTP server only (never the internet)."""

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import models

from careers.models import CareerStory, Resource
from casestudies.models import CaseStudy
from editorial.links import linked_models, stored_links
from editorial.models import LinkCheck
from editorial.richtext import RichTextField
from editorial.warnings import content_warnings
from pages.models import Page
from tests.users import make_user

pytestmark = pytest.mark.django_db

SLOW_SECONDS = 1.5


class Handler(BaseHTTPRequestHandler):
    def answer(self, with_body):
        path = self.path
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        status, headers = {
            "/ok": (200, {}),
            "/slow": (200, {}),
            "/missing": (404, {}),
            "/error": (500, {}),
            "/moved": (301, {"Location": "/ok"}),
            "/get-only": (405 if not with_body else 200, {}),
        }.get(path, (404, {}))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self.answer(with_body=False)

    def do_GET(self):
        self.answer(with_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local_links(server):
    """Every stored link pointed at the local server, so nothing leaves the machine."""
    for model, fields in linked_models():
        for obj in model._default_manager.all():
            for field in fields:
                value = getattr(obj, field.attname)
                if isinstance(field, models.URLField) and value:
                    setattr(obj, field.attname, f"{server}/ok")
                elif isinstance(field, RichTextField):
                    setattr(
                        obj, field.attname, re.sub(r'href="[^"]*"', f'href="{server}/ok"', value)
                    )
            model._default_manager.filter(pk=obj.pk).update(
                **{f.attname: getattr(obj, f.attname) for f in fields}
            )
    studies = list(CaseStudy.objects.all()[:4])
    for study, path in zip(studies, ["/missing", "/error", "/moved", "/get-only"], strict=True):
        CaseStudy.objects.filter(pk=study.pk).update(source_url=f"{server}{path}")
    Resource.objects.filter(pk=Resource.objects.first().pk).update(url=f"{server}/slow")
    page = Page.objects.get(slug="introduction")
    page.body = f'<p>See <a href="{server}/missing">this</a> and <a href="mailto:x@example.org">mail</a>.</p>'
    page.save()
    assert all(url.startswith(server) for url in stored_links())
    return server


def run(*args):
    out = StringIO()
    call_command("check_links", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_every_stored_link_is_checked_and_recorded(local_links):
    server = local_links
    lines = run("--timeout", "0.5", "--concurrency", "4")
    assert lines[0] == "Checking 6 link(s), 4 at a time"
    assert len([line for line in lines if line.startswith("  [")]) == 6
    assert re.fullmatch(r"check_links: 6 link\(s\) checked, 3 broken, in [\d.]+s", lines[-1])

    results = {check.url.removeprefix(server): check for check in LinkCheck.objects.all()}
    assert set(results) == {"/ok", "/missing", "/error", "/moved", "/get-only", "/slow"}
    assert (results["/ok"].broken, results["/ok"].status_code) == (False, 200)
    assert (results["/missing"].broken, results["/missing"].status_code) == (True, 404)
    assert (results["/error"].broken, results["/error"].status_code) == (True, 500)
    assert results["/moved"].status_code == 200 and not results["/moved"].broken
    assert results["/moved"].final_url == f"{server}/ok"
    assert results["/get-only"].status_code == 200 and not results["/get-only"].broken
    assert results["/slow"].broken and results["/slow"].error == "No answer within 0.5 seconds"
    # Broken first.
    assert [check.broken for check in LinkCheck.objects.all()][:3] == [True, True, True]
    used = {use["model"] for use in results["/missing"].used_by}
    assert used == {"casestudies.casestudy", "pages.page"}


def test_a_second_run_drops_links_no_longer_stored(local_links):
    server = local_links
    run("--timeout", "0.5")
    CaseStudy.objects.filter(source_url=f"{server}/error").update(source_url=f"{server}/ok")
    run("--timeout", "0.5")
    assert not LinkCheck.objects.filter(url=f"{server}/error").exists()


def test_broken_links_are_content_warnings_and_shown_on_the_change_form(local_links, admin_client):
    server = local_links
    run("--timeout", "0.5")
    study = CaseStudy.objects.get(source_url=f"{server}/missing")
    assert "A link is broken (HTTP 404, checked" in content_warnings(study)[-1]
    page = admin_client.get(f"/admin/casestudies/casestudy/{study.pk}/change/").content.decode()
    assert f"{server}/missing" in page and "A link is broken (HTTP 404" in page
    listing = admin_client.get("/admin/editorial/linkcheck/?broken__exact=1").content.decode()
    assert f"{server}/missing" in listing and f"{server}/ok<" not in listing
    assert f"/admin/casestudies/casestudy/{study.pk}/change/" in listing


def test_a_career_storys_answers_count_as_its_links(local_links):
    server = local_links
    story = CareerStory.objects.filter(answers__isnull=False).first()
    answer = story.answers.first()
    answer.answer = f'<p><a href="{server}/error">Link</a></p>'
    answer.save()
    run("--timeout", "0.5")
    check = LinkCheck.objects.get(url=f"{server}/error")
    assert {"model": "careers.careerstory", "pk": story.pk} in [
        {"model": use["model"], "pk": use["pk"]} for use in check.used_by
    ]
    assert any("HTTP 500" in warning for warning in content_warnings(story))


def test_bad_options_are_refused():
    with pytest.raises(CommandError):
        call_command("check_links", "--concurrency", "0", stdout=StringIO())


def test_the_link_check_list_is_read_only_and_editors_may_see_it(client):
    client.force_login(make_user(role="editor"))
    assert client.get("/admin/editorial/linkcheck/").status_code == 200
    assert client.get("/admin/editorial/linkcheck/add/").status_code == 403
