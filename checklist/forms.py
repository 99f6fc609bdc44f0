"""The progress forms: the record's details (on the overview) and one action (on its page).

Each form carries the version it was based on and a fingerprint of the values it showed, so
a save applies only what this person changed and notices what someone else saved meanwhile.
"""

import datetime

from django import forms

from checklist.models import NOTES_MAX_LENGTH, OWNER_MAX_LENGTH, REASON_MAX_LENGTH, ProgressStatus
from checklist.services import DETAIL_FIELDS, ActionInput, DetailsInput, fingerprint


class NotesField(forms.CharField):
    def to_python(self, value):
        # Browsers send line breaks as CRLF; count them as one character, as the page does.
        return super().to_python(value).replace("\r\n", "\n")


class VersionedForm(forms.Form):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    base = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def tracked_values(self) -> dict:
        raise NotImplementedError

    def is_changed(self) -> bool:
        """Whether the person changed anything from what their form showed."""
        return fingerprint(self.tracked_values()) != self.cleaned_data["base"]

    def value(self, name):
        """The value to show: what was posted, else the initial value."""
        return self[name].value()


class DetailsForm(VersionedForm):
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    area = forms.CharField(
        label="Area or integrated care system (ICS)", max_length=200, required=False
    )
    completed_by = forms.CharField(label="Completed by", max_length=200, required=False)

    def tracked_values(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in DETAIL_FIELDS}

    def to_input(self) -> DetailsInput:
        return DetailsInput(base_version=self.cleaned_data["version"], **self.tracked_values())


class ActionProgressForm(VersionedForm):
    status = forms.ChoiceField(
        choices=ProgressStatus.choices,
        error_messages={
            "required": "Select a status",
            "invalid_choice": "Select Not started, In progress, Completed or Not applicable",
        },
    )
    owner = forms.CharField(
        max_length=OWNER_MAX_LENGTH,
        required=False,
        error_messages={"max_length": f"Owner must be {OWNER_MAX_LENGTH} characters or fewer"},
    )
    target_day = forms.CharField(max_length=2, required=False)
    target_month = forms.CharField(max_length=2, required=False)
    target_year = forms.CharField(max_length=4, required=False)
    notes = NotesField(
        max_length=NOTES_MAX_LENGTH,
        required=False,
        error_messages={"max_length": f"Notes must be {NOTES_MAX_LENGTH:,} characters or fewer"},
    )

    reason = NotesField(
        max_length=REASON_MAX_LENGTH,
        required=False,
        error_messages={"max_length": f"Reason must be {REASON_MAX_LENGTH:,} characters or fewer"},
    )

    def __init__(self, *args, action, **kwargs):
        self.action = action
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        parts = [cleaned.get(f"target_{part}", "").strip() for part in ("day", "month", "year")]
        cleaned["target_date"] = None
        if any(parts):
            if not all(parts):
                missing = [n for n, p in zip(("day", "month", "year"), parts, strict=True) if not p]
                self.add_error("target_day", f"Target date must include a {' and '.join(missing)}")
            elif not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
                self.add_error("target_day", "Target date must be a real date, like 31 3 2026")
            else:
                try:
                    cleaned["target_date"] = datetime.date(*map(int, reversed(parts)))
                except ValueError:
                    self.add_error("target_day", "Target date must be a real date, like 31 3 2026")
        if cleaned.get("status") == ProgressStatus.NOT_APPLICABLE:
            if not cleaned.get("reason", "").strip():
                self.add_error("reason", "Enter why this action is not applicable")
        else:
            cleaned["reason"] = ""  # a reason belongs only to "Not applicable"
        return cleaned

    def tracked_values(self) -> dict:
        return {
            "status": self.cleaned_data.get("status"),
            "owner": self.cleaned_data.get("owner", ""),
            "target_date": self.cleaned_data.get("target_date"),
            "notes": self.cleaned_data.get("notes", ""),
            "reason": self.cleaned_data.get("reason", ""),
        }

    def to_input(self) -> ActionInput:
        return ActionInput(
            action=self.action, base_version=self.cleaned_data["version"], **self.tracked_values()
        )


def details_initial(record) -> dict:
    values = {name: getattr(record, name) for name in DETAIL_FIELDS}
    return {**values, "version": record.version, "base": fingerprint(values)}


def action_initial(progress) -> dict:
    target = progress.target_date
    return {
        "status": progress.status,
        "owner": progress.owner,
        "target_day": target.day if target else "",
        "target_month": target.month if target else "",
        "target_year": target.year if target else "",
        "notes": progress.notes,
        "reason": progress.reason,
        "version": progress.version,
        "base": fingerprint(progress.values()),
    }


def rebased(form, data, initial):
    """What was sent, on top of the version saved since: a clash shows the person's own values
    again, and sending them once more replaces the other change, knowingly."""
    data = data.copy()
    for name in ("version", "base"):
        data[form.add_prefix(name)] = str(initial[name])
    return data


def details_form(record, data=None) -> DetailsForm:
    return DetailsForm(data, prefix="details", auto_id="%s", initial=details_initial(record))


def action_form(row, data=None) -> ActionProgressForm:
    return ActionProgressForm(
        data,
        prefix=f"action-{row.action.number}",
        auto_id="%s",
        action=row.action,
        initial=action_initial(row.progress),
    )


def error_list(form) -> list[dict]:
    """The error summary's entries, each linking to its field."""
    entries = []
    for name, errors in form.errors.items():
        if name in {"version", "base", "__all__"}:
            name = "status" if isinstance(form, ActionProgressForm) else "organisation"
            errors = ["This form was changed outside this page: save it again"]
        entries.append({"href": f"#{form[name].auto_id}", "text": errors[0]})
    return entries
