"""The states the page-type gate does not reach (errors, a clash, changes since a date, a bad
file to start a record from) are valid HTML too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.vnu import vnu_errors

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_error_clash_and_history_states_are_valid_html(client, record, open_form, tmp_path):
    url = record.get_absolute_url()
    action = f"{url}actions/2/"
    bad = open_form(record, 2)
    bad.update({"action-2-target_day": "40", "action-2-notes": "x" * 2100, "action-2-status": "?"})
    pages = {"errors": client.post(action, bad).content}
    bad.update({"action-2-status": "not_applicable", "action-2-reason": ""})
    pages["reason-error"] = client.post(action, bad).content
    alice, bob = open_form(record, 2), open_form(record, 2)
    alice["action-2-owner"] = "Alice"
    bob["action-2-owner"] = "Bob"
    client.post(action, alice)
    pages["clash"] = client.post(action, bob).content
    alice, bob = open_form(record), open_form(record)
    alice["details-organisation"] = "Alice's trust"
    bob["details-organisation"] = "Bob's trust"
    client.post(url, alice)
    pages["details-clash"] = client.post(url, bob).content
    pages["overview"] = client.get(url).content
    pages["action"] = client.get(action).content
    pages["shared"] = client.get(record.get_shared_url()).content
    pages["shared-action"] = client.get(f"{record.get_shared_url()}actions/2/").content
    pages["since"] = client.get(url + "print/?since-day=1&since-month=1&since-year=2020").content
    pages["since-error"] = client.get(
        url + "print/?since-day=31&since-month=2&since-year=2020"
    ).content
    pages["from-file"] = client.get("/checklist/start/from-file/").content
    bad = SimpleUploadedFile("bad.csv", b"Action number,Status\n1,Done\n99,Completed\n")
    pages["from-file-errors"] = client.post("/checklist/start/from-file/", {"file": bad}).content
    pages["from-file-no-file"] = client.post("/checklist/start/from-file/", {}).content

    assert vnu_errors(pages, tmp_path) == []
