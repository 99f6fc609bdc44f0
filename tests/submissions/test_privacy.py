"""The privacy notice covers submissions, with the limit the code applies."""

import pytest

from tests.page_text import visible_text
from tests.submissions.conftest import SUBMIT

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_says_what_a_submission_keeps_and_who_sees_it(client, settings):
    settings.SUBMISSIONS_PER_CLIENT = (7, 2 * 3600)
    html = client.get("/privacy/").content.decode()
    text = visible_text(html)
    assert "Case studies you submit" in text
    assert "your name, role, organisation and email address" in text
    assert "never your name, role, organisation or email address" in text
    assert "up to 7 in 2 hours" in text
    assert f'href="{SUBMIT}"' in html


def test_the_form_links_to_the_privacy_notice(client):
    html = client.get(SUBMIT).content.decode()
    assert "How we use your details is in the privacy notice." in visible_text(html)
    assert 'href="/privacy/"' in html.split("<main")[1]
