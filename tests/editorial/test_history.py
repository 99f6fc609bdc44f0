"""History and undo: every change recorded, compared, restored and recovered, within the roles."""

import pytest
import reversion
from django.apps import apps
from django.contrib.messages import get_messages
from reversion.models import Version

from careers.models import CareerStory
from casestudies.models import CaseStudy
from content.loader import REVISION_COMMENT, Loader
from editorial.publishing import Status
from tests.forms import submitted

pytestmark = pytest.mark.django_db

ART = "https://link.hee.nhs.uk/mental-health-art"
CASE_STUDIES = "/admin/casestudies/casestudy/"
STORIES = "/admin/careers/careerstory/"
CONTENT_MODELS = [
    "pages.Page",
    "pages.KeyFact",
    "professions.Profession",
    "professions.WorkforceFigure",
    "professions.Quote",
    "professions.Setting",
    "casestudies.OutcomeTag",
    "casestudies.CaseStudy",
    "careers.CareerStory",
    "careers.StoryAnswer",
    "careers.PathwayStep",
    "careers.Resource",
    "checklist.Action",
]


def state(study):
    """Everything about a case study an editor can set, relations included."""
    fields = {
        f.name: getattr(study, f.attname)
        for f in study._meta.concrete_fields
        if f.name != "updated_at"
    }
    for name in ("professions", "outcomes", "settings"):
        fields[name] = sorted(getattr(study, name).values_list("pk", flat=True))
    return fields


def answers_of(story):
    return list(story.answers.values_list("pk", "order", "question", "answer"))


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("label", CONTENT_MODELS)
def test_every_content_model_is_under_version_control(label):
    assert reversion.is_registered(apps.get_model(label))


def test_inline_children_are_part_of_their_parents_versions():
    options = reversion.revisions._get_options
    assert "answers" in options(CareerStory).follow
    assert "quotes" in options(apps.get_model("professions.Profession")).follow


def test_the_loader_records_a_revision_per_item():
    study = CaseStudy.objects.get(source_url=ART)
    (version,) = Version.objects.get_for_object(study)
    assert version.revision.comment == REVISION_COMMENT
    assert version.revision.version_set.count() == 1
    assert sorted(version.field_dict["professions"]) == sorted(
        study.professions.values_list("pk", flat=True)
    )
    story = CareerStory.objects.order_by("pk").first()
    (story_version,) = Version.objects.get_for_object(story)
    # The story's answers are in the same revision, so restoring it restores them.
    assert story_version.revision.version_set.count() == 1 + story.answers.count()


def test_the_loader_writes_no_revision_when_nothing_changes():
    before = Version.objects.count()
    Loader().load()
    assert Version.objects.count() == before


def test_a_change_in_the_admin_is_recorded_with_who_and_what(publisher):
    study = CaseStudy.objects.get(source_url=ART)
    url = f"{CASE_STUDIES}{study.pk}/change/"
    publisher.post(url, submitted(publisher.get(url), title="A clearer title"))
    latest = Version.objects.get_for_object(study).first()
    assert latest.field_dict["title"] == "A clearer title"
    assert latest.revision.user.username == "publisher"
    assert "Title" in latest.revision.comment

    history = publisher.get(f"{url.removesuffix('change/')}history/").content.decode()
    assert "publisher" in history
    assert REVISION_COMMENT in history
    assert 'name="version_id1"' in history and "Compare the chosen versions" in history


