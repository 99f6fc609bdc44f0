"""Take the README's screenshots of the main pages from a running site (make run).

.venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

With SCREENSHOT_ADMIN_USER and SCREENSHOT_ADMIN_PASSWORD set (an account made with
`make superuser`), it also signs in and takes the admin change form of a case study.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "professions": "/professions/",
    "profession": "/professions/occupational-therapists/",
    "case-studies": "/case-studies/",
    "checklist": "/checklist/",
    "career-story": "/careers/stories/clare-hubbard/",
}


def main(base="http://127.0.0.1:8000"):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        for name, path in PAGES.items():
            page.goto(base + path)
            page.screenshot(path=OUT / f"{name}.png")
            print(f"{name}: {OUT / f'{name}.png'}")
        user = os.environ.get("SCREENSHOT_ADMIN_USER")
        if user:
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
