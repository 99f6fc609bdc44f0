"""Take the README's screenshots of the main pages, at 1280 and 375 px, from a running site
(make run).

.venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

With SCREENSHOT_ADMIN_USER and SCREENSHOT_ADMIN_PASSWORD set (an account made with
`make superuser`), it also signs in and takes the admin change form of a case study.
"""

import os
import re
import sys
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "professions": "/professions/",
    "profession": "/professions/occupational-therapists/",
    "finder": "/case-studies/?profession=occupational-therapists",
    "case-study": "/case-studies/{case_study}/",
    "evidence-map": "/case-studies/evidence-map/",
    "careers": "/careers/",
    "career-story": "/careers/stories/clare-hubbard/",
    "checklist": "/checklist/",
    "search": "/search/?q=occupational+therapy",
}
# Each page at a desktop width and a phone's (the README shows both).
VIEWPORTS = {"desktop": (1280, 900), "phone": (375, 812)}


def first_case_study(base) -> str:
    """The slug of the first case study the sitemap lists."""
    with urllib.request.urlopen(base + "/sitemap.xml") as response:
        sitemap = response.read().decode()
    return re.search(r"/case-studies/(?!evidence-map/)([a-z0-9-]+)/</loc>", sitemap).group(1)


def main(base="http://127.0.0.1:8000"):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        case_study = first_case_study(base)
        for width_name, (width, height) in VIEWPORTS.items():
            page.set_viewport_size({"width": width, "height": height})
            for name, path in PAGES.items():
                page.goto(base + path.format(case_study=case_study))
                path = OUT / f"{name}-{width_name}.png"
                page.screenshot(path=path)
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
