"""A system view over three records in a real browser, by keyboard alone and without
JavaScript: start it from pasted read-only links (an editing link refused first), read the
matrix with statuses and overdue, open the read-only link and an organisation's record, print
it and download the PDF; its pages at 320, 375 and 1280 px, axe clean and never wider than the
window."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from checklist.models import SystemView
from tests.browser.helpers import ARTIFACTS, press, run_axe, type_into
from tests.browser.rendered import sideways_scroll
from tests.checklist.systems_data import three_records


@pytest.fixture
def three(site):
    return three_records()


def test_by_keyboard_without_javascript_a_system_view_over_three_records(
    no_js, site, three, tmp_path
):
    page = no_js
    page.goto(site + "/checklist/")
    press(page.get_by_role("link", name="Start a system view"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a system view")

    # An editing link pasted by mistake is refused, saying what to paste instead.
    type_into(page.get_by_label("Name of the system view"), "Northshire ICS")
    links = page.get_by_label("Read-only links of the records")
    type_into(
        links, "\n".join([site + three[0].get_shared_url(), site + three[1].get_absolute_url()])
    )
    press(page.get_by_role("button", name="Start the system view"))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Line 2 is an editing link: paste the record's read-only link")
    expect(page).to_have_title(re.compile("^Error: "))
    press(summary.get_by_role("link", name=re.compile("Line 2 is an editing link")))
    expect(links).to_be_focused()
    type_into(links, "\n".join(site + record.get_shared_url() for record in three))
    press(page.get_by_role("button", name="Start the system view"))

    expect(page).to_have_url(re.compile(r"/checklist/systems/[A-Za-z0-9_-]{43}/$"))
    expect(page.get_by_text("Your system view was started with 3 records")).to_be_visible()
    expect(page.locator(".app-system-summary")).to_have_text(
        "3 organisations: 3 of 42 actions completed, 3 overdue"
    )
    rows = page.locator("tbody .app-system-row")
    expect(rows).to_have_count(3)
    north = rows.nth(0)
    expect(north.locator("th")).to_contain_text("Northshire Partnership NHS Foundation Trust")
    expect(north.locator("[data-field=completed]")).to_have_text("1 of 14")
    expect(north.locator("[data-field=overdue]")).to_have_text("1")
    expect(north.locator("[data-action='2']")).to_have_text(re.compile(r"In progress\s+Overdue"))
    expect(north.locator("[data-action='3']")).to_have_text("Not applicable")
    east = rows.nth(2)
    expect(east.locator("[data-action='5']")).to_have_text(re.compile(r"Not started\s+Overdue"))
    totals = page.locator("tfoot tr").nth(0)
    expect(totals.locator("th")).to_have_text("Organisations completed")
    expect(totals.locator("td[data-total]").nth(0)).to_have_text("2")

    # The table's region takes the focus, so it can be scrolled by keyboard.
    region = page.get_by_role("region", name="Progress of each organisation on each action")
    region.focus()
    expect(region).to_be_focused()

    # An organisation's record, read only, from its name.
    press(north.get_by_role("link", name="Northshire Partnership NHS Foundation Trust"))
    expect(page).to_have_url(site + three[0].get_shared_url())
    page.go_back()

    shared_url = page.locator("#shared-link").inner_text()
    system = SystemView.objects.get()
    assert shared_url == site + system.get_shared_url()
    page.goto(shared_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northshire ICS")
    expect(page.locator(".nhsuk-caption-l")).to_have_text("System view (read only)")
    expect(page.locator("main form, main input, main textarea")).to_have_count(0)

    press(page.get_by_role("link", name="Print as a board paper"))
    expect(page).to_have_url(shared_url + "print/")
    expect(page.locator("tbody .app-system-row").nth(1)).to_contain_text("Southdale")
    # The PDF opens in the browser's viewer (it is sent inline); the file is what that
    # address answers, fetched in the same browser context.
    with page.expect_response(re.compile(r"/system\.pdf$")) as response:
        press(page.get_by_role("link", name="Download as a PDF (A4 landscape)"))
    assert response.value.status == 200
    assert response.value.headers["content-type"] == "application/pdf"
    body = page.request.get(response.value.url).body()
    assert body.startswith(b"%PDF")
    path = tmp_path / "system.pdf"
    path.write_bytes(body)
    text = subprocess.run(
        ["pdftotext", "-raw", path, "-"], capture_output=True, text=True, check=True
    )
    words = " ".join(text.stdout.split())
    assert "3 organisations: 3 of 42 actions completed, 3 overdue" in words
    assert "Eastfield Mental Health Services" in words


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_system_pages_fit_the_window_and_pass_axe(browser, site, three, width, javascript):
    context = browser.new_context(
        java_script_enabled=javascript,
        bypass_csp=True,
        locale="en-GB",
        viewport={"width": width, "height": 900},
    )
    page = context.new_page()
    page.goto(site + "/checklist/systems/start/")
    type_into(page.get_by_label("Name of the system view"), "Northshire ICS")
    links = page.get_by_label("Read-only links of the records")
    type_into(links, "\n".join(["nonsense", *(site + r.get_shared_url() for r in three[:2])]))
    press(page.get_by_role("button", name="Start the system view"))
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    check(page, width, javascript, "start-error")
    type_into(links, "\n".join(site + r.get_shared_url() for r in three))
    press(page.get_by_role("button", name="Start the system view"))
    expect(page.locator(".app-system-summary")).to_be_visible()
    edit = page.url
    system = SystemView.objects.get()
    three[1].delete()  # one link no longer shared
    for name, url in [
        ("system", edit),
        ("shared", site + system.get_shared_url()),
        ("print", edit + "print/"),
        ("change", edit + "change/"),
    ]:
        page.goto(url)
        check(page, width, javascript, name)
    expect(page.locator(".app-system-members")).to_contain_text("A link no longer shared")
    context.close()


def check(page, width, javascript, name):
    assert sideways_scroll(page) is None, name
    if javascript:  # axe is a script: it runs only where scripts do
        assert run_axe(page) == [], name
    ARTIFACTS.mkdir(exist_ok=True)
    suffix = "js" if javascript else "no-js"
    page.screenshot(path=str(ARTIFACTS / f"system-{name}-{width}-{suffix}.png"), full_page=True)


def test_the_browser_print_and_the_pdf_are_a4_landscape_and_say_the_same(page, site, three):
    from checklist import systems

    system = systems.system_view_create(
        client="127.0.0.9", name="Northshire ICS", tokens=[r.read_token for r in three]
    )
    page.goto(site + system.get_shared_url() + "print/")
    page.emulate_media(media="print")
    expect(page.locator("header.nhsuk-header")).to_be_hidden()
    expect(page.get_by_role("link", name="Download as a PDF (A4 landscape)")).to_be_hidden()
    printed = page.pdf(prefer_css_page_size=True)
    weasy = page.request.get(site + system.get_shared_url() + "system.pdf").body()
    texts = {}
    for name, pdf in [("browser", printed), ("pdf", weasy)]:
        path = ARTIFACTS / f"system-paper-{name}.pdf"
        ARTIFACTS.mkdir(exist_ok=True)
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True)
        width, height = map(
            float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout).groups()
        )
        assert width > height, name  # landscape
        assert round(width) in (841, 842), name  # A4
        raw = subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True, text=True)
        texts[name] = " ".join(raw.stdout.split())
    for name, text in texts.items():
        for words in [
            "System view: Northshire ICS",
            "Page 1 of 1",
            "Summary: 3 organisations: 3 of 42 actions completed, 3 overdue",
            "Northshire Partnership NHS Foundation Trust",
            "Organisations not applicable",
            "Action 14: Support leadership development",
        ]:
            assert words in text, (name, words)
