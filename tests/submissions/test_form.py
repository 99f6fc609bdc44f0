"""The public form (issue 15, item 3): the toolkit's criteria above it, every field checked
with the NHS error pattern, what is typed kept, the summary sanitised like the editor's, and a
draft case study only staff see."""

import re

import pytest

from casestudies.models import CaseStudy
from editorial.publishing import Status
from submissions.models import Submission
from tests.page_text import visible_text
from tests.submissions.conftest import (
    SUBMIT,
    error_summary_items,
    form_data,
    inline_errors,
    labels,
    legends,
)

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_inclusion_criteria_and_every_field(client):
    response = client.get(SUBMIT)
    html = response.content.decode()
    text = visible_text(html)
    assert response.status_code == 200
    assert "What the toolkit includes" in text
    assert (
        "real-life example of the work of one or more of the 14 allied health professions" in text
    )
    for outcome in (
        "Cost-saving",
        "Positive patient outcome",
        "Improve and establish health equity",
    ):
        assert outcome in text
    assert "already published where anyone can read it" in text
    shown = labels(html)
    for field, label in {
        "title": "Title",
        "source_url": "Web address",
        "publisher": "Publisher",
        "summary": "Summary",
        "name": "Full name",
        "role": "Role",
        "organisation": "Organisation",
        "email": "Email address",
        "professions": "Art therapists",
        "settings": "Mental health",
    }.items():
        assert shown[field] == label
    assert legends(html) == ["Professions", "Outcomes", "Settings"]
    assert html.count('name="professions"') == 14
    assert html.count('name="settings"') == 3
    # The honeypot: hidden from sight and from the tab order, and says what to do with it.
    honeypot = re.search(r'<div class="nhsuk-u-visually-hidden">(.*?)</div>', html, re.DOTALL)
    assert "Leave this blank" in honeypot.group(1)
    assert 'tabindex="-1"' in honeypot.group(1)
    assert 'autocomplete="off"' in honeypot.group(1)
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_valid_submission_makes_a_draft_only_staff_see_and_says_what_happens_next(
    client, publisher
):
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 302
    page = client.get(response["Location"])
    text = visible_text(page.content.decode())
    submission = Submission.objects.get()
    assert re.fullmatch(r"AHP-[2-9A-HJKMNP-Z]{5}", submission.reference)
    assert "Case study sent" in text
    # The panel: the reference on a line of its own (a <br> apart, so no space in the text).
    assert re.search(rf"Your reference\s*{submission.reference}", text)
    assert f"<strong>{submission.reference}</strong>" in page.content.decode()
    assert "What happens next" in text
    assert "It does not appear on the toolkit until an editor publishes it" in text

    case_study = submission.case_study
    assert case_study.status == Status.DRAFT
    assert case_study.title == "Sensory diets on an autism inpatient ward"
    assert sorted(case_study.professions.values_list("slug", flat=True)) == [
        "dietitians",
        "occupational-therapists",
    ]
    assert list(case_study.settings.values_list("slug", flat=True)) == ["autism"]
    assert (submission.name, submission.role, submission.email) == (
        "Jo Bloggs",
        "AHP lead",
        "jo.bloggs@example.org",
    )
    # Not public: not its page, not the finder; staff see it in the admin's preview.
    assert client.get(case_study.get_absolute_url()).status_code == 404
    assert "Sensory diets" not in client.get("/case-studies/?q=sensory").content.decode()
    preview = publisher.get(f"/admin/casestudies/casestudy/{case_study.pk}/preview/")
    assert "Sensory diets on an autism inpatient ward" in visible_text(preview.content.decode())


REQUIRED = {
    "title": "Enter the title of the case study",
    "source_url": "Enter the web address where the case study is published",
    "publisher": "Enter who published the case study",
    "professions": "Select at least one of the professions",
    "outcomes": "Select at least one of the outcomes",
    "settings": "Select at least one of the settings",
    "summary": "Enter a summary of the case study",
    "name": "Enter your full name",
    "role": "Enter your role",
    "organisation": "Enter your organisation",
    "email": "Enter your email address",
}


