"""Two people editing one record at once: both changes survive, or the clash is shown."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from checklist.models import Action, ActionProgress, ProgressChange, ProgressRecord
from checklist.services import ActionInput, progress_save
from tests.checklist.conftest import action_url
from tests.forms import form_data


def post(client, record, number, data):
    return client.post(action_url(record, number), {**data, "next": "list"})


@pytest.mark.django_db
def test_edits_to_different_actions_merge(client, record, open_form):
    alice, bob = open_form(record, 1), open_form(record, 2)  # both open their action's page
    alice.update({"action-1-status": "completed", "action-1-owner": "Alice"})
    bob.update({"action-2-status": "in_progress", "action-2-notes": "Bob's notes"})
    assert post(client, record, 1, alice).status_code == 302
    assert post(client, record, 2, bob).status_code == 302
    saved = {p.action.number: p for p in ActionProgress.objects.filter(record=record)}
    assert saved[1].owner == "Alice" and saved[1].status == "completed"
    assert saved[2].notes == "Bob's notes"


@pytest.mark.django_db
def test_details_and_actions_edited_at_once_merge(client, record, open_form):
    alice, bob = open_form(record), open_form(record, 7)
    alice["details-organisation"] = "Northshire and Southdale Trust"
    bob["action-7-status"] = "completed"
    client.post(record.get_absolute_url(), alice)
    post(client, record, 7, bob)
    record.refresh_from_db()
    assert record.organisation == "Northshire and Southdale Trust"
    assert ActionProgress.objects.get(record=record).action.number == 7


@pytest.mark.django_db
def test_a_clash_on_one_action_shows_both_versions_and_loses_nothing(client, record, open_form):
    alice, bob = open_form(record, 3), open_form(record, 3)
    bob_elsewhere = open_form(record, 4)
    alice.update({"action-3-status": "completed", "action-3-owner": "Alice Example"})
    bob.update({"action-3-status": "in_progress", "action-3-owner": "Bob Example"})
    bob_elsewhere["action-4-owner"] = "Bob on action 4"
    post(client, record, 3, alice)
    post(client, record, 4, bob_elsewhere)
    response = post(client, record, 3, bob)
    html = response.content.decode()

    assert response.status_code == 409
    summary = html.split('class="nhsuk-error-summary"')[1].split("</div>")[0]
    assert "Someone else changed this action while you were editing" in summary
    assert 'href="#their-version"' in summary and 'id="their-version"' in html
    # Theirs (Alice's, saved) and mine (Bob's, in the form) are both on the page.
    assert "Their version:" in html and "Alice Example" in html
    assert 'value="Bob Example"' in html
    # Alice's save stands; Bob's change to another action was merged.
    saved = {p.action.number: p for p in ActionProgress.objects.filter(record=record)}
    assert saved[3].owner == "Alice Example" and saved[3].status == "completed"
    assert saved[4].owner == "Bob on action 4"

    # Saving again keeps Bob's version on purpose.
    again = post(client, record, 3, form_data(html))
    assert again.status_code == 302
    saved3 = ActionProgress.objects.get(record=record, action__number=3)
    assert (saved3.owner, saved3.version) == ("Bob Example", 2)
    assert ProgressChange.objects.filter(record=record, action__number=3).count() == 2


@pytest.mark.django_db
def test_a_clash_on_the_details_shows_both_versions(client, record, open_form):
    alice, bob = open_form(record), open_form(record)
    alice["details-organisation"] = "Alice's trust"
    bob["details-organisation"] = "Bob's trust"
    client.post(record.get_absolute_url(), alice)
    response = client.post(record.get_absolute_url(), bob)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed the organisation details" in html
    assert "Alice&#39;s trust" in html and 'value="Bob&#39;s trust"' in html
    record.refresh_from_db()
    assert record.organisation == "Alice's trust"


@pytest.mark.django_db
def test_autosave_reports_a_clash_without_saving_over_it(client, record, open_form):
    alice, bob = open_form(record, 9), open_form(record, 9)
    alice["action-9-owner"] = "Alice"
    bob["action-9-owner"] = "Bob"
    post(client, record, 9, alice)
    response = client.post(action_url(record, 9), bob, HTTP_ACCEPT="application/json")
    assert response.status_code == 409 and not response.json()["ok"]
    assert response.json()["forms"] == {}  # Bob's form stays based on what he saw
    assert ActionProgress.objects.get(record=record).owner == "Alice"
    # Bob then presses the button: both versions are shown, Alice's still stands.
    response = post(client, record, 9, bob)
    assert response.status_code == 409 and "Their version:" in response.content.decode()
    assert ActionProgress.objects.get(record=record).owner == "Alice"


@pytest.mark.django_db
def test_the_same_change_made_twice_is_not_a_clash(client, record, open_form):
    alice, bob = open_form(record, 8), open_form(record, 8)
    for data in (alice, bob):
        data["action-8-status"] = "completed"
    post(client, record, 8, alice)
    assert post(client, record, 8, bob).status_code == 302
    assert ActionProgress.objects.get(record=record).version == 1


def test_real_concurrent_saves_both_survive_or_clash(loaded_content):
    """Two threads save the same record at the same moment, each with its own connection."""
    record = ProgressRecord.objects.create()
    first, second = Action.objects.filter(number__in=[1, 2]).order_by("number")
    barrier = threading.Barrier(2)
    results, errors = {}, []

    def save(name, inputs):
        try:
            barrier.wait(timeout=10)
            for _ in range(200):
                try:
                    results[name] = progress_save(record=record, items=inputs)
                    break
                except OperationalError as error:
                    # The test database is SQLite in memory with a shared cache, which answers
                    # "table is locked" at once where a database file (WAL, 20 s timeout)
                    # waits for the other writer. Wait here instead, as that timeout would.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=save,
            args=(
                "alice",
                [
                    ActionInput(first, 0, "completed", owner="Alice"),
                    ActionInput(second, 0, "in_progress", owner="Alice"),
                ],
            ),
        ),
        threading.Thread(
            target=save,
            args=("bob", [ActionInput(second, 0, "completed", owner="Bob")]),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    saved = {p.action.number: p for p in ActionProgress.objects.filter(record=record)}
    # Action 1 only Alice touched: saved. Action 2 both touched: exactly one saved it, and
    # the other was told of the clash, with both versions.
    assert saved[1].owner == "Alice"
    assert saved[2].version == 1
    winner = saved[2].owner.lower()
    loser = "bob" if winner == "alice" else "alice"
    assert results[winner].clashes == []
    [clash] = results[loser].clashes
    assert clash.action == second
    assert clash.theirs["owner"] == saved[2].owner
    assert clash.mine["owner"] == loser.title()