def test_the_diff_names_relations_instead_of_ids(publisher):
    study = CaseStudy.objects.get(source_url=ART)
    url = f"{CASE_STUDIES}{study.pk}/change/"
    dietitians = apps.get_model("professions.Profession").objects.get(slug="dietitians")
    kept = [str(p.pk) for p in study.professions.all()]
    data = submitted(publisher.get(url), title="Art in a new light")
    data["professions"] = [*kept, str(dietitians.pk)]
    publisher.post(url, data)
    older, newer = reversed(Version.objects.get_for_object(study)[:2])
    response = publisher.get(
        f"{CASE_STUDIES}{study.pk}/history/compare/",
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Added: Dietitians" in html
    assert "Art in a new light" in html
    assert f"Added: {dietitians.pk}<" not in html


def test_bulk_publishing_records_one_revision_per_item(publisher):
    studies = list(CaseStudy.objects.order_by("pk")[:3])
    CaseStudy.objects.filter(pk__in=[s.pk for s in studies]).update(status=Status.DRAFT)
    publisher.post(CASE_STUDIES, {"action": "publish", "_selected_action": [s.pk for s in studies]})
    for study in studies:
        latest = Version.objects.get_for_object(study).first()
        assert latest.field_dict["status"] == Status.PUBLISHED
        assert latest.revision.comment == "Published with “Publish selected items”."
        assert latest.revision.user.username == "publisher"
        assert latest.revision.version_set.count() == 1


def test_a_deleted_case_study_is_recovered_with_all_its_tags(publisher):
    study = CaseStudy.objects.get(source_url=ART)
    assert study.professions.exists() and study.outcomes.exists() and study.settings.exists()
    before = state(study)
    assert publisher.post(f"{CASE_STUDIES}{study.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not CaseStudy.objects.filter(pk=study.pk).exists()

    listing = publisher.get(f"{CASE_STUDIES}recover/").content.decode()
    assert study.title in listing
    version = Version.objects.get_deleted(CaseStudy).get(object_id=str(study.pk))
    recover_url = f"{CASE_STUDIES}recover/{version.pk}/"
    form = publisher.get(recover_url)
    assert form.status_code == 200
    # Looking at the recover form changes nothing.
    assert not CaseStudy.objects.filter(pk=study.pk).exists()
    response = publisher.post(recover_url, submitted(form))
    assert response.status_code == 302
    assert state(CaseStudy.objects.get(pk=study.pk)) == before


def test_an_editor_cannot_recover_a_published_item(editor, publisher):
    study = CaseStudy.objects.get(source_url=ART)
    publisher.post(f"{CASE_STUDIES}{study.pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(CaseStudy).get(object_id=str(study.pk))
    for method in (editor.get, editor.post):
        response = method(f"{CASE_STUDIES}recover/{version.pk}/")
        assert response.status_code == 302
        assert response["Location"] == f"{CASE_STUDIES}recover/"
        assert any("Only a publisher can recover" in m for m in messages_of(response))
    assert not CaseStudy.objects.filter(pk=study.pk).exists()


def test_an_earlier_version_of_a_career_story_is_restored_with_its_answers(publisher):
    story = CareerStory.objects.order_by("pk").first()
    original = answers_of(story)
    assert len(original) >= 2
    loaded = Version.objects.get_for_object(story).get()
    url = f"{STORIES}{story.pk}/change/"
    data = submitted(publisher.get(url), job_title="A new job")
    data["answers-0-answer"] = "<p>Rewritten</p>"
    data["answers-1-DELETE"] = "on"
    total = int(data["answers-TOTAL_FORMS"])
    data.update(
        {
            "answers-TOTAL_FORMS": str(total + 1),
            f"answers-{total}-order": "99",
            f"answers-{total}-question": "A new question?",
            f"answers-{total}-answer": "<p>A new answer</p>",
        }
    )
    assert publisher.post(url, data).status_code == 302
    assert answers_of(story) != original

    revision_url = f"{STORIES}{story.pk}/history/{loaded.pk}/"
    form = publisher.get(revision_url)
    assert form.status_code == 200
    assert len(answers_of(story)) == len(original)  # viewing changes nothing
    assert publisher.post(revision_url, submitted(form)).status_code == 302
    story.refresh_from_db()
    assert story.job_title == loaded.field_dict["job_title"]
    assert answers_of(story) == original
    latest = Version.objects.get_for_object(story).first()
    assert latest.revision.comment.startswith("Reverted to previous version")


def test_an_editor_cannot_restore_a_version_of_published_content(editor):
    study = CaseStudy.objects.get(source_url=ART)
    version = Version.objects.get_for_object(study).get()
    url = f"{CASE_STUDIES}{study.pk}/history/{version.pk}/"
    for method in (editor.get, editor.post):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"] == f"{CASE_STUDIES}{study.pk}/history/"
        assert any("Only a publisher can restore" in m for m in messages_of(response))


def test_an_editor_cannot_restore_a_published_version_of_a_draft(editor):
    study = CaseStudy.objects.get(source_url=ART)
    published = Version.objects.get_for_object(study).get()
    with reversion.create_revision():
        study.status = Status.DRAFT
        study.save()
    response = editor.get(f"{CASE_STUDIES}{study.pk}/history/{published.pk}/")
    assert response.status_code == 302
    assert any("it was published then" in m for m in messages_of(response))
    study.refresh_from_db()
    assert study.status == Status.DRAFT


def test_an_editor_restores_an_earlier_draft(editor):
    study = CaseStudy.objects.get(source_url=ART)
    with reversion.create_revision():
        study.status = Status.DRAFT
        study.save()
    first_draft = Version.objects.get_for_object(study).first()
    with reversion.create_revision():
        study.title = "A worse title"
        study.save()
    url = f"{CASE_STUDIES}{study.pk}/history/{first_draft.pk}/"
    form = editor.get(url)
    assert form.status_code == 200
    assert editor.post(url, submitted(form)).status_code == 302
    study.refresh_from_db()
    assert study.title == first_draft.field_dict["title"]
    assert study.status == Status.DRAFT


def test_a_publisher_restores_published_content(publisher, client):
    study = CaseStudy.objects.get(source_url=ART)
    loaded = Version.objects.get_for_object(study).get()
    url = f"{CASE_STUDIES}{study.pk}/change/"
    publisher.post(url, submitted(publisher.get(url), title="A mistake"))
    revision_url = f"{CASE_STUDIES}{study.pk}/history/{loaded.pk}/"
    publisher.post(revision_url, submitted(publisher.get(revision_url)))
    study.refresh_from_db()
    assert study.title == loaded.field_dict["title"]
    assert client.get(study.get_absolute_url()).status_code == 200


def test_history_pages_for_an_unknown_version_are_404(publisher):
    study = CaseStudy.objects.get(source_url=ART)
    assert publisher.get(f"{CASE_STUDIES}{study.pk}/history/999999/").status_code == 404
    assert publisher.get(f"{CASE_STUDIES}recover/999999/").status_code == 404
    compare = f"{CASE_STUDIES}{study.pk}/history/compare/"
    assert publisher.get(compare, {"version_id1": "x", "version_id2": "1"}).status_code == 404


def test_the_recover_list_has_constant_queries(publisher, django_assert_max_num_queries):
    template = CaseStudy.objects.get(source_url=ART)
    CaseStudy.objects.all().delete()
    for count in (1, 200):
        with reversion.create_revision():
            for number in range(count):
                CaseStudy.objects.create(
                    title=f"Deleted {count}-{number}", source_url=template.source_url
                )
        CaseStudy.objects.all().delete()
        with django_assert_max_num_queries(12):
            response = publisher.get(f"{CASE_STUDIES}recover/")
        assert response.status_code == 200
        assert f"Deleted {count}-0" in response.content.decode()


@pytest.mark.parametrize("label", [m for m in CONTENT_MODELS if m != "careers.StoryAnswer"])
def test_every_history_and_recover_page_opens(admin_client, label):
    model = apps.get_model(label)
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    obj = model.objects.order_by("pk").first()
    version = Version.objects.get_for_object(obj).first()
    assert admin_client.get(f"{base}{obj.pk}/history/").status_code == 200
    assert admin_client.get(f"{base}{obj.pk}/history/{version.pk}/").status_code == 200
    assert admin_client.get(f"{base}recover/").status_code == 200
    changelist = admin_client.get(base).content.decode()
    assert f'href="{base}recover/"' in changelist


def test_the_history_list_has_constant_queries(publisher, django_assert_max_num_queries):
    study = CaseStudy.objects.get(source_url=ART)
    url = f"{CASE_STUDIES}{study.pk}/history/"
    with django_assert_max_num_queries(12):
        assert publisher.get(url).status_code == 200
    for number in range(200):
        with reversion.create_revision():
            study.order = number
            study.save()
    with django_assert_max_num_queries(12):
        assert publisher.get(url).status_code == 200


def test_a_deleted_career_story_is_recovered_with_its_answers(publisher):
    story = CareerStory.objects.order_by("pk").first()
    original = answers_of(story)
    settings = sorted(story.settings.values_list("pk", flat=True))
    publisher.post(f"{STORIES}{story.pk}/delete/", {"post": "yes"})
    assert not story.answers.exists()
    version = Version.objects.get_deleted(CareerStory).get(object_id=str(story.pk))
    url = f"{STORIES}recover/{version.pk}/"
    assert publisher.post(url, submitted(publisher.get(url))).status_code == 302
    recovered = CareerStory.objects.get(pk=story.pk)
    assert answers_of(recovered) == original
    assert sorted(recovered.settings.values_list("pk", flat=True)) == settings


def test_an_editor_recovers_a_deleted_draft(editor):
    study = CaseStudy.objects.get(source_url=ART)
    with reversion.create_revision():
        study.status = Status.DRAFT
        study.save()
    pk = study.pk
    study.delete()
    version = Version.objects.get_deleted(CaseStudy).get(object_id=str(pk))
    url = f"{CASE_STUDIES}recover/{version.pk}/"
    form = editor.get(url)
    assert form.status_code == 200
    response = editor.post(url, submitted(form))
    assert response.status_code == 302
    assert CaseStudy.objects.get(pk=pk).status == Status.DRAFT
    assert any("was recovered" in m for m in messages_of(response))
