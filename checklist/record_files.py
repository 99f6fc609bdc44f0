"""Start a new record from a file downloaded from another (CSV or JSON)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from checklist import records_io, services
from checklist.models import Action
from editorial.ratelimit import client_address

FIELD_ID = "record-file"


class RecordFileForm(forms.Form):
    file = forms.FileField(
        error_messages={
            "required": "Select a CSV or JSON file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV or JSON file",
        }
    )


@require_http_methods(["GET", "HEAD", "POST"])
def start_from_file(request):
    errors, file_errors = [], []
    if request.method == "POST":
        form = RecordFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            # One byte more than the limit is enough to know the file is too big.
            data = upload.read(records_io.MAX_BYTES + 1)
            actions = list(Action.objects.published().only("number", "title"))
            try:
                parsed = records_io.read(upload.name or "", data, actions)
                record = services.progress_record_import(
                    client=client_address(request),
                    details=parsed.details,
                    items=parsed.items,
                )
            except records_io.FileErrors as error:
                file_errors = error.errors
            except services.TooManyRecords:
                response = render(request, "checklist/too_many.jinja", status=429)
                response["Retry-After"] = str(settings.CHECKLIST_RECORDS_PER_CLIENT[1])
                return response
            else:
                count = len(parsed.items)
                messages.success(
                    request,
                    f"Your new record was started from {upload.name}: "
                    f"{count} action{'s' if count != 1 else ''} read. "
                    "Bookmark this page: its link is the only way back to it.",
                )
                return redirect(record)
        else:
            errors = [{"href": f"#{FIELD_ID}", "text": form.errors["file"][0]}]
    if file_errors:
        errors = [{"href": "#file-errors", "text": file_summary(file_errors)}]
    return render(
        request,
        "checklist/from_file.jinja",
        {
            "errors": errors,
            "file_errors": [
                {"where": where or "The file", "message": message}
                for where, message in file_errors[:50]
            ],
            "more_errors": max(0, len(file_errors) - 50),
            "field_id": FIELD_ID,
            "max_kb": records_io.MAX_BYTES // 1024,
        },
        status=400 if errors else 200,
    )


def file_summary(file_errors) -> str:
    if len(file_errors) == 1:
        where, message = file_errors[0]
        return f"{where}: {message}" if where else message
    return f"The file has {len(file_errors)} problems: nothing was saved"
