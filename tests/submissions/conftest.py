"""Shared by the submissions tests: a complete, valid form as a browser sends it, opened a
while ago (so the time-to-submit check passes), and an empty rate-limit count for each test."""

import re
import time

from submissions import spam

SUBMIT = "/case-studies/submit/"


def form_data(**changes) -> dict:
    data = {
        "title": "Sensory diets on an autism inpatient ward",
        "source_url": "https://www.example.org/sensory-diets",
        "publisher": "Northshire Partnership NHS Foundation Trust",
        "professions": ["occupational-therapists", "dietitians"],
        "outcomes": ["positive-patient-outcome"],
        "settings": ["autism"],
        "summary": "Occupational therapists and dietitians built sensory diets.\r\n\r\n"
        "Restraint fell by a third in a year.",
        "name": "Jo Bloggs",
        "role": "AHP lead",
        "organisation": "Northshire Partnership NHS Foundation Trust",
        "email": "jo.bloggs@example.org",
        "website": "",
        "started": spam.opened_token(time.time() - 30),
    }
    data.update(changes)
    return data


def _squash(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def labels(html: str) -> dict[str, str]:
    """Each label's text, by the id of the control it names."""
    return {
        for_: _squash(text)
        for for_, text in re.findall(
            r'<label\s[^>]*\bfor="([^"]+)"[^>]*>(.*?)</label>', html, re.DOTALL
        )
    }


def legends(html: str) -> list[str]:
    return [_squash(t) for t in re.findall(r"<legend\b[^>]*>(.*?)</legend>", html, re.DOTALL)]


def inline_errors(html: str) -> list[str]:
    """The text of each inline error message, as a person reads it ("Error: …")."""
    return [
        _squash(t)
        for t in re.findall(
            r'<span\s[^>]*class="nhsuk-error-message"[^>]*>(.*?</span>.*?)</span>', html, re.DOTALL
        )
    ]


def error_summary_items(html: str) -> list[tuple[str, str]]:
    """(link target, text) of each item of the error summary."""
    summary = re.search(r'<div\s[^>]*class="nhsuk-error-summary".*?</ul>', html, re.DOTALL)
    assert summary, "no error summary"
    return [
        (href, _squash(text))
        for href, text in re.findall(
            r'<a\s[^>]*href="(#[^"]+)"[^>]*>(.*?)</a>', summary.group(0), re.DOTALL
        )
    ]
