"""Import and export of case studies, professions and resources in the admin."""

import csv
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from careers.models import Resource
from casestudies.models import CaseStudy
from editorial.admin.imports import MAX_IMPORT_BYTES
from editorial.publishing import Status
from professions.models import Profession
from tests.forms import submitted
from tests.users import make_user

pytestmark = pytest.mark.django_db

ADMIN = "/admin/casestudies/casestudy/"
HEADER = "slug,title,summary,source_url,publisher,kind,professions,outcomes,settings,status\n"
GOOD = (
    "imported-one,Imported one,<p>One</p>,https://example.org/one,NHS,case_study,"
    "dietitians; occupational-therapists,cost-saving,learning-disability,draft\n"
)
GOOD_TWO = "imported-two,Imported two,,https://example.org/two,,report,,,,draft\n"
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def upload(client, content, name="studies.csv", fmt=CSV_FORMAT, url=ADMIN):
    data = content if isinstance(content, bytes) else content.encode()
    return client.post(
        f"{url}import/",
        {"format": fmt, "resource": "0", "import_file": SimpleUploadedFile(name, data)},
    )


def confirm(client, response, url=ADMIN):
    form = response.context["confirm_form"]
    return client.post(f"{url}process_import/", {**form.initial, "resource": "0"})


def row_errors(response):
    """{(row number, column): [messages]} from the preview's invalid rows."""
    result = response.context["result"]
    errors = {}
    for row in result.invalid_rows:
        for field, messages in row.field_specific_errors.items():
            errors[(row.number, field)] = messages
        if row.non_field_specific_errors:
            errors[(row.number, "__all__")] = row.non_field_specific_errors
    return errors


def test_a_valid_file_is_previewed_then_applied_on_confirm(publisher):
    response = upload(publisher, HEADER + GOOD + GOOD_TWO)
    assert response.status_code == 200
    assert "confirm_form" in response.context
    page = response.content.decode()
    assert "Preview" in page and "Imported one" in page
    assert not CaseStudy.objects.filter(slug__startswith="imported-").exists()

    applied = confirm(publisher, response)
    assert applied.status_code == 302
    study = CaseStudy.objects.get(slug="imported-one")
    assert study.status == Status.DRAFT
    assert {p.slug for p in study.professions.all()} == {"dietitians", "occupational-therapists"}
    assert [o.slug for o in study.outcomes.all()] == ["cost-saving"]
    assert [s.slug for s in study.settings.all()] == ["learning-disability"]
    assert CaseStudy.objects.filter(slug="imported-two").exists()
    listing = publisher.get(ADMIN).content.decode()
    assert "Import finished: 2 new" in listing

    # The same file again changes nothing: both rows are reported as unchanged.
    again = upload(publisher, HEADER + GOOD + GOOD_TWO)
    assert [row.import_type for row in again.context["result"].rows] == ["skip", "skip"]


def test_one_bad_row_applies_nothing_and_each_error_names_its_row_and_column(publisher):
    bad = (
        "bad-one,,,https://example.org/x,,case_study,,,,draft\n"  # missing title
        "bad-two,Bad two,,not a url,,case_study,,,,draft\n"
        "bad-three,Bad three,,https://example.org/3,,case_study,wizards,,,draft\n"
        "bad-four,Bad four,,https://example.org/4,,case_study,,,,finished\n"
    )
    response = upload(publisher, HEADER + GOOD + bad)
    assert "confirm_form" not in response.context
    errors = row_errors(response)
    assert set(errors) == {(2, "title"), (3, "source_url"), (4, "professions"), (5, "status")}
    assert "Unknown profession: wizards." in errors[(4, "professions")]
    page = response.content.decode()
    assert "Some rows cannot be imported" in page and "wizards" in page
    # By the line a spreadsheet shows: the header is line 1, so data row 2 is line 3.
    lines = re.findall(r'<th scope="row">Line (\d+)</th>', page)
    assert lines == ["3", "4", "5", "6"]
    assert not CaseStudy.objects.filter(slug__in=["imported-one", "bad-two"]).exists()


def test_the_confirm_step_applies_nothing_when_a_row_became_invalid(publisher):
    response = upload(publisher, HEADER + GOOD + GOOD_TWO)
    # Between preview and confirm, a profession the file names disappears.
    Profession.objects.get(slug="dietitians").case_studies.clear()
    Profession.objects.filter(slug="dietitians").update(slug="renamed-dietitians")
    applied = confirm(publisher, response)
    assert applied.status_code == 200
    assert "Nothing was imported" in applied.content.decode()
    assert not CaseStudy.objects.filter(slug__startswith="imported-").exists()


