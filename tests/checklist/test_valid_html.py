"""The states the page-type gate does not reach (errors, a clash, changes since a date) are
valid HTML too."""

import pytest

from tests.vnu import vnu_errors

pytestmark = pytest.mark.django_db


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
    pages["since"] = client.get(url + "print/?since=2020-01-01").content
    pages["since-error"] = client.get(url + "print/?since=31/12/2020").content

    assert vnu_errors(pages, tmp_path) == []
