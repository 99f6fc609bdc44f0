"""Progress records for the system-view tests, made through the checklist's own services."""

import datetime

from checklist import services
from checklist.models import Action, ProgressRecord


def make_record(organisation, statuses=None, *, area="", overdue=()):
    """A record with ``statuses`` ({action number: status}); actions in ``overdue`` get a
    target date in the past."""
    record = ProgressRecord.objects.create(organisation=organisation, area=area)
    past = datetime.date.today() - datetime.timedelta(days=10)
    items = [
        services.ActionInput(
            action=action,
            base_version=0,
            status=status,
            target_date=past if action.number in overdue else None,
            reason="We run no inpatient services" if status == "not_applicable" else "",
        )
        for action in Action.objects.filter(number__in=list(statuses or {}))
        for status in [statuses[action.number]]
    ]
    services.progress_save(record=record, items=items)
    return record


def three_records():
    """Three organisations of one system, with overdue actions in two of them."""
    return [
        make_record(
            "Northshire Partnership NHS Foundation Trust",
            {1: "completed", 2: "in_progress", 3: "not_applicable"},
            area="Northshire ICS",
            overdue=(2,),
        ),
        make_record("Southdale Community Health", {1: "completed", 2: "completed"}),
        make_record(
            "Eastfield Mental Health Services",
            {4: "in_progress", 5: "not_started"},
            overdue=(4, 5),
        ),
    ]