def test_confirming_twice_or_forging_the_file_name_is_refused_cleanly(publisher):
    response = upload(publisher, HEADER + GOOD)
    assert confirm(publisher, response).status_code == 302
    again = confirm(publisher, response)
    assert again.status_code == 302 and again["Location"].endswith("/import/")
    forged = publisher.post(
        f"{ADMIN}process_import/",
        {"import_file_name": "passwd", "original_file_name": "x.csv", "format": "0"},
    )
    assert forged.status_code == 200
    assert "upload the file again" in forged.content.decode()


def test_an_editor_imports_drafts_but_cannot_publish_or_change_published_items(editor):
    published = CaseStudy.objects.published().first()
    publish_row = GOOD.replace(",draft\n", ",published\n")
    touch_published = f"{published.slug},Hijacked,,https://example.org/h,,case_study,,,,published\n"
    response = upload(editor, HEADER + publish_row + touch_published)
    errors = row_errors(response)
    assert errors[(1, "status")] == ["Only a publisher can publish: use “draft”."]
    assert "only a publisher can change it" in errors[(2, "__all__")][0]
    assert not CaseStudy.objects.filter(slug="imported-one").exists()
    published.refresh_from_db()
    assert published.title != "Hijacked"

    drafts = upload(editor, HEADER + GOOD)
    assert confirm(editor, drafts).status_code == 302
    assert CaseStudy.objects.get(slug="imported-one").status == Status.DRAFT


def test_an_editor_may_reimport_an_export_that_leaves_published_items_unchanged(editor):
    exported = editor.post(f"{ADMIN}export/", {"format": CSV_FORMAT, "resource": "0"})
    text = exported.content.decode("utf-8")
    response = upload(editor, text + GOOD.replace("\n", "\r\n"))
    assert "confirm_form" in response.context, row_errors(response)
    types = [row.import_type for row in response.context["result"].rows]
    assert types.count("new") == 1 and set(types) == {"new", "skip"}


def test_a_publisher_may_publish_by_import(publisher, client):
    response = upload(publisher, HEADER + GOOD.replace(",draft\n", ",published\n"))
    confirm(publisher, response)
    study = CaseStudy.objects.get(slug="imported-one")
    assert study.status == Status.PUBLISHED and study.published_at is not None


@pytest.mark.parametrize(
    ("name", "content", "fmt", "message"),
    [
        ("big.csv", b"a" * (MAX_IMPORT_BYTES + 1), CSV_FORMAT, "files up to 2.0"),
        ("notes.txt", HEADER.encode(), CSV_FORMAT, "Choose a CSV or XLSX file"),
        ("studies.csv", HEADER.encode(), XLSX_FORMAT, "The file is CSV: choose CSV here."),
        ("studies.csv", b"slug,title\n\xff\xfe\xfa,x\n", CSV_FORMAT, "could not be read as text"),
        ("studies.xlsx", b"not a spreadsheet", XLSX_FORMAT, "The file could not be read"),
        ("studies.csv", b"", CSV_FORMAT, "The submitted file is empty"),
        ("studies.csv", b"title\nNo slug column\n", CSV_FORMAT, "slug"),
    ],
)
def test_bad_files_get_a_clear_message_not_a_500(publisher, name, content, fmt, message):
    response = upload(publisher, content, name=name, fmt=fmt)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "confirm_form" not in response.context


def test_too_many_rows_are_refused(publisher, settings, monkeypatch):
    monkeypatch.setattr("editorial.admin.imports.MAX_IMPORT_ROWS", 1)
    response = upload(publisher, HEADER + GOOD + GOOD_TWO)
    assert "import at most 1 at a time" in response.content.decode()
    assert "confirm_form" not in response.context


DANGEROUS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)"]


def dangerous_study():
    study = CaseStudy.objects.first()
    study.title, study.publisher = DANGEROUS[0], DANGEROUS[1]
    study.summary = DANGEROUS[2]
    study.save()
    Resource.objects.filter(pk=Resource.objects.first().pk).update(title=DANGEROUS[3])
    return study


