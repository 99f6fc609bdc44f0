"""What the browser tests share that is not a fixture: where the artifacts go, axe-core,
signing in to the admin."""

from pathlib import Path

from playwright.sync_api import expect

from tests.users import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-results"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page):
    # After the web fonts have loaded: axe tells an icon font's ligature ("format_bold" drawn
    # as a B) from words only once the font is there, as a person sees the page.
    # ``document.fonts.ready`` alone can resolve before a face is first asked for (the editor's
    # toolbar is drawn by script), so every declared face is loaded first.
    page.evaluate(
        """() => Promise.all([...document.fonts].map(f => f.load().catch(() => null)))
            .then(() => document.fonts.ready).then(() => true)"""
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def sign_in_page(context, site, username):
    """Sign in to the admin as ``username`` in ``context``; the admin page it lands on."""
    page = context.new_page()
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text(username)
    return page


def press(locator, key="Enter"):
    """Reach a control and use it as a keyboard user would: focus, then a key."""
    locator.focus()
    locator.page.keyboard.press(key)


def type_into(locator, text):
    """Replace what a field holds by typing, as a keyboard user would."""
    locator.focus()
    locator.page.keyboard.press("ControlOrMeta+a")
    locator.page.keyboard.press("Delete")
    locator.page.keyboard.type(text)
