"""Editors in a real browser: import with a preview, export, move up/down by keyboard, link
checks. axe-core (WCAG 2.2 AA) on each page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casestudies.models import CaseStudy
from editorial.models import LinkCheck
from professions.models import Profession
from tests.browser.helpers import AXE, WCAG_TAGS, run_axe
from tests.users import PASSWORD, make_user

HEADER = "slug,title,summary,source_url,publisher,kind,professions,outcomes,settings,status\n"
GOOD = (
    "browser-import,Imported in the browser,<p>Hello</p>,https://example.org/b,NHS,case_study,"
    "dietitians,cost-saving,mental-health,draft\n"
)
BAD = "browser-bad,,,https://example.org/c,,case_study,,,,draft\n"


def run_axe_on(page, selector):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "([selector, tags]) => axe.run({include: [selector]}, {runOnly: {type: 'tag', values: tags}})",
        [selector, WCAG_TAGS],
    )
    assert result["passes"], "axe checked nothing: the selector matched no element"
    return [
        {"id": v["id"], "targets": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


@pytest.fixture
def admin_page(page, site):
    make_user(superuser=True, username="chief")
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Content")).to_be_visible()
    return page


def choose_file(page, content, name="studies.csv"):
    page.get_by_label("File to import").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode()}
    )
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()


def test_import_shows_errors_then_previews_and_applies(admin_page, site):
    page = admin_page
    page.goto(site + "/admin/casestudies/casestudy/")
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import")).to_be_visible()
    assert run_axe(page) == [], "import page"

    choose_file(page, HEADER + GOOD + BAD)
    expect(page.get_by_role("heading", name="Some rows cannot be imported")).to_be_visible()
    errors = page.locator("table.import-preview tbody tr")
    expect(errors).to_have_count(1)
    # The spreadsheet's own line: the header is line 1, the good row 2, the bad row 3.
    expect(errors.first.locator("th").first).to_have_text("Line 3")
    expect(errors.first.locator("li")).to_have_text("title: This field cannot be blank.")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert run_axe(page) == [], "import errors"
    assert not CaseStudy.objects.filter(slug__startswith="browser-").exists()

    choose_file(page, HEADER + GOOD)
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    preview = page.locator("table.import-preview tr.new")
    expect(preview).to_have_count(1)
    expect(preview).to_contain_text("Imported in the browser")
    assert run_axe(page) == [], "import preview"
    assert not CaseStudy.objects.filter(slug="browser-import").exists()

    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_text("Import finished: 1 new")).to_be_visible()
    expect(page.get_by_role("link", name="Imported in the browser")).to_be_visible()
    assert CaseStudy.objects.get(slug="browser-import").status == "draft"


def test_export_page(admin_page, site):
    page = admin_page
    page.goto(site + "/admin/casestudies/casestudy/")
    page.get_by_role("link", name="Export").click()
    expect(page.get_by_label("Format")).to_be_visible()
    assert run_axe(page) == [], "export page"
    page.get_by_label("Format").select_option(label="csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Submit").click()
    assert download.value.suggested_filename.endswith(".csv")


def test_move_down_with_the_keyboard(admin_page, site):
    page = admin_page
    page.goto(site + "/admin/professions/profession/")
    assert run_axe(page) == [], "change list with move controls"
    first, second = list(Profession.objects.values_list("name", flat=True)[:2])
    button = page.get_by_role("button", name=f"Move down: {first}")
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    page.get_by_role("link", name=first, exact=True).focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            f"Move down: {first}"
        ):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Moved “{first}” down.")).to_be_visible()
    assert list(Profession.objects.values_list("name", flat=True)[:2]) == [second, first]
    assert page.url.endswith(f"#move-down-{Profession.objects.get(name=first).pk}")


def test_link_check_list(admin_page, site):
    now = timezone.now()
    LinkCheck.objects.create(
        url="https://example.org/gone",
        broken=True,
        status_code=404,
        checked_at=now,
        used_by=[
            {"model": "casestudies.casestudy", "pk": 1, "label": "A study", "field": "source_url"}
        ],
    )
    LinkCheck.objects.create(url="https://example.org/fine", status_code=200, checked_at=now)
    page = admin_page
    page.goto(site + "/admin/editorial/linkcheck/")
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_contain_text("Broken: HTTP 404")
    assert run_axe(page) == [], "link check list"


def test_move_a_career_storys_answer_with_the_keyboard(admin_page, site):
    from careers.models import CareerStory

    story = CareerStory.objects.filter(answers__isnull=False).first()
    first, second = list(story.answers.all()[:2])
    page = admin_page
    page.goto(site + f"/admin/careers/careerstory/{story.pk}/change/")
    # Axe reads colours: wait until the rich-text editors have drawn their toolbars.
    expect(page.locator("#answers-group .prose-menubar").first).to_be_visible()
    page.evaluate("document.fonts.ready.then(() => true)")
    # The questions and answers, where the move controls are. (The rest of the admin's change
    # form has violations from Django's own widgets: select2's search box, the split date.)
    assert run_axe_on(page, "#answers-group") == [], "career story answers with move controls"
    button = page.locator(f"#move-up-storyanswer-{second.pk}")
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Moved “{second}” up.")).to_be_visible()
    assert list(story.answers.all()[:2]) == [second, first]
