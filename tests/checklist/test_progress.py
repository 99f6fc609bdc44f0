"""Progress records: start one, edit it through its link, share it, replace links, delete it."""

import re

import pytest

from checklist.models import ActionProgress, ProgressChange, ProgressRecord, ProgressStatus
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def test_start_creates_a_record_and_goes_to_its_edit_page(client):
    response = client.post("/checklist/start/")
    record = ProgressRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/checklist/progress/{record.edit_token}/"
    page = client.get(response["Location"]).content.decode()
    assert "Bookmark this page or copy its link" in page
    assert f"http://testserver/checklist/progress/{record.edit_token}/" in page
    assert f"http://testserver/checklist/shared/{record.read_token}/" in page


def test_start_needs_a_post(client):
    assert client.get("/checklist/start/").status_code == 405
    assert not ProgressRecord.objects.exists()


def test_the_checklist_offers_to_start_tracking(client):
    page = client.get("/checklist/").content.decode()
    assert 'action="/checklist/start/"' in page
    assert "Start tracking your progress" in page


def test_tokens_are_long_random_and_not_sequential():
    records = [ProgressRecord.objects.create() for _ in range(20)]
    tokens = [r.edit_token for r in records] + [r.read_token for r in records]
    assert len(set(tokens)) == 40
    for token in tokens:
        # token_urlsafe(32): 32 random bytes, 256 bits, 43 URL-safe characters.
        assert len(token) == 43 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert tokens != sorted(tokens)
    assert all(r.edit_token != r.read_token for r in records)
    # No shared prefix beyond chance, as a counter or timestamp would give.
    assert len({t[:4] for t in tokens}) > 35


@pytest.mark.parametrize(
    "make_path",
    [
        lambda r: f"/checklist/progress/{r.edit_token[:-1]}/",  # truncated
        lambda r: f"/checklist/progress/{r.edit_token}x/",  # extended
        lambda r: f"/checklist/progress/{'A' * 43}/",  # forged
        lambda r: f"/checklist/progress/{r.read_token}/",  # the read token cannot edit
        lambda r: f"/checklist/shared/{r.edit_token}/",  # nor the other way round
        lambda r: f"/checklist/shared/{r.read_token[:20]}/print/",
        lambda r: f"/checklist/progress/{'x' * 5000}/progress.csv",
    ],
)
def test_a_wrong_token_is_a_plain_404(client, record, make_path):
    response = client.get(make_path(record))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("suffix", "policy"),
    [
        ("shared", "no-referrer"),
        ("shared:print/", "no-referrer"),
        ("shared:progress.csv", "no-referrer"),
        ("print/", "no-referrer"),
        ("progress.pdf", "no-referrer"),
        # Pages that POST a form: "no-referrer" would make the browser send "Origin: null",
        # which fails the CSRF check. "same-origin" sends nothing to other sites either.
        ("", "same-origin"),
        ("delete/", "same-origin"),
        ("actions/1/", "same-origin"),
        ("shared:actions/14/", "no-referrer"),
    ],
)
def test_private_pages_send_no_referrer_no_store_and_noindex(client, record, suffix, policy):
    if suffix.startswith("shared"):
        path = record.get_shared_url() + suffix.removeprefix("shared").removeprefix(":")
    else:
        path = record.get_absolute_url() + suffix
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Referrer-Policy"] == policy
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    if response["Content-Type"].startswith("text/html"):
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_saving_records_status_owner_date_and_notes(client, record, save_action):
    response = save_action(
        record,
        1,
        {
            "status": "completed",
            "owner": "Director of AHPs",
            "target_day": "31",
            "target_month": "3",
            "target_year": "2026",
            "notes": "All 14 professions mapped.\nSee workforce plan.",
        },
    )
    assert response.status_code == 302
    first = ActionProgress.objects.get(record=record, action__number=1)
    assert first.status == ProgressStatus.COMPLETED
    assert first.owner == "Director of AHPs"
    assert str(first.target_date) == "2026-03-31"
    assert first.notes == "All 14 professions mapped.\nSee workforce plan."
    assert first.version == 1
    save_action(record, 2, {"status": "in_progress"})
    # Only what changed is stored.
    assert ActionProgress.objects.filter(record=record).count() == 2

    page = client.get(record.get_absolute_url()).content.decode()
    assert "1 of 14 completed, 1 in progress" in page
    assert "app-progress-bar__fill--5" in page  # 1 of 14: 7%, shown as 5%
    assert "Last changed" in page