def test_csv_export_neutralises_formulae_and_imports_back_unchanged(publisher):
    study = dangerous_study()
    exported = publisher.post(f"{ADMIN}export/", {"format": CSV_FORMAT, "resource": "0"})
    assert exported["Content-Type"].startswith("text/csv")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(exported.content.decode()))}
    assert rows[study.slug]["title"] == "'" + DANGEROUS[0]
    assert rows[study.slug]["publisher"] == "'" + DANGEROUS[1]
    assert rows[study.slug]["summary"] == "'" + DANGEROUS[2]
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@"))
    resources = publisher.post(
        "/admin/careers/resource/export/", {"format": CSV_FORMAT, "resource": "0"}
    ).content.decode()
    assert "'" + DANGEROUS[3] in resources
    # Round trip: the exported file is "no change" for every row.
    again = upload(publisher, exported.content)
    assert {row.import_type for row in again.context["result"].rows} == {"skip"}


def test_xlsx_export_has_no_formula_cells(publisher):
    study = dangerous_study()
    exported = publisher.post(f"{ADMIN}export/", {"format": XLSX_FORMAT, "resource": "0"})
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    values = {cell.value for cell in cells}
    assert "'" + DANGEROUS[0] in values and "'" + DANGEROUS[1] in values
    assert study.slug in values
    again = upload(publisher, exported.content, name="studies.xlsx", fmt=XLSX_FORMAT)
    assert {row.import_type for row in again.context["result"].rows} == {"skip"}


def test_professions_and_resources_import_by_slug_and_title(publisher):
    exported = publisher.post(
        "/admin/professions/profession/export/", {"format": CSV_FORMAT, "resource": "0"}
    ).content.decode()
    changed = exported.replace("Dietitians,", "Dietitians (edited),", 1)
    response = upload(publisher, changed, url="/admin/professions/profession/")
    assert [r.import_type for r in response.context["result"].rows].count("update") == 1
    confirm(publisher, response, url="/admin/professions/profession/")
    assert Profession.objects.get(slug="dietitians").name == "Dietitians (edited)"

    resource_csv = (
        "title,url,description,category,professions,order,status\n"
        "A new course,https://example.org/course,,training,dietitians,3,draft\n"
    )
    response = upload(publisher, resource_csv, url="/admin/careers/resource/")
    confirm(publisher, response, url="/admin/careers/resource/")
    resource = Resource.objects.get(title="A new course")
    assert [p.slug for p in resource.professions.all()] == ["dietitians"]


def test_the_import_and_export_links_follow_permissions(editor, client):
    page = editor.get(ADMIN).content.decode()
    assert "/admin/casestudies/casestudy/import/" in page
    assert "/admin/casestudies/casestudy/export/" in page
    viewer = make_user(username="viewer")
    client.force_login(viewer)
    assert client.get(f"{ADMIN}import/").status_code == 403


def test_a_confirmed_import_is_in_the_history_and_an_update_can_be_undone(publisher):
    study = CaseStudy.objects.published().order_by("pk").first()
    before = Version.objects.get_for_object(study).first()
    exported = publisher.post(f"{ADMIN}export/", {"format": CSV_FORMAT, "resource": "0"})
    rows = [
        row
        for row in csv.DictReader(io.StringIO(exported.content.decode()))
        if row["slug"] == study.slug
    ]
    rows[0]["title"] = "Retitled by import"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    response = upload(publisher, out.getvalue() + GOOD, name="spring-update.csv")
    assert "confirm_form" in response.context, row_errors(response)
    assert confirm(publisher, response).status_code == 302

    imported = CaseStudy.objects.get(slug="imported-one")
    study.refresh_from_db()
    assert study.title == "Retitled by import"
    for item in (study, imported):
        latest = Version.objects.get_for_object(item).first()
        assert latest.revision.user.username == "publisher"
        assert latest.revision.comment == "Imported from spring-update.csv"
        assert latest.format == "toolkit_json"
        assert latest.field_dict["title"] == item.title
    assert sorted(Version.objects.get_for_object(imported).first().field_dict["professions"]) == (
        sorted(imported.professions.values_list("pk", flat=True))
    )

    history = publisher.get(f"{ADMIN}{study.pk}/history/").content.decode()
    assert "Imported from spring-update.csv" in history
    revision_url = f"{ADMIN}{study.pk}/history/{before.pk}/"
    form = publisher.get(revision_url)
    assert form.status_code == 200
    assert publisher.post(revision_url, submitted(form)).status_code == 302
    study.refresh_from_db()
    assert study.title == before.field_dict["title"]
    assert study.status == Status.PUBLISHED
