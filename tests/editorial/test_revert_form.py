"""The restore and recover forms: the rich-text editor the change form has (its import map
carries the response's CSP nonce, or the browser refuses it and the editor is a textarea of
HTML), and plain-English wording."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from reversion.models import Version

from editorial.actions.common import revision
from pages.models import Page
from tests.forms import submitted
from tests.page_text import visible_text
from tests.users import make_user

pytestmark = pytest.mark.django_db

BODY = "<p>Some <strong>bold words</strong> here</p>"


def signed_in(role):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(make_user(role=role))
    return client


def a_page_with_two_versions(user):
    section = Page.objects.create(title="Restorable", slug="restorable", body=BODY)
    with revision(user=user, comment="First"):
        section.save()
    first = Version.objects.get_for_object(section).get()
    section.body = "<p>Later words</p>"
    with revision(user=user, comment="Second"):
        section.save()
    return section, first


def assert_the_editor_can_start(response):
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    importmap = re.search(r'<script type="importmap"([^>]*)>', html).group(1)
    assert f'nonce="{nonce}"' in importmap
    textarea = re.search(r'<textarea name="body"[^>]*>', html).group(0)
    assert "data-django-prose-editor-configurable=" in textarea


def test_the_restore_form_has_the_rich_text_editor_and_says_what_it_does():
    client = signed_in("publisher")
    section, first = a_page_with_two_versions(make_user(role="editor"))
    response = client.get(f"/admin/pages/page/{section.pk}/history/{first.pk}/")
    assert response.status_code == 200
    assert_the_editor_can_start(response)
    html = response.content.decode()
    # The version shown is the earlier one, its HTML kept for the editor to render.
    assert "bold words" in html and "Later words" not in html
    text = visible_text(html)
    assert "Restore an earlier version of “Restorable”" in text
    assert "choose “Restore this version”" in text
    assert "revert" not in text.lower() and "of the object" not in text
    buttons = re.findall(r'<input type="submit" value="([^"]+)"', html)
    assert buttons == ["Restore this version"]


def test_restoring_puts_the_rich_text_back_with_one_full_stop():
    client = signed_in("publisher")
    section, first = a_page_with_two_versions(make_user(role="editor"))
    url = f"/admin/pages/page/{section.pk}/history/{first.pk}/"
    response = client.post(url, submitted(client.get(url)))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == BODY
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("“Restorable” was restored to the version saved")
    assert message.endswith(".") and not message.endswith("..")


def test_the_recover_form_has_the_editor_and_names_what_comes_back():
    client = signed_in("publisher")
    section, _ = a_page_with_two_versions(make_user(role="editor"))
    pk = section.pk
    with revision(user=None, comment="Before deleting"):
        section.save()
    section.delete()
    deleted = Version.objects.get_deleted(Page).get(object_id=str(pk))
    response = client.get(f"/admin/pages/page/recover/{deleted.pk}/")
    assert response.status_code == 200
    assert_the_editor_can_start(response)
    text = visible_text(response.content.decode())
    assert "Recover “Restorable”" in text
    assert "It comes back with the relations and parts it had then." in text
    assert "of the object" not in text
    buttons = re.findall(r'<input type="submit" value="([^"]+)"', response.content.decode())
    assert buttons == ["Recover this page"]