def test_the_details_are_saved_on_the_overview(client, record, open_form):
    data = open_form(record)
    data.update({"details-area": "Northshire ICS", "details-completed_by": "Sam Patel"})
    response = client.post(record.get_absolute_url(), data, follow=True)
    assert "Your details were saved at" in response.content.decode()
    record.refresh_from_db()
    assert (record.area, record.completed_by) == ("Northshire ICS", "Sam Patel")


def test_every_save_is_kept_in_the_history(client, record, save_action):
    for status in ["in_progress", "completed"]:
        save_action(record, 3, {"status": status})
    history = ProgressChange.objects.filter(record=record, action__number=3)
    assert [(c.version, c.status) for c in history] == [(1, "in_progress"), (2, "completed")]
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Status: In progress → Completed" in page


def test_saving_an_unchanged_form_changes_nothing(client, record, open_form, save_action):
    response = client.post(record.get_absolute_url(), open_form(record), follow=True)
    assert "All changes are saved" in response.content.decode()
    response = save_action(record, 4, button="list", follow=True)
    html = response.content.decode()
    assert "All changes are saved" in html
    assert "There were no changes to save" not in html
    assert not ActionProgress.objects.exists()
    assert not ProgressChange.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"notes": "x" * 2001}, "action-4-notes", "Notes must be 2,000 characters or fewer"),
        (
            {"target_day": "31", "target_month": "2", "target_year": "2026"},
            "action-4-target_day",
            "Target date must be a real date",
        ),
        (
            {"target_day": "3", "target_month": "", "target_year": "2026"},
            "action-4-target_day",
            "Target date must include a month",
        ),
        (
            {"target_day": "a", "target_month": "b", "target_year": "c"},
            "action-4-target_day",
            "Target date must be a real date",
        ),
        (
            {"status": "done"},
            "action-4-status",
            "Select Not started, In progress, Completed or Not applicable",
        ),
        ({"owner": "o" * 201}, "action-4-owner", "Owner must be 200 characters or fewer"),
        (
            {"status": "not_applicable", "reason": "  "},
            "action-4-reason",
            "Enter why this action is not applicable",
        ),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_saved_is_lost(
    record, save_action, changes, field_id, message
):
    save_action(record, 4, {"status": "in_progress", "owner": "Saved owner"})
    response = save_action(record, 4, {"owner": "Typed owner", "notes": "Typed notes", **changes})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    summary = html.split('class="nhsuk-error-summary"')[1].split("</div>")[0]
    assert f'href="#{field_id}"' in summary and message in summary
    assert f'id="{field_id}' in html and "nhsuk-error-message" in html
    # The person's input is shown again, and what was saved before is still there.
    assert 'value="Typed owner"' in html or "Typed notes" in html
    saved = ActionProgress.objects.get(action__number=4)
    assert (saved.status, saved.owner, saved.version) == ("in_progress", "Saved owner", 1)


def test_a_post_without_the_csrf_token_is_refused_and_saves_nothing(record):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    url = record.get_absolute_url() + "actions/1/"
    data = form_data(strict.get(url).content.decode())
    data.pop("csrfmiddlewaretoken")
    data["action-1-status"] = "completed"
    assert strict.post(url, data).status_code == 403
    data = form_data(strict.get(record.get_absolute_url()).content.decode())
    data.pop("csrfmiddlewaretoken")
    data["details-organisation"] = "Forged"
    assert strict.post(record.get_absolute_url(), data).status_code == 403
    assert not ActionProgress.objects.exists()
    record.refresh_from_db()
    assert record.organisation == "Northshire Partnership Trust"


