import pytest

from toolkit.models import Page
from toolkit.richtext import markdown_to_html, sanitise


def test_sanitise_removes_scripts_handlers_and_styles():
    dirty = (
        '<p style="color:red" onclick="x()">Hi<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>'
    )
    clean = sanitise(dirty)
    assert "script" not in clean
    assert "onclick" not in clean
    assert "style" not in clean
    assert "javascript:" not in clean
    assert "<img" not in clean
    assert clean.startswith("<p>Hi")


def test_markdown_links_and_lists_survive():
    html = markdown_to_html("- one\n- [two](https://example.org/)\n\n**bold**")
    assert "<li>one</li>" in html
    assert 'href="https://example.org/"' in html
    assert "<strong>bold</strong>" in html


@pytest.mark.django_db
def test_rich_text_is_sanitised_when_saved():
    page = Page.objects.create(title="XSS", body='<p>ok</p><script>alert("x")</script>')
    page.refresh_from_db()
    assert "<script>" not in page.body
    assert "<p>ok</p>" in page.body
