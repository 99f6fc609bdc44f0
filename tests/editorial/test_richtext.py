import re

import pytest
from django.core.exceptions import ValidationError
from django_prose_editor.config import allowlist_from_extensions

from careers.models import CareerStory, StoryAnswer
from editorial.richtext import (
    ALLOWED_TAGS,
    EDITOR_EXTENSIONS,
    RichTextFormField,
    markdown_to_html,
    sanitise,
)
from pages.models import Page
from professions.models import Profession


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


# Rich text in the admin: django-prose-editor, offering only what the allow-list keeps.

XSS = (
    '<p style="color:red" onclick="steal()">Hello</p><script>alert("xss")</script>'
    '<img src=x onerror=alert("xss")><a href="javascript:alert(1)">link</a>'
    '<a href="https://example.org/" style="x" target="_blank">safe link</a>'
    '<iframe src="https://evil.example/"></iframe><h2 class="x">Heading</h2>'
)
FORBIDDEN = ["<script>alert", "onerror", "onclick", "javascript:", "style=", "<iframe", "<img"]


def test_the_editor_offers_nothing_the_allow_list_strips():
    editor = allowlist_from_extensions(EDITOR_EXTENSIONS)
    assert editor["tags"] <= ALLOWED_TAGS
    assert editor["tags"] >= {"h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote"}
    attributes = {name for names in editor["attributes"].values() for name in names}
    assert not attributes & {"style", "class", "src"}
    assert not {"HTML", "Image", "Figure", "Table", "TextAlign", "Color"} & set(EDITOR_EXTENSIONS)


@pytest.mark.django_db
def test_the_editor_widget_renders_in_the_admin_change_form_with_the_csp_nonce(admin_client):
    profession = Profession.objects.order_by("pk").first()
    response = admin_client.get(f"/admin/professions/profession/{profession.pk}/change/")
    html = response.content.decode()
    textarea = re.search(r'<textarea name="description"[^>]*>', html).group(0)
    assert "data-django-prose-editor-configurable=" in textarea
    assert "&quot;ToolkitEditor&quot;:true" in textarea
    assert "&quot;HTML&quot;" not in textarea
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    importmap = re.search(r'<script type="importmap"([^>]*)>', html).group(1)
    assert f'nonce="{nonce}"' in importmap
    assert 'src="/static/js/prose-editor-toolkit.js"' not in html  # loaded by the editor itself
    assert "/static/js/prose-editor-toolkit.js" in textarea


def test_an_empty_editor_counts_as_empty():
    field = RichTextFormField(required=True)
    with pytest.raises(ValidationError, match="required"):
        field.clean("<p></p>")
    assert field.clean("<p>Text</p><script>x</script>") == "<p>Text</p>"


def published_profession_form(**overrides):
    return {
        "name": "Xss therapists",
        "slug": "xss-therapists",
        "summary": "Summary",
        "regulator": "HCPC",
        "order": "0",
        "status": "published",
        "published_at_0": "01/01/2024",
        "published_at_1": "00:00:00",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        "quotes-MIN_NUM_FORMS": "0",
        "quotes-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def assert_no_injection(html):
    for marker in FORBIDDEN:
        assert marker not in html, marker


@pytest.mark.django_db
def test_stored_xss_through_the_admin_form_fails(admin_client, client):
    response = admin_client.post(
        "/admin/professions/profession/add/",
        published_profession_form(description=XSS, learning_disability_offer=XSS),
    )
    assert response.status_code == 302
    profession = Profession.objects.get(slug="xss-therapists")
    for stored in [profession.description, profession.learning_disability_offer]:
        assert_no_injection(stored)
        assert '<a href="https://example.org/" rel="noopener noreferrer">safe link</a>' in stored
        assert "<h2>Heading</h2>" in stored
    page = client.get(profession.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert_no_injection(html)
    assert "<p>Hello</p>" in html


@pytest.mark.django_db
def test_stored_xss_through_the_model_fails_even_when_save_is_bypassed(client):
    story = CareerStory.objects.published().first()
    answer = StoryAnswer.objects.create(story=story, question="Why?", answer=XSS)
    assert_no_injection(StoryAnswer.objects.get(pk=answer.pk).answer)
    # An update() skips save(): the page sanitises again when it renders.
    StoryAnswer.objects.filter(pk=answer.pk).update(answer=XSS)
    html = client.get(story.get_absolute_url()).content.decode()
    assert_no_injection(html)
    assert "<p>Hello</p>" in html
