import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from checklist.models import Action, ActionProgress, ProgressRecord

pytestmark = pytest.mark.django_db


def make(age_days, **fields):
    record = ProgressRecord.objects.create(**fields)
    then = timezone.now() - datetime.timedelta(days=age_days)
    ProgressRecord.objects.filter(pk=record.pk).update(created_at=then, updated_at=then)
    return record


def test_purge_removes_only_records_left_empty_for_30_days(capsys):
    old_empty = [make(31), make(45)]
    recent_empty = make(5)
    named = make(60, organisation="Northshire")
    with_progress = make(60)
    ActionProgress.objects.create(record=with_progress, action=Action.objects.first())

    call_command("purge_empty_progress")

    remaining = set(ProgressRecord.objects.values_list("pk", flat=True))
    assert remaining == {recent_empty.pk, named.pk, with_progress.pk}
    assert not remaining & {r.pk for r in old_empty}
    output = capsys.readouterr().out.strip().splitlines()
    assert output[0].startswith("2 empty progress records untouched since")
    assert output[-1] == "Deleted 2 empty progress records older than 30 days."


def test_purge_dry_run_deletes_nothing(capsys):
    make(40)
    call_command("purge_empty_progress", "--dry-run", "--days", "30")
    assert ProgressRecord.objects.count() == 1
    assert "Would delete 1 empty progress records" in capsys.readouterr().out
