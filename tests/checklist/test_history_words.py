"""The history says what changed, in words: "Owner: Sam Patel → Ali Khan", who the record named
as completing it, and when; never "action 14 saved as Not started" for an owner change."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string

from checklist import history, selectors, services
from checklist.models import Action, ProgressChange

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AT_10_32 = datetime.datetime(2026, 12, 2, 10, 32, tzinfo=LONDON)


def action(number):
    return Action.objects.get(number=number)


def save(record, number, *, now, **values):
    """Save one action as the edit page would, based on the version now saved."""
    item = record.items.filter(action__number=number).first()
    current = item.values() if item else {"status": "not_started", "owner": "", "notes": ""}
    merged = {"target_date": None, "reason": "", **current, **values}
    entry = services.ActionInput(
        action=action(number), base_version=item.version if item else 0, **merged
    )
    result = services.progress_save(record=record, items=[entry], now=now)
    assert result.saved and not result.clashes


def named(record, name):
    record.completed_by = name
    record.save()


def lines_of(groups):
    return [line for group in groups for _title, change in group.items for line in change.lines]


def test_each_field_that_changed_is_one_sentence(record):
    named(record, "Jane Doe")
    save(record, 14, now=AT_10_32, status="in_progress", owner="Sam Patel")
    save(
        record,
        14,
        now=AT_10_32 + datetime.timedelta(hours=1),
        owner="Ali Khan",
        target_date=datetime.date(2026, 6, 30),
    )
    latest = selectors.recent_history(record=record)[0]
    assert latest.heading == "2 December 2026 at 11:32"
    assert latest.byline == "Completed by Jane Doe"
    (title, change), *_ = latest.items
    assert title.startswith("14. ")
    assert change.lines == ["Owner: Sam Patel → Ali Khan", "Target date: not given → 30 June 2026"]
    first = selectors.recent_history(record=record)[1]
    assert first.items[0][1].lines == [
        "Status: Not started → In progress",
        "Owner: not given → Sam Patel",
    ]


def test_an_owner_change_never_reads_as_a_status_save(client, record):
    save(record, 14, now=AT_10_32, owner="Sam Patel")
    save(record, 14, now=AT_10_32 + datetime.timedelta(minutes=5), owner="Ali Khan")
    words = lines_of(selectors.recent_history(record=record))
    assert words == ["Owner: Sam Patel → Ali Khan", "Owner: not given → Sam Patel"]
    assert not any("saved as" in line for line in words)


def test_dates_statuses_notes_and_not_applicable_in_words(record):
    at = iter(AT_10_32 + datetime.timedelta(minutes=m) for m in range(10))
    save(record, 3, now=next(at), target_date=datetime.date(2026, 3, 31), notes="Agreed")
    save(record, 3, now=next(at), target_date=datetime.date(2026, 6, 30), notes="Agreed in May")
    save(record, 3, now=next(at), status="completed", notes="")
    save(record, 3, now=next(at), status="not_applicable", reason="No inpatient beds")
    save(record, 3, now=next(at), reason="No inpatient beds since April")
    save(record, 3, now=next(at), status="in_progress", reason="")
    words = [group.items[0][1].lines for group in reversed(selectors.recent_history(record=record))]
    assert words == [
        ["Target date: not given → 31 March 2026", "Notes added"],
        ["Target date: 31 March 2026 → 30 June 2026", "Notes changed"],
        ["Status: Not started → Completed", "Notes removed"],
        ["Marked not applicable: No inpatient beds"],
        ["Reason not applicable: No inpatient beds since April"],
        ["Status: Not applicable → In progress"],
    ]


def test_one_save_of_several_actions_is_one_group_with_the_time_and_the_name(record):
    named(record, "Sam Patel")
    inputs = [
        services.ActionInput(action=action(n), base_version=0, status="completed") for n in (1, 2)
    ]
    services.progress_save(record=record, items=inputs, now=AT_10_32)
    (group,) = selectors.recent_history(record=record)
    assert group.heading == "2 December 2026 at 10:32"
    assert group.byline == "Completed by Sam Patel"
    assert [title[:3] for title, _change in group.items] in (["1. ", "2. "], ["2. ", "1. "])


def test_the_name_is_the_one_the_record_had_at_the_time(record):
    named(record, "Sam Patel")
    save(record, 5, now=AT_10_32, status="in_progress")
    named(record, "Ali Khan")
    save(record, 5, now=AT_10_32 + datetime.timedelta(days=1), status="completed")
    bylines = [group.byline for group in selectors.recent_history(record=record)]
    assert bylines == ["Completed by Ali Khan", "Completed by Sam Patel"]


def test_changes_since_are_grouped_by_action_each_with_when_and_who(record):
    named(record, "Jane Doe")
    save(record, 2, now=AT_10_32 - datetime.timedelta(days=30), owner="Sam Patel")
    save(record, 2, now=AT_10_32, owner="Ali Khan")
    save(record, 1, now=AT_10_32, status="completed")
    groups = selectors.changes_since(record=record, since=datetime.date(2026, 11, 30))
    assert [group.heading[:3] for group in groups] == ["1. ", "2. "]
    title, change = groups[1].items[0]
    assert title == "2 December 2026 at 10:32 · Completed by Jane Doe"
    # The change before the date still gives the "before".
    assert change.lines == ["Owner: Sam Patel → Ali Khan"]


def test_the_partial_lists_the_words(record):
    named(record, "Jane Doe")
    save(record, 14, now=AT_10_32, owner="Sam Patel")
    html = render_to_string(
        "checklist/_history.jinja", {"history": selectors.recent_history(record=record)}
    )
    assert "<h3" in html and "2 December 2026 at 10:32" in html
    assert "<li>Owner: not given → Sam Patel</li>" in html
    assert "Completed by Jane Doe" in html


@pytest.mark.parametrize("saves", [1, 50])
def test_recent_history_and_changes_since_take_constant_queries(
    record, saves, django_assert_num_queries
):
    for n in range(saves):
        save(record, 1 + n % 14, now=AT_10_32 + datetime.timedelta(minutes=n), owner=f"Owner {n}")
    assert ProgressChange.objects.filter(record=record).count() == saves
    with django_assert_num_queries(2 if saves > 1 else 1):
        groups = selectors.recent_history(record=record)
    assert sum(len(group.items) for group in groups) == min(saves, 10)
    with django_assert_num_queries(1):
        selectors.changes_since(record=record, since=datetime.date(2026, 12, 1))


def test_sentences_from_nothing_recorded():
    after = {
        "status": "not_applicable",
        "owner": "",
        "target_date": None,
        "notes": "",
        "reason": "Not relevant here",
    }
    assert history.sentences(None, after) == ["Marked not applicable: Not relevant here"]
