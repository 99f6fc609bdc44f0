import pytest

from careers.models import CareerStory
from casestudies.models import CaseStudy
from editorial.publishing import Status
from pages.models import Page
from professions.models import Profession
from tests.users import make_user

pytestmark = pytest.mark.django_db

PREVIEWED = [
    (Page, "pages", "page"),
    (Profession, "professions", "profession"),
    (CaseStudy, "casestudies", "casestudy"),
    (CareerStory, "careers", "careerstory"),
]


def draft(model):
    obj = model.objects.order_by("pk").first()
    obj.status = Status.DRAFT
    obj.save()
    return obj


@pytest.mark.parametrize(("model", "app", "name"), PREVIEWED)
def test_staff_preview_a_draft_on_the_public_template(admin_client, client, model, app, name):
    obj = draft(model)
    assert client.get(obj.get_absolute_url()).status_code == 404
    change = admin_client.get(f"/admin/{app}/{name}/{obj.pk}/change/").content.decode()
    preview_url = f"/admin/{app}/{name}/{obj.pk}/preview/"
    assert f'href="{preview_url}"' in change
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "It is not published: the public cannot see it." in html
    assert "nhsuk-header" in html  # the real public layout
    assert str(obj).split(",")[0] in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("model", "app", "name"), PREVIEWED)
def test_anonymous_visitors_never_see_a_preview(client, model, app, name):
    obj = draft(model)
    response = client.get(f"/admin/{app}/{name}/{obj.pk}/preview/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_content_editor_previews_their_draft(client):
    user = make_user(role="editor", username="ed")
    client.force_login(user)
    study = draft(CaseStudy)
    assert client.get(f"/admin/casestudies/casestudy/{study.pk}/preview/").status_code == 200


def test_staff_without_permission_cannot_preview(client):
    user = make_user(username="nobody")
    client.force_login(user)
    study = draft(CaseStudy)
    assert client.get(f"/admin/casestudies/casestudy/{study.pk}/preview/").status_code == 403


def test_previewing_an_unknown_item_is_404(admin_client):
    assert admin_client.get("/admin/casestudies/casestudy/999999/preview/").status_code == 404


def test_the_preview_page_is_valid_html(admin_client, tmp_path):
    import json
    import subprocess

    from tests.vnu import VNU

    study = draft(CaseStudy)
    target = tmp_path / "preview.html"
    target.write_bytes(
        admin_client.get(f"/admin/casestudies/casestudy/{study.pk}/preview/").content
    )
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = [m["message"] for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]
    assert errors == []
