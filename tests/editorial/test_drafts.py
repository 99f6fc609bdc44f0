"""Drafts of published content: saved without changing the public page, previewed, published
by a publisher (and recorded in the history), or discarded."""

import pytest
from django.contrib.auth.models import Group
from reversion.models import Version

from careers.models import CareerStory
from casestudies.models import CaseStudy
from editorial.models import Draft
from editorial.publishing import Status
from professions.models import Profession
from tests.forms import submitted
from tests.users import make_user

pytestmark = pytest.mark.django_db

ART = "https://link.hee.nhs.uk/mental-health-art"
CASE_STUDIES = "/admin/casestudies/casestudy/"
STORIES = "/admin/careers/careerstory/"
NEW_TITLE = "Art therapy, drafted anew"


@pytest.fixture
def study():
    return CaseStudy.objects.get(source_url=ART)


def urls(obj, base=CASE_STUDIES):
    return {
        "change": f"{base}{obj.pk}/change/",
        "draft": f"{base}{obj.pk}/draft/",
        "preview": f"{base}{obj.pk}/preview/",
    }


def live(study):
    fresh = CaseStudy.objects.get(pk=study.pk)
    return fresh.title, sorted(fresh.professions.values_list("slug", flat=True))


def save_draft(client, url, **changes):
    data = submitted(client.get(url), **changes)
    return client.post(url, {**data, "_save_draft": "Save as draft"})


def test_an_editor_drafts_a_change_to_published_content(editor, client, study):
    before = live(study)
    change = editor.get(urls(study)["change"]).content.decode()
    assert 'name="title"' not in change  # the published item itself stays read only
    assert f'href="{urls(study)["draft"]}"' in change

    form = editor.get(urls(study)["draft"])
    html = form.content.decode()
    assert 'name="title"' in html
    assert 'name="_save_draft"' in html
    assert 'name="_publish_draft"' not in html and 'name="_publish"' not in html
    assert 'name="_save"' not in html

    dietitians = Profession.objects.get(slug="dietitians")
    data = submitted(form, title=NEW_TITLE)
    data["professions"] = [str(dietitians.pk)]
    response = editor.post(urls(study)["draft"], {**data, "_save_draft": "Save as draft"})
    assert response.status_code == 302
    assert live(study) == before
    assert NEW_TITLE not in client.get(study.get_absolute_url()).content.decode()
    draft = Draft.objects.get(object_id=study.pk)
    assert draft.saved_by.username == "content-editor"
    # No revision for a draft: the history is what the public saw.
    assert Version.objects.get_for_object(study).count() == 1

    again = editor.get(urls(study)["draft"])
    html = again.content.decode()
    assert "There is an unpublished draft of this case study (saved by content-editor at" in html
    assert f'value="{NEW_TITLE}"' in html
    assert again.context["adminform"].form.initial["professions"]
    assert [p.slug for p in again.context["adminform"].form.initial["professions"]] == [
        "dietitians"
    ]


def test_an_editor_cannot_publish_a_draft_even_by_forging_the_button(editor, study):
    save_draft(editor, urls(study)["draft"], title=NEW_TITLE)
    data = submitted(editor.get(urls(study)["draft"]))
    response = editor.post(urls(study)["draft"], {**data, "_publish_draft": "Publish draft"})
    assert response.status_code == 403
    assert live(study)[0] != NEW_TITLE
    # A plain save from the draft form is a draft too.
    editor.post(urls(study)["draft"], {**data, "title": "Another", "_save": "Save"})
    assert live(study)[0] != "Another"
    assert Draft.objects.get(object_id=study.pk).data["title"] == ["Another"]


def test_the_preview_shows_the_draft_and_changes_nothing(editor, client, study):
    before = live(study)
    save_draft(editor, urls(study)["draft"], title=NEW_TITLE)
    preview = editor.get(urls(study)["preview"]).content.decode()
    assert NEW_TITLE in preview
    assert "It shows an unpublished draft: the public still sees the published version." in preview
    assert live(study) == before
    assert NEW_TITLE not in client.get(study.get_absolute_url()).content.decode()


def test_a_publisher_publishes_the_draft(editor, publisher, client, study):
    save_draft(editor, urls(study)["draft"], title=NEW_TITLE)
    form = publisher.get(urls(study)["change"])
    html = form.content.decode()
    assert "There is an unpublished draft" in html
    assert f'value="{NEW_TITLE}"' in html
    assert 'name="_publish_draft"' in html and 'name="_discard_draft"' in html
    # The editor's draft has no status: the publisher's form keeps the live one.
    assert form.context["adminform"].form["status"].value() == Status.PUBLISHED
    response = publisher.post(
        urls(study)["change"], {**submitted(form), "_publish_draft": "Publish draft"}
    )
    assert response.status_code == 302
    assert live(study)[0] == NEW_TITLE
    assert NEW_TITLE in client.get(study.get_absolute_url()).content.decode()
    assert not Draft.objects.filter(object_id=study.pk).exists()
    latest = Version.objects.get_for_object(study).first()
    assert latest.field_dict["title"] == NEW_TITLE
    assert "Published the draft saved by content-editor." in latest.revision.comment


