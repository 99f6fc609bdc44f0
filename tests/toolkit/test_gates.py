"""Gates every page passes: coverage of page types, CSP-safe templates, security headers."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from tests.page_types import NOT_HTML, PAGE_TYPES

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def public_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from public_url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern {entry.pattern} has no name"
            yield f"{namespace}{entry.name}"


def test_every_public_page_type_is_covered_by_the_gates():
    names = set(public_url_names())
    uncovered = names - set(PAGE_TYPES) - NOT_HTML
    assert not uncovered, f"add these page types to tests/page_types.py: {sorted(uncovered)}"


def inline_script_or_style(text):
    problems = []
    for match in re.finditer(r"<script\b([^>]*)>", text):
        attributes = match.group(1)
        if "src=" not in attributes:
            problems.append(match.group(0))
    problems += re.findall(r"<[a-z][^>]*\sstyle=", text)
    problems += re.findall(r"<style\b", text)
    problems += re.findall(r"\son[a-z]+=", text)
    return problems


def test_the_inline_detector_catches_inline_code():
    assert inline_script_or_style("<script>alert(1)</script>")
    assert inline_script_or_style('<p style="color:red">')
    assert inline_script_or_style('<button onclick="x()">')
    assert not inline_script_or_style('<script type="module" src="/static/js/app.js"></script>')


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.jinja")), ids=lambda p: p.name)
def test_templates_carry_no_inline_script_or_style(path):
    assert inline_script_or_style(path.read_text()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_sends_the_security_headers(client, name):
    response = client.get(PAGE_TYPES[name]())
    assert response.status_code in {200, 404}
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    # The only inline script is the NHS template's js-enabled switch, carrying the nonce.
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_has_a_unique_title_and_description(client, name):
    html = client.get(PAGE_TYPES[name]()).content.decode()
    title = re.search(r"<title>([^<]+)</title>", html).group(1)
    assert title.endswith(" – AHP toolkit") and len(title) > len(" – AHP toolkit")
    assert '<meta name="description" content="' in html
    assert '<meta property="og:title"' in html


@pytest.mark.django_db
def test_titles_differ_between_page_types(client):
    titles = {
        re.search(r"<title>([^<]+)</title>", client.get(make()).content.decode()).group(1)
        for make in PAGE_TYPES.values()
    }
    assert len(titles) == len(PAGE_TYPES)
