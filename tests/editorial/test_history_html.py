"""The history, compare, restore, recover and draft pages pass the Nu HTML checker."""

import pytest
import reversion
from reversion.models import Version

from casestudies.models import CaseStudy
from tests.forms import submitted
from tests.vnu import vnu_errors

pytestmark = pytest.mark.django_db

BASE = "/admin/casestudies/casestudy/"


def admin_pages(publisher, editor):
    study = CaseStudy.objects.order_by("pk").first()
    loaded = Version.objects.get_for_object(study).get()
    change = f"{BASE}{study.pk}/change/"
    data = submitted(publisher.get(change), title="A new title")
    data["professions"] = data["professions"][:1]
    publisher.post(change, {**data, "_save_draft": "Save as draft"})
    with reversion.create_revision():
        study.title = "Changed again"
        study.save()
    latest = Version.objects.get_for_object(study).first()
    other = CaseStudy.objects.order_by("pk").last()
    other.delete()
    deleted = Version.objects.get_deleted(CaseStudy).first()
    return {
        "history": (publisher, f"{BASE}{study.pk}/history/"),
        "compare": (
            publisher,
            f"{BASE}{study.pk}/history/compare/?version_id1={loaded.pk}&version_id2={latest.pk}",
        ),
        "revision": (publisher, f"{BASE}{study.pk}/history/{loaded.pk}/"),
        "recover-list": (publisher, f"{BASE}recover/"),
        "recover": (publisher, f"{BASE}recover/{deleted.pk}/"),
        "change-with-draft": (publisher, change),
        "draft-view": (editor, f"{BASE}{study.pk}/draft/"),
        "read-only-with-draft": (editor, change),
        "changelist": (publisher, BASE),
    }


def test_the_new_admin_pages_are_valid_html(publisher, editor, tmp_path):
    pages = {}
    for name, (client, url) in admin_pages(publisher, editor).items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = response.content
    assert vnu_errors(pages, tmp_path) == []