def test_a_publisher_saves_a_draft_from_the_change_form(publisher, study):
    before = live(study)
    html = publisher.get(urls(study)["change"]).content.decode()
    assert 'name="_save_draft"' in html
    response = save_draft(publisher, urls(study)["change"], title=NEW_TITLE)
    assert response.status_code == 302
    assert live(study) == before
    assert Draft.objects.get(object_id=study.pk).data["title"] == [NEW_TITLE]


def test_discarding_a_draft_leaves_the_published_version(editor, study):
    before = live(study)
    save_draft(editor, urls(study)["draft"], title=NEW_TITLE)
    data = submitted(editor.get(urls(study)["draft"]))
    response = editor.post(urls(study)["draft"], {**data, "_discard_draft": "Discard draft"})
    assert response.status_code == 302
    assert not Draft.objects.filter(object_id=study.pk).exists()
    assert live(study) == before
    assert "There is an unpublished draft" not in editor.get(urls(study)["draft"]).content.decode()


def test_an_invalid_draft_shows_the_errors_and_saves_nothing(editor, study):
    response = save_draft(editor, urls(study)["draft"], title="", source_url="not a web address")
    assert response.status_code == 200
    assert "Please correct the errors below." in response.content.decode()
    assert not Draft.objects.exists()


def test_drafts_are_only_for_published_content(editor, study):
    study.status = Status.DRAFT
    study.save()
    response = editor.get(urls(study)["draft"])
    assert response.status_code == 302
    assert response["Location"] == urls(study)["change"]
    assert 'name="_save_draft"' not in editor.get(urls(study)["change"]).content.decode()


def test_staff_without_permission_see_no_draft_form(client, study):

    user = make_user(username="nobody")
    client.force_login(user)
    assert client.get(urls(study)["draft"]).status_code == 403


def test_a_draft_of_a_career_story_holds_its_answers(editor, publisher, client):
    story = CareerStory.objects.order_by("pk").first()
    original = list(story.answers.values_list("answer", flat=True))
    story_urls = urls(story, STORIES)
    response = save_draft(
        editor, story_urls["draft"], **{"answers-0-answer": "<p>A drafted answer</p>"}
    )
    assert response.status_code == 302
    assert list(story.answers.values_list("answer", flat=True)) == original
    assert "A drafted answer" in editor.get(story_urls["preview"]).content.decode()
    assert "A drafted answer" not in client.get(story.get_absolute_url()).content.decode()
    assert list(story.answers.values_list("answer", flat=True)) == original

    form = publisher.get(story_urls["change"])
    assert "A drafted answer" in form.content.decode()
    publisher.post(story_urls["change"], {**submitted(form), "_publish_draft": "Publish draft"})
    assert "A drafted answer" in client.get(story.get_absolute_url()).content.decode()
    latest = Version.objects.get_for_object(story).first()
    answers = [
        v.field_dict["answer"]
        for v in latest.revision.version_set.all()
        if v.content_type.model == "storyanswer"
    ]
    assert "<p>A drafted answer</p>" in answers


def test_both_roles_may_list_drafts():
    for name in ("Content editor", "Publisher"):
        codenames = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert "view_draft" in codenames


def test_an_upload_is_kept_in_the_draft_and_the_public_photo_is_unchanged(editor, media_root):
    import io

    from django.contrib.messages import get_messages
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    story = CareerStory.objects.order_by("pk").first()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    photo = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    url = urls(story, STORIES)["draft"]
    data = submitted(editor.get(url), photo_alt="A white square")
    response = editor.post(url, {**data, "photo": photo, "_save_draft": "Save as draft"})
    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("The draft was saved" in m for m in said), said
    assert not any("not kept" in m for m in said), said
    story.refresh_from_db()
    assert not story.photo
    draft = Draft.objects.get(object_id=story.pk)
    assert draft.data["photo_alt"] == ["A white square"]
    assert draft.files["photo"].startswith("drafts/careers/careerstory/photo-")
    assert (media_root / draft.files["photo"]).is_file()


def test_an_editor_sees_published_rich_text_rendered_and_drafts_it_in_the_editor(editor, study):
    """Read only, Django would show the stored HTML escaped, as tags."""
    study.summary = "<p>Art <strong>therapy</strong> groups</p>"
    study.save()
    page = editor.get(urls(study)["change"]).content.decode()
    assert "Art <strong>therapy</strong> groups" in page
    assert "&lt;strong&gt;" not in page
    assert 'name="summary"' not in page
    draft = editor.get(urls(study)["draft"]).content.decode()
    assert 'name="summary"' in draft


def test_an_editor_sees_a_published_storys_answers_rendered(editor):
    story = CareerStory.objects.published().filter(answers__isnull=False).first()
    answer = story.answers.first()
    answer.answer = "<p>I <em>love</em> it</p>"
    answer.save()
    page = editor.get(urls(story, STORIES)["change"]).content.decode()
    assert "I <em>love</em> it" in page
    assert "&lt;em&gt;" not in page
    draft = editor.get(urls(story, STORIES)["draft"]).content.decode()
    assert 'name="answers-0-answer"' in draft
