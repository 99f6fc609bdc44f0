"""Take it with you: a record downloads as CSV and JSON, and either file starts a new record
with the same progress; a file with any problem saves nothing and says where each one is."""

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from checklist import records_io, services
from checklist.models import Action, ActionProgress, ProgressChange, ProgressRecord
from tests.checklist.test_board_paper import fill

pytestmark = pytest.mark.django_db

UPLOAD = "/checklist/start/from-file/"


@pytest.fixture
def source(record):
    record.area = "Northshire ICS"
    record.completed_by = "Jane Doe"
    record.save()
    fill(record)
    item = record.items.get(action__number=4)
    item.owner = '=HYPERLINK("http://x")'  # a formula, neutralised in the CSV, restored on import
    item.notes = "Line one\nLine two"
    item.save()
    return record


def download(client, record, kind):
    response = client.get(f"{record.get_shared_url()}progress.{kind}")
    assert response.status_code == 200
    return response


def upload(client, name, content: bytes, content_type="text/csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content, content_type)})


def progress_of(record) -> dict:
    return {
        item.action.number: item.values()
        for item in ActionProgress.objects.filter(record=record).select_related("action")
    }


def test_the_json_download_holds_the_record_and_no_link(client, source):
    response = download(client, source, "json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    assert data["format"] == "ahp-toolkit-checklist-progress"
    assert (data["organisation"], data["area"], data["completed_by"]) == (
        "Northshire Partnership Trust",
        "Northshire ICS",
        "Jane Doe",
    )
    assert [entry["number"] for entry in data["actions"]] == list(range(1, 15))
    three = data["actions"][2]
    assert three["status"] == "not_applicable" and three["reason"] == "We run no inpatient services"
    assert data["actions"][0]["overdue"] is True and data["actions"][5]["overdue"] is False
    body = response.content.decode()
    assert source.edit_token not in body and source.read_token not in body


def test_the_csv_download_is_formula_safe_and_has_the_reason(client, source):
    body = download(client, source, "csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[3]["Owner"] == '\'=HYPERLINK("http://x")'
    assert rows[2]["Reason not applicable"] == "We run no inpatient services"
    assert rows[0]["Overdue"] == "Overdue" and rows[5]["Overdue"] == ""


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_a_downloaded_file_starts_a_new_record_with_the_same_progress(client, source, kind):
    content = download(client, source, kind).content
    response = upload(client, f"mine.{kind}", content)
    assert response.status_code == 302
    new = ProgressRecord.objects.exclude(pk=source.pk).get()
    assert response["Location"] == new.get_absolute_url()
    assert new.edit_token != source.edit_token
    assert (new.organisation, new.area, new.completed_by) == (
        "Northshire Partnership Trust",
        "Northshire ICS",
        "Jane Doe",
    )
    assert progress_of(new) == progress_of(source)
    assert progress_of(new)[4]["owner"] == '=HYPERLINK("http://x")'
    # Its history starts with the file, in words, named as the record names its completer.
    assert ProgressChange.objects.filter(record=new).count() == 14
    page = client.get(response["Location"]).content.decode()
    assert f"Your new record was started from mine.{kind}: 14 actions read" in page


def test_a_file_with_only_some_actions_leaves_the_others_not_started(client):
    content = b"Action number,Status,Owner\r\n2,In progress,Ali Khan\r\n"
    assert upload(client, "short.csv", content).status_code == 302
    new = ProgressRecord.objects.get()
    assert progress_of(new) == {
        2: {
            "status": "in_progress",
            "owner": "Ali Khan",
            "target_date": None,
            "notes": "",
            "reason": "",
        }
    }


def test_dates_in_day_month_year_as_a_spreadsheet_saves_them(client):
    content = b"Action number,Status,Target date\n1,Completed,31/03/2026\n2,completed,2026-06-30\n"
    assert upload(client, "dates.csv", content).status_code == 302
    dates = {n: v["target_date"] for n, v in progress_of(ProgressRecord.objects.get()).items()}
    assert dates == {1: datetime.date(2026, 3, 31), 2: datetime.date(2026, 6, 30)}


HEADER = "Action number,Status,Reason not applicable,Target date,Owner,Notes\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ["Select a CSV or JSON file"]),
        (b"x" * (records_io.MAX_BYTES + 1), ["The file must be smaller than 512 KB"]),
        ("Action number,Status\n1,Complété\n".encode("cp1252"), ["must be saved as UTF-8"]),
        (b"Number,Status\n1,Completed\n", ["Line 1", "headed “Action number”"]),
        ((HEADER + "1,Completed,,,,\n99,Completed,,,,\n").encode(), ["Line 3", "no action 99"]),
        ((HEADER + "one,Completed,,,,\n").encode(), ["Line 2", "must be a number from 1 to 14"]),
        (
            (HEADER + "1,Completed,,,,\n2,Completed,,,,\n1,Completed,,,,\n").encode(),
            ["Line 4", "Action 1 is also on line 2"],
        ),
        ((HEADER + "1,Done,,,,\n").encode(), ["Line 2", "Status must be Not started"]),
        ((HEADER + "1,Completed,,31/02/2026,,\n").encode(), ["Line 2", "must be a real date"]),
        (
            (HEADER + "1,Completed,,,," + "x" * 2001 + "\n").encode(),
            ["Line 2", "Notes must be 2,000 characters or fewer"],
        ),
        (
            (HEADER + "1,Not applicable,,,,\n").encode(),
            ["Line 2", "Reason not applicable must be given"],
        ),
        (b'{"actions": [', ["Line 1", "not valid JSON"]),
        (b'{"organisation": "x"}', ["has no “actions”"]),
        (b'{"actions": [{"number": 1, "status": "nope"}]}', ["Entry 1", "Status must be"]),
        (b"\xef\xbb\xbf", ["The selected file is empty"]),
    ],
)
def test_a_bad_file_saves_nothing_and_says_where(client, content, expected):
    name = "file.json" if content.startswith(b"{") else "file.csv"
    response = upload(client, name, content) if content else client.post(UPLOAD, {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and html.count('class="nhsuk-error-summary"') == 1
    for text in expected:
        assert text in html.replace("&#34;", '"').replace("&#39;", "'")
    assert not ProgressRecord.objects.exists()


def test_every_problem_is_listed_by_line_and_a_good_row_is_not_kept(client):
    content = (HEADER + "1,Completed,,,Kept?,\n2,Done,,,,\n3,Completed,,2026-02-30,,\n").encode()
    html = upload(client, "two.csv", content).content.decode()
    assert "The file has 2 problems: nothing was saved" in html
    assert "<td>Line 3</td>" in html and "<td>Line 4</td>" in html
    assert "<td>Line 2</td>" not in html
    assert not ProgressRecord.objects.exists() and not ActionProgress.objects.exists()


def test_the_upload_counts_against_the_limit_on_new_records(client, settings):
    settings.CHECKLIST_RECORDS_PER_CLIENT = (1, 3600)
    content = b"Action number,Status\n1,Completed\n"
    assert upload(client, "a.csv", content).status_code == 302
    response = upload(client, "b.csv", content)
    assert response.status_code == 429
    assert ProgressRecord.objects.count() == 1


def test_the_service_saves_all_or_nothing():
    actions = list(Action.objects.order_by("number")[:2])
    good = services.ActionInput(action=actions[0], base_version=0, status="completed")
    bad = services.ActionInput(
        action=actions[1], base_version=0, status="in_progress", owner="x" * 201
    )
    with pytest.raises(ValidationError):
        services.progress_record_import(
            client="127.0.0.1", details=services.DetailsInput(0, "Trust"), items=[good, bad]
        )
    assert not ProgressRecord.objects.exists() and not ActionProgress.objects.exists()


def test_the_upload_page_works_without_a_file_and_says_what_to_do(client):
    response = client.get(UPLOAD)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Start a new record from a file – AHP toolkit</title>" in html
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    assert 'href="/checklist/start/from-file/"' in client.get("/checklist/").content.decode()


@pytest.mark.parametrize("suffix", ["progress.json", "print/page.css"])
def test_the_new_files_are_private_like_the_others(client, record, suffix):
    for base in [record.get_absolute_url(), record.get_shared_url()]:
        response = client.get(base + suffix)
        assert response.status_code == 200
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]
    assert client.get(f"/checklist/shared/{'A' * 43}/{suffix}").status_code == 404