def test_the_read_only_link_shows_progress_but_cannot_change_it(client, record, save_action):
    save_action(record, 5, {"status": "in_progress", "owner": "Workforce lead"})

    for url in [record.get_shared_url(), record.get_shared_url() + "actions/5/"]:
        html = client.get(url).content.decode()
        assert "Workforce lead" in html and "0 of 14 completed, 1 in progress" in html
        assert "<form" not in html.split('id="maincontent"')[1]
        assert record.edit_token not in html
    data = {"action-5-status": "completed", "action-5-version": "1"}
    assert client.post(record.get_shared_url(), data).status_code == 405
    assert client.post(record.get_shared_url() + "actions/5/", data).status_code == 405
    assert client.post(record.get_shared_url() + "print/", data).status_code == 405
    assert ActionProgress.objects.get().status == "in_progress"


def test_replacing_the_edit_link_retires_the_old_one(client, record):
    old = record.get_absolute_url()
    response = client.post(old + "replace-link/", {"link": "edit"})
    record.refresh_from_db()
    assert response["Location"] == record.get_absolute_url() != old
    assert client.get(old).status_code == 404
    assert "This page has a new address" in client.get(record.get_absolute_url()).content.decode()


def test_replacing_the_read_link_retires_the_old_one(client, record):
    old = record.get_shared_url()
    client.post(record.get_absolute_url() + "replace-link/", {"link": "read"})
    record.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(old + "progress.csv").status_code == 404
    assert client.get(record.get_shared_url()).status_code == 200


def test_replacing_a_link_needs_the_edit_link_and_a_known_link(client, record):
    assert (
        client.post(record.get_shared_url() + "replace-link/", {"link": "edit"}).status_code == 404
    )
    assert (
        client.post(record.get_absolute_url() + "replace-link/", {"link": "x"}).status_code == 400
    )
    assert client.get(record.get_absolute_url() + "replace-link/").status_code == 405


def test_the_owner_can_delete_the_record(client, record):
    page = client.get(record.get_absolute_url() + "delete/").content.decode()
    assert "Delete this progress record?" in page
    response = client.post(record.get_absolute_url() + "delete/", follow=True)
    assert "Your progress record has been deleted" in response.content.decode()
    assert not ProgressRecord.objects.exists()
    assert client.get(record.get_absolute_url()).status_code == 404
    assert client.get(record.get_shared_url()).status_code == 404


def test_record_creation_is_rate_limited_per_client(client, settings):
    settings.CHECKLIST_RECORDS_PER_CLIENT = (3, 3600)
    for _ in range(3):
        assert client.post("/checklist/start/").status_code == 302
    response = client.post("/checklist/start/")
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many progress records started" in response.content.decode()
    assert ProgressRecord.objects.count() == 3
    # Another address is not held up.
    assert client.post("/checklist/start/", REMOTE_ADDR="10.0.0.9").status_code == 302


def test_save_as_you_go_answers_with_the_new_versions(client, record, open_form):
    url = record.get_absolute_url() + "actions/6/"
    data = open_form(record, 6)
    data["action-6-status"] = "completed"
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] and body["summary"].startswith("1 of 14 completed, 0 in progress")
    assert body["message"].startswith("Saved at ")
    assert ">Completed<" in body["state_html"] and "Last changed" in body["state_html"]
    assert body["forms"]["action-6"]["version"] == 1
    # The next save, based on the new version, goes through.
    data["action-6-version"] = "1"
    data["action-6-base"] = body["forms"]["action-6"]["base"]
    data["action-6-notes"] = "Signed off"
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.json()["ok"]
    assert ActionProgress.objects.get().notes == "Signed off"
    # Nothing new: said so in words a person can trust.
    data["action-6-version"] = "2"
    data["action-6-base"] = response.json()["forms"]["action-6"]["base"]
    body = client.post(url, data, HTTP_ACCEPT="application/json").json()
    assert body["ok"] and body["message"] == "All changes are saved"

    data["action-6-target_day"] = "99"
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and not response.json()["ok"]
    assert ActionProgress.objects.get().version == 2


def test_private_pages_do_not_repeat_their_address_in_metadata(client):
    from checklist.models import ProgressRecord

    record = ProgressRecord.objects.create(organisation="Metadata Trust")
    for url in [record.get_absolute_url(), record.get_shared_url()]:
        html = client.get(url).content.decode()
        assert 'property="og:url"' not in html
        assert record.edit_token not in html.split("<body")[0]