@pytest.mark.parametrize("field", sorted(REQUIRED))
def test_every_field_is_required_with_an_nhs_error_and_the_rest_is_kept(client, field):
    data = form_data(**{field: [] if field in {"professions", "outcomes", "settings"} else "  "})
    response = client.post(SUBMIT, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert error_summary_items(html) == [(f"#{field}", REQUIRED[field])]
    assert inline_errors(html) == [f"Error: {REQUIRED[field]}"]
    assert f'id="{field}"' in html
    assert "<title>Error: Submit a case study" in html
    assert Submission.objects.count() == 0
    # What was typed elsewhere is still there.
    if field != "title":
        assert 'value="Sensory diets on an autism inpatient ward"' in html
    if field != "summary":
        assert "Restraint fell by a third in a year." in html
    if field != "professions":
        assert re.search(r'value="dietitians"\s+checked', html)


BAD = [
    (
        "source_url",
        "not a web address",
        "Enter a web address in the correct format, like https://www.example.org/case-study",
    ),
    (
        "source_url",
        "javascript:alert(1)",
        "Enter a web address in the correct format, like https://www.example.org/case-study",
    ),
    (
        "source_url",
        "ftp://example.org/file",
        "Enter a web address in the correct format, like https://www.example.org/case-study",
    ),
    (
        "source_url",
        "https://example.org/" + "a" * 500,
        "Web address must be 500 characters or fewer",
    ),
    ("email", "jo.bloggs@", "Enter an email address in the correct format, like name@example.com"),
    ("email", "x" * 250 + "@example.org", "Email address must be 254 characters or fewer"),
    ("title", "t" * 256, "Title must be 255 characters or fewer"),
    ("publisher", "p" * 201, "Publisher must be 200 characters or fewer"),
    ("summary", "s" * 3001, "Summary must be 3,000 characters or fewer"),
    ("name", "n" * 201, "Full name must be 200 characters or fewer"),
    ("role", "Lead\x00", "Role must not contain invisible control characters"),
    ("organisation", "o" * 201, "Organisation must be 200 characters or fewer"),
    ("professions", ["no-such-profession"], "Select professions from the list"),
    ("outcomes", ["cost-saving", "<script>"], "Select outcomes from the list"),
    ("settings", ["prison"], "Select settings from the list"),
]


@pytest.mark.parametrize(
    ("field", "value", "message"), BAD, ids=[f"{f}-{m[:20]}" for f, _, m in BAD]
)
def test_wrong_values_get_a_clear_error_on_their_field(client, field, value, message):
    response = client.post(SUBMIT, form_data(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 400
    assert error_summary_items(html) == [(f"#{field}", message)]
    assert inline_errors(html) == [f"Error: {message}"]
    assert Submission.objects.count() == 0


def test_a_web_address_without_a_scheme_is_taken_as_https(client):
    client.post(SUBMIT, form_data(source_url="www.example.org/sensory-diets"))
    assert Submission.objects.get().case_study.source_url == "https://www.example.org/sensory-diets"


def test_the_summary_is_sanitised_like_the_editors_text(client):
    summary = (
        "First paragraph with **bold** words.\r\n\r\n"
        '<script>alert("x")</script><img src=x onerror="alert(1)">'
        '<a href="javascript:alert(2)">a link</a> and <a href="https://www.example.org/">a real one</a>'
        '<iframe src="https://evil.example"></iframe><p style="color:red" onclick="x()">styled</p>'
    )
    client.post(SUBMIT, form_data(summary=summary))
    stored = Submission.objects.get().case_study.summary
    assert stored.startswith("<p>First paragraph with <strong>bold</strong> words.</p>")
    for gone in (
        "<script",
        "alert(",
        "<img",
        "onerror",
        "javascript:",
        "<iframe",
        "style=",
        "onclick",
    ):
        assert gone not in stored, gone
    assert '<a href="https://www.example.org/" rel="noopener noreferrer">a real one</a>' in stored
    assert "styled" in stored and "a link" in stored


def test_text_fields_are_shown_as_text_not_markup(client, publisher):
    client.post(SUBMIT, form_data(title="<b>Bold</b> & brave", name="<i>Jo</i>"))
    case_study = Submission.objects.get().case_study
    assert case_study.title == "<b>Bold</b> & brave"
    html = publisher.get(f"/admin/casestudies/casestudy/{case_study.pk}/preview/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; brave" in html
    assert "<b>Bold</b>" not in html


def test_a_title_like_an_existing_case_study_or_a_fixed_path_gets_its_own_address(client):
    existing = CaseStudy.objects.published().first()
    client.post(SUBMIT, form_data(title=existing.title))
    client.post(SUBMIT, form_data(title="Submit"))
    first, second = Submission.objects.order_by("pk")
    assert first.case_study.slug == f"{existing.slug}-{first.reference.lower()}"
    assert second.case_study.slug == f"submit-{second.reference.lower()}"


def test_a_confirmation_address_that_was_not_issued_is_not_found(client):
    assert client.get(f"{SUBMIT}sent/AHP-AAAAA/").status_code == 404
    assert client.get(f"{SUBMIT}sent/eyJyIjoiQUhQLUFBQUFBIn0:1abc:forged/").status_code == 404
