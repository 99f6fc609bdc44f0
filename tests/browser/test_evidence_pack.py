"""The finder's "Download an evidence pack" links in a real browser: there, carrying the
filter (also after the results update without a reload), reachable by keyboard, and giving
the PDF and the Word file."""

import re

from playwright.sync_api import expect


def test_the_pack_links_carry_the_filter_and_work_by_keyboard(browser, page, site):
    # Without JavaScript first, in the same test: as a second test of this file it found
    # no case studies after the database restore between browser tests (not investigated).
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    no_js = context.new_page()
    no_js.goto(site + "/case-studies/?setting=mental-health&profession=occupational-therapists")
    expect(no_js.get_by_role("link", name="Download an evidence pack (Word)")).to_have_attribute(
        "href",
        "/case-studies/evidence-pack.docx?profession=occupational-therapists&setting=mental-health",
    )
    context.close()

    page.goto(site + "/case-studies/")
    page.get_by_label("Cost-saving").check()
    expect(page).to_have_url(re.compile(r"\?outcome=cost-saving$"))
    pdf = page.get_by_role("link", name="Download an evidence pack (PDF)")
    word = page.get_by_role("link", name="Download an evidence pack (Word)")
    expect(pdf).to_have_attribute("href", "/case-studies/evidence-pack.pdf?outcome=cost-saving")
    expect(word).to_have_attribute("href", "/case-studies/evidence-pack.docx?outcome=cost-saving")

    page.get_by_role("link", name="Download as data (JSON)").focus()
    page.keyboard.press("Tab")
    expect(pdf).to_be_focused()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".pdf")
    page.keyboard.press("Tab")
    expect(word).to_be_focused()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".docx")
