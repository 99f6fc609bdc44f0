"""A failed import keeps the file: the page names it, and "Try again with the same file"
reads the kept copy again once the editor has fixed the data (a missing tag). The kept name is
signed: a changed or stale one is an error message, never another file or a 500."""

import io
import re

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casestudies.models import CaseStudy, OutcomeTag
from tests.page_text import visible_text
from tests.users import make_user

pytestmark = pytest.mark.django_db

IMPORT = "/admin/casestudies/casestudy/import/"
HEADER = "slug,title,summary,source_url,publisher,kind,professions,outcomes,settings,status\n"
ROW = (
    "retried-study,Retried study,<p>Hi</p>,https://example.org/r,NHS,case_study,"
    "dietitians,a-brand-new-outcome,mental-health,draft\n"
)


def signed_in(role):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(make_user(role=role))
    return client


def upload(client, content=HEADER + ROW, name="case-studies.csv", fmt="0"):
    data = content if isinstance(content, bytes) else content.encode()
    return client.post(
        IMPORT, {"format": fmt, "resource": "0", "import_file": SimpleUploadedFile(name, data)}
    )


def xlsx(text):
    book = openpyxl.Workbook()
    for line in text.splitlines():
        book.active.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def retry_fields(response):
    form = response.context["retry_form"]
    return {**form.initial, "_retry": "Try again with the same file"}


def test_the_failed_import_names_the_file_and_retries_it_after_the_fix():
    client = signed_in("publisher")
    failed = upload(client)
    assert failed.status_code == 200
    text = visible_text(failed.content.decode())
    assert "You uploaded case-studies.csv" in text
    assert "Unknown outcome tag: a-brand-new-outcome." in text
    assert 'value="Try again with the same file"' in failed.content.decode()
    ids = re.findall(r'\bid="([^"]+)"', failed.content.decode())
    assert len(ids) == len(set(ids)), "the retry's fields repeat the import form's ids"
    # Still unfixed: the retry reads the same file, and fails the same way.
    again = client.post(IMPORT, retry_fields(failed))
    assert again.status_code == 200
    assert "Unknown outcome tag: a-brand-new-outcome." in visible_text(again.content.decode())
    assert "You uploaded case-studies.csv" in visible_text(again.content.decode())

    OutcomeTag.objects.create(name="A brand new outcome", slug="a-brand-new-outcome")
    retried = client.post(IMPORT, retry_fields(again))
    assert retried.status_code == 200
    assert "confirm_form" in retried.context
    assert "Retried study" in visible_text(retried.content.decode())
    form = retried.context["confirm_form"]
    applied = client.post(
        "/admin/casestudies/casestudy/process_import/", {**form.initial, "resource": "0"}
    )
    assert applied.status_code == 302
    study = CaseStudy.objects.get(slug="retried-study")
    assert [o.slug for o in study.outcomes.all()] == ["a-brand-new-outcome"]


def test_a_spreadsheet_is_kept_and_retried_too():
    client = signed_in("publisher")
    failed = upload(client, xlsx(HEADER + ROW), name="case-studies.xlsx", fmt="1")
    assert "You uploaded case-studies.xlsx" in visible_text(failed.content.decode())
    OutcomeTag.objects.create(name="A brand new outcome", slug="a-brand-new-outcome")
    retried = client.post(IMPORT, retry_fields(failed))
    assert "confirm_form" in retried.context
    assert "Retried study" in visible_text(retried.content.decode())


def test_an_editor_gets_the_retry_too():
    client = signed_in("editor")
    failed = upload(client)
    assert "You uploaded case-studies.csv" in visible_text(failed.content.decode())
    assert failed.context["retry_form"] is not None


@pytest.mark.parametrize(
    "change",
    [
        {"import_file_name": "passwd"},
        {"import_file_name": "../../etc/passwd"},
        {"format": "7"},
        {"format": "csv"},
    ],
)
def test_a_changed_kept_file_is_an_error_message_not_a_500(change):
    client = signed_in("publisher")
    fields = {**retry_fields(upload(client)), **change}
    response = client.post(IMPORT, fields, follow=True)
    assert response.status_code == 200
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "could not be found again" in message and "Choose the file again" in message
    assert "Choose the file again" in visible_text(response.content.decode())
    assert not CaseStudy.objects.filter(slug="retried-study").exists()


def test_a_kept_file_that_has_gone_is_an_error_message():
    client = signed_in("publisher")
    fields = retry_fields(upload(client))
    assert client.post(IMPORT, fields).status_code == 200  # reads the copy, keeps a new one
    response = client.post(IMPORT, fields, follow=True)  # the first copy has gone
    assert response.status_code == 200
    assert re.search(r"could not be found again", visible_text(response.content.decode()))
