"""Take the README's screenshots of the main pages, at 1280 and 375 px, from a running site
(make run).

.venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

With SCREENSHOT_ADMIN_USER and SCREENSHOT_ADMIN_PASSWORD set (an account made with
`make superuser`), it also signs in and takes the admin change form of a case study.
"""

import os
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "professions": "/professions/",
    "profession": "/professions/occupational-therapists/",
    "finder": "/case-studies/?profession=occupational-therapists",
    "case-study": "/case-studies/getting-my-life-back-occupational-therapy-promoting-mental-health-and-wellbeing/",
    "evidence-map": "/case-studies/evidence-map/",
    "careers": "/careers/",
    "pathways": "/careers/pathways/",
    "pathway-step": "/careers/pathways/multi-professional-approved-roles/",
    "career-stories": "/careers/stories/?profession=occupational-therapists",
    "career-story": "/careers/stories/clare-hubbard/",
    "compare": "/professions/compare/?profession=occupational-therapists&profession=music-therapists"
    "&profession=osteopaths#comparison",
    "checklist": "/checklist/",
    "search": "/search/?q=occupational+therapy",
}
# Each page at a desktop width and a phone's (the README shows both); the first screen of
# each, but the whole of the evidence map on a phone, to show how its table reads there.
WHOLE_ON_A_PHONE = {"evidence-map"}
# On a phone, the comparison is shown at its table.
SCROLL_TO_ON_A_PHONE = {"compare": ".app-compare caption"}
VIEWPORTS = {"desktop": (1280, 900), "phone": (375, 812)}


def shrink(path):
    """A 256-colour palette: a screenshot of flat NHS.UK colours loses nothing visible and
    takes a fraction of the space in the repository."""
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256).save(path, optimize=True)


def main(base="http://127.0.0.1:8000"):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        for width_name, (width, height) in VIEWPORTS.items():
            page.set_viewport_size({"width": width, "height": height})
            for name, path in PAGES.items():
                page.goto(base + path)
                if width_name == "phone" and name in SCROLL_TO_ON_A_PHONE:
                    page.locator(SCROLL_TO_ON_A_PHONE[name]).first.evaluate(
                        "el => el.scrollIntoView({block: 'center'})"
                    )
                path = OUT / f"{name}-{width_name}.png"
                page.screenshot(
                    path=path, full_page=width_name == "phone" and name in WHOLE_ON_A_PHONE
                )
                shrink(path)
                print(f"{name} ({width_name}): {path}")
        user = os.environ.get("SCREENSHOT_ADMIN_USER")
        if user:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(base + "/admin/login/")
            page.get_by_label("Username").fill(user)
            page.get_by_label("Password").fill(os.environ["SCREENSHOT_ADMIN_PASSWORD"])
            page.get_by_role("button", name="Log in").click()
            page.goto(base + "/admin/casestudies/casestudy/?kind__exact=case_study")
            page.locator("#result_list tbody th a").first.click()
            page.wait_for_load_state("networkidle")
            path = OUT / "admin-change-form.png"
            page.screenshot(path=path)
            print(f"admin-change-form: {path}")
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
