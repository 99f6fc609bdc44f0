"""What a person sees on a rendered page, read in the browser: the checks behind
tests/browser/test_rendered.py, kept apart so other browser tests can use them."""

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from tests.page_text import BARE_ADDRESS

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# A tag or an entity that reached the screen as text: "<span class=…>", "</a>", "&lt;", "&amp;".
MARKUP_AS_TEXT = re.compile(
    r"</?[a-z][a-z0-9-]*(\s+[a-z-]+(=\"[^\"]*\"|='[^']*')?)*\s*/?>"
    r"|&(?:[a-z]+|#\d+|#x[0-9a-f]+);",
    re.IGNORECASE,
)

# Every visible link's text (what is on the screen, visually hidden parts left out).
VISIBLE_LINK_TEXTS = """() => {
  const hidden = (el) => el.closest('.nhsuk-u-visually-hidden, [hidden], [aria-hidden=true]');
  const texts = [];
  for (const link of document.querySelectorAll('a[href]')) {
    if (!link.getClientRects().length || hidden(link)) continue;
    const clone = link.cloneNode(true);
    for (const part of clone.querySelectorAll('.nhsuk-u-visually-hidden')) part.remove();
    texts.push(clone.textContent.replace(/\\s+/g, ' ').trim());
  }
  return texts;
}"""

# The page is wider than the window: the person has to scroll sideways to read it.
PAGE_WIDTH = """() => ({
  scroll: document.documentElement.scrollWidth,
  client: document.documentElement.clientWidth,
  widest: [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter((el) => !el.closest('.app-table-scroll, .nhsuk-u-visually-hidden'))
    .slice(0, 3)
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
                 `${el.className && typeof el.className === 'string' ? '.' +
                   el.className.trim().split(/\\s+/).join('.') : ''}` +
                 ` (${Math.round(el.getBoundingClientRect().right)} px)`),
})"""


def sitemap_paths() -> list[str]:
    """Every address the site lists in its sitemap, as a path."""
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    paths = []
    for loc in root.findall("sm:url/sm:loc", SITEMAP_NS):
        parts = urlsplit(loc.text.strip())
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def markup_shown(page) -> list[str]:
    text = page.locator("body").inner_text()
    return sorted({match.group(0) for match in MARKUP_AS_TEXT.finditer(text)})


def bare_address_links(page) -> list[str]:
    return [text for text in page.evaluate(VISIBLE_LINK_TEXTS) if BARE_ADDRESS.match(text)]


def sideways_scroll(page) -> str | None:
    width = page.evaluate(PAGE_WIDTH)
    if width["scroll"] > width["client"]:
        return f"{width['scroll']} px wide in a {width['client']} px window: {width['widest']}"
    return None


# Form controls a person changes by keyboard, each kind with the key that changes it.
CONTROLS = {
    "select": "ArrowDown",
    "input[type=checkbox]": "Space",
    "input[type=radio]": "Space",
    "input[type=text], input[type=search], input:not([type]), textarea": "1",
}
SETTLE_MS = 1200  # longer than the checklist's autosave delay and its request


def control_signature(control) -> str:
    """What makes a control the same control on another page or in another row: its form's
    address with capability tokens left out, and its name with numbers left out (each of the
    checklist's 14 actions has the same fields)."""
    return control.evaluate(
        """el => [
          (el.form ? el.form.getAttribute('action') || location.pathname : '')
            .replace(/[A-Za-z0-9_-]{40,}/g, '*'),
          el.tagName, el.type, (el.name || '').replace(/[0-9]+/g, 'N'),
        ].join(' ')"""
    )


def context_changes(page, seen: set[str]) -> list[str]:
    """Change each control not met before by keyboard, as a person would; report any that
    reloads or leaves the page, or takes focus away from where the person is."""
    faults = []
    for selector, key in CONTROLS.items():
        for control in page.locator(selector).all():
            if not control.is_visible() or not control.is_enabled():
                continue
            signature = control_signature(control)
            if signature in seen:
                continue
            seen.add(signature)
            address = page.url
            page.evaluate("() => { window.__stillHere = true; }")
            control.focus()
            page.keyboard.press(key)
            typing = key == "1"
            if typing:
                page.keyboard.press("Tab")  # leaving a text field is what fires its change
            page.wait_for_timeout(SETTLE_MS)
            try:
                still_here = page.evaluate("() => window.__stillHere === true")
            except PlaywrightError:  # the page went away while being read
                still_here = False
            if not still_here or page.url.split("?")[0] != address.split("?")[0]:
                faults.append(f"{signature}: the page reloaded or changed")
                page.goto(address)
                continue
            focus_kept = _focus_kept(control, typing)
            if not focus_kept:
                faults.append(f"{signature}: focus moved away")
    return faults


def _focus_kept(control, typing) -> bool:
    """After a keyboard change focus stays on the control; after typing and Tab it is on the
    next control, not thrown back to the page or an error summary."""
    if typing:
        return control.evaluate(
            "el => document.activeElement !== document.body"
            " && !document.activeElement.closest('.nhsuk-error-summary')"
        )
    return control.evaluate("el => document.activeElement === el")
