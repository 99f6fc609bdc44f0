"""System views (issue 12, item 6): started from pasted read-only links, checked line by line;
the organisations × actions page read live from the records; its links as capability links
that fail as a 404; a replaced or deleted record shown as "no longer shared"."""

import html as html_lib
import re

import pytest

from checklist import services
from checklist.models import Action, ProgressRecord, SystemView
from tests.checklist.systems_data import make_record

pytestmark = pytest.mark.django_db

START = "/checklist/systems/start/"
HOST = "http://testserver"


def start(client, name, lines):
    return client.post(START, {"name": name, "links": "\n".join(lines)})


def text_of(response) -> str:
    """The page's words, tags left out."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return words(html)


def words(html: str) -> str:
    return html_lib.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


@pytest.fixture
def system(client, three):
    response = start(client, "Northshire ICS", [HOST + r.get_shared_url() for r in three])
    assert response.status_code == 302
    return SystemView.objects.get()


def test_the_checklist_page_links_to_starting_a_system_view(client):
    html = client.get("/checklist/").content.decode()
    assert f'href="{START}">Start a system view</a>' in html


def test_starting_a_system_view_gives_it_its_own_two_links(client, three):
    response = start(client, "Northshire ICS", [HOST + r.get_shared_url() for r in three])
    system = SystemView.objects.get()
    assert response["Location"] == f"/checklist/systems/{system.edit_token}/"
    assert len(system.edit_token) == 43 and len(system.read_token) == 43
    assert system.edit_token != system.read_token
    assert [m.read_token for m in system.members.all()] == [r.read_token for r in three]
    page = text_of(client.get(response["Location"]))
    assert "Your system view was started with 3 records" in page
    assert f"{HOST}/checklist/systems/shared/{system.read_token}/" in page


def test_the_page_shows_each_organisation_on_each_action_with_counts_and_totals(
    client, system, three
):
    response = client.get(system.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "3 organisations: 3 of 42 actions completed, 3 overdue" in page
    html = response.content.decode()
    rows = re.findall(r'<tr class="app-system-row">(.*?)</tr>', html, flags=re.DOTALL)
    assert len(rows) == 3
    north = words(rows[0])
    assert north.startswith(
        "Northshire Partnership NHS Foundation Trust Northshire ICS 1 of 14 1 "
        "Completed In progress Overdue Not applicable Not started"
    )
    assert f'<a href="{three[0].get_shared_url()}">Northshire Partnership' in rows[0]
    east = words(rows[2])
    assert east.startswith("Eastfield Mental Health Services 0 of 14 2 Not started")
    assert "In progress Overdue Not started Overdue Not started" in east
    # Totals per action: action 1 completed by two organisations, action 2 in progress and
    # overdue at one, action 3 not applicable at one.
    totals = {
        key: re.findall(rf'data-total="{key}">(\d+)<', html)
        for key in ("completed", "in_progress", "overdue", "not_applicable")
    }
    assert totals["completed"][:4] == ["2", "1", "0", "0"]
    assert totals["in_progress"][:4] == ["0", "1", "0", "1"]
    assert totals["overdue"][:5] == ["0", "1", "0", "1", "1"]
    assert totals["not_applicable"][:4] == ["0", "0", "1", "0"]
    assert "Organisations not applicable" in page


def test_the_page_is_current_as_the_records_change(client, system, three):
    assert "3 of 42 actions completed" in text_of(client.get(system.get_shared_url()))
    services.progress_save(
        record=three[2],
        items=[services.ActionInput(Action.objects.get(number=4), 1, "completed")],
    )
    page = text_of(client.get(system.get_shared_url()))
    assert "4 of 42 actions completed, 2 overdue" in page


def test_the_read_only_link_shows_the_same_without_changing_controls(client, system):
    response = client.get(system.get_shared_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Northshire Partnership NHS Foundation Trust" in html
    assert system.edit_token not in html
    assert "<form" not in html.split("<main", 1)[1]
    assert "System view (read only)" in text_of(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("how", ["replaced", "deleted"])
def test_a_replaced_or_deleted_record_shows_as_no_longer_shared(client, system, three, how):
    if how == "replaced":
        services.progress_link_replace(record=three[1], link="read")
    else:
        services.progress_record_delete(record=three[1])
    for url in (system.get_absolute_url(), system.get_shared_url()):
        response = client.get(url)
        assert response.status_code == 200
        page = text_of(response)
        assert "No longer shared" in page
        assert "Southdale" not in page
        assert "2 organisations: 1 of 28 actions completed, 3 overdue; 1 link no longer shared" in (
            page
        )
    for suffix in ("print/", "system.csv", "system.pdf"):
        assert client.get(system.get_shared_url() + suffix).status_code == 200


@pytest.mark.parametrize(
    "token",
    ["%00", "a%00b", "x" * 65, "not-a-token", "a" * 43, "..", "%E2%80%AE"],
    ids=["nul", "nul-inside", "overlong", "unknown", "unknown-43", "dots", "unicode"],
)
@pytest.mark.parametrize(
    "pattern",
    [
        "/checklist/systems/{}/",
        "/checklist/systems/shared/{}/",
        "/checklist/systems/{}/change/",
        "/checklist/systems/{}/delete/",
        "/checklist/systems/{}/print/",
        "/checklist/systems/shared/{}/system.csv",
        "/checklist/systems/shared/{}/system.pdf",
        "/checklist/systems/{}/print/page.css",
    ],
)
def test_bad_links_are_404(client, pattern, token):
    assert client.get(pattern.format(token)).status_code == 404


def test_the_read_token_does_not_open_the_edit_pages(client, system):
    for url in (
        f"/checklist/systems/{system.read_token}/",
        f"/checklist/systems/{system.read_token}/change/",
        f"/checklist/systems/shared/{system.edit_token}/",
    ):
        assert client.get(url).status_code == 404


def test_the_start_address_is_not_taken_for_a_token(client):
    response = client.get(START)
    assert response.status_code == 200
    assert "Start a system view" in text_of(response)


def errors_of(response) -> list[str]:
    html = response.content.decode()
    summary = re.search(r'class="nhsuk-error-summary.*?</div>\s*</div>', html, flags=re.DOTALL)
    assert summary, "no error summary"
    return [
        words(item) for item in re.findall(r"<li>(.*?)</li>", summary.group(0), flags=re.DOTALL)
    ]


def test_each_bad_line_is_named_in_the_error_summary(client, three):
    good = HOST + three[0].get_shared_url()
    response = start(
        client,
        "Northshire ICS",
        [
            good,
            "",
            "https://example.com/checklist/shared/abc/",
            three[1].get_absolute_url(),
            good,
            "hello there",
            HOST + "/checklist/shared/" + "b" * 43 + "/",
            three[2].edit_token,
            HOST + "/checklist/systems/shared/" + "c" * 43 + "/",
        ],
    )
    assert response.status_code == 400
    assert SystemView.objects.count() == 0
    assert errors_of(response) == [
        "Line 3 is a link to another site: paste read-only links of progress records on this site",
        "Line 4 is an editing link: paste the record's read-only link instead (the link under "
        "\u201cShare a read-only view\u201d on the record's page)",
        "Line 5 repeats the link on line 1",
        "Line 6 is not a read-only link of a progress record on this site",
        "Line 7 is not the read-only link of any progress record: it may have been replaced or "
        "deleted",
        "Line 8 is an editing link: paste the record's read-only link instead (the link under "
        "\u201cShare a read-only view\u201d on the record's page)",
        "Line 9 is the link of a system view: paste the read-only links of organisations' "
        "progress records",
    ]
    page = text_of(response)
    assert page.startswith("Error: Start a system view")
    assert "7 lines have a problem: correct them and try again" in page
    # What was typed is kept.
    assert "hello there" in response.content.decode()


def test_read_links_are_accepted_as_tokens_paths_and_sub_pages(client, three):
    lines = [
        three[0].read_token,
        three[1].get_shared_url() + "print/",
        f"  testserver{three[2].get_shared_url()}actions/3/?x=1  ",
    ]
    assert start(client, "Northshire ICS", lines).status_code == 302
    assert SystemView.objects.get().members.count() == 3


@pytest.mark.parametrize(
    ("name", "links", "message"),
    [
        ("", "x", "Enter a name for the system view, such as your ICS's name"),
        ("n" * 201, "x", "Name must be 200 characters or fewer"),
        ("North\x00shire", "x", "Name must not contain invisible control characters"),
        ("North", "", "Paste the read-only link of at least one progress record"),
        ("North", "\n \n", "Paste the read-only link of at least one progress record"),
        ("North", "a\x00b", "The links must not contain invisible control characters"),
        ("North", "x" * 20001, "Paste no more than 100 links"),
    ],
    ids=["no-name", "long-name", "nul-name", "no-links", "blank-links", "nul-links", "huge"],
)
def test_start_form_errors(client, name, links, message):
    response = client.post(START, {"name": name, "links": links})
    assert response.status_code == 400
    assert message in errors_of(response)
    assert SystemView.objects.count() == 0


def test_a_system_view_holds_at_most_100_links(client, three):
    records = ProgressRecord.objects.bulk_create(ProgressRecord() for _ in range(101))
    response = start(client, "Big", [r.read_token for r in records])
    assert errors_of(response) == ["Paste no more than 100 links"]
    assert start(client, "Big", [r.read_token for r in records[:100]]).status_code == 302
    system = SystemView.objects.get()
    response = client.post(
        f"{system.get_absolute_url()}change/", {"do": "add", "links": three[0].read_token}
    )
    assert errors_of(response) == ["This system view already holds 100 records: remove one first"]


def test_adding_taking_out_and_renaming(client, system, three):
    extra = make_record("Westmoor Hospital", {1: "completed"})
    change = f"{system.get_absolute_url()}change/"
    response = client.post(
        change, {"do": "add", "links": f"{HOST}{extra.get_shared_url()}\n{three[0].read_token}"}
    )
    assert errors_of(response) == ["Line 2 is already in this system view"]
    response = client.post(change, {"do": "add", "links": HOST + extra.get_shared_url()})
    assert response.status_code == 302
    assert "Westmoor Hospital" in text_of(client.get(system.get_absolute_url()))

    page = client.get(change).content.decode()
    member = system.members.get(read_token=three[1].read_token)
    assert f'name="remove" value="{member.pk}">Take out' in page
    assert client.post(change, {"remove": str(member.pk)}).status_code == 302
    assert "Southdale" not in text_of(client.get(system.get_absolute_url()))
    assert ProgressRecord.objects.filter(pk=three[1].pk).exists()  # the record is untouched
    assert client.post(change, {"remove": "x\x00"}).status_code == 302

    assert client.post(change, {"do": "rename", "name": ""}).status_code == 400
    assert client.post(change, {"do": "rename", "name": "Southshire ICS"}).status_code == 302
    assert text_of(client.get(system.get_shared_url())).count("Southshire ICS") >= 2


def test_deleting_a_system_view_leaves_the_records(client, system, three):
    response = client.post(f"{system.get_absolute_url()}delete/")
    assert response.status_code == 302
    assert not SystemView.objects.exists()
    assert ProgressRecord.objects.count() == 3
    assert client.get(system.get_shared_url()).status_code == 404


def test_the_states_the_gates_do_not_reach_are_valid_html(client, system, three, tmp_path):
    from tests.vnu import vnu_errors

    services.progress_record_delete(record=three[1])
    change = f"{system.get_absolute_url()}change/"
    pages = {
        "start-errors": start(client, "", ["nonsense", three[0].get_absolute_url()]).content,
        "start-one-error": start(client, "North", ["nonsense"]).content,
        "system-gone": client.get(system.get_absolute_url()).content,
        "shared-gone": client.get(system.get_shared_url()).content,
        "print-gone": client.get(system.get_shared_url() + "print/").content,
        "change-gone": client.get(change).content,
        "add-errors": client.post(change, {"do": "add", "links": "a\nb"}).content,
        "rename-error": client.post(change, {"do": "rename", "name": ""}).content,
    }
    assert vnu_errors(pages, tmp_path) == []


def test_the_admin_shows_a_system_views_name_never_its_links(admin_client, system, three):
    view = SystemView.objects.get()
    listing = admin_client.get("/admin/checklist/systemview/").content.decode()
    assert view.name in listing and '<td class="field-organisations">3</td>' in listing
    page = admin_client.get(f"/admin/checklist/systemview/{view.pk}/change/").content.decode()
    for token in [view.edit_token, view.read_token, *(r.read_token for r in three)]:
        assert token not in listing and token not in page
