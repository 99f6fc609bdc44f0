"""A tag (profession, outcome tag, setting) gets its place in the tag summaries, its bit, when it
is created, so the finder finds its case studies at once; when all 63 places are taken a new
tag is refused in its own form, with a message saying what to do, and nowhere else."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify

from casestudies.models import CaseStudy, OutcomeTag
from editorial.publishing import Status
from professions.models import Profession, Setting
from professions.tagbits import MAX_BITS, TagLimitError
from tests.page_text import visible_text

pytestmark = pytest.mark.django_db

NEW = "The sixty-fourth"


def required(model) -> dict:
    """What a row of ``model`` needs besides its name and slug."""
    return {"summary": "s", "description": "<p>d</p>"} if model is Profession else {}


def add_form(model, name, **changes) -> dict:
    """The tag's own admin add form, filled in."""
    data = {"name": name, "slug": slugify(name), "order": "0"}
    if model is OutcomeTag:
        data["description"] = ""
    if model is Profession:
        data.update(
            {
                "summary": "They help.",
                "description": "<p>What they do.</p>",
                "learning_disability_offer": "",
                "regulator": "HCPC",
                "status": "published",
                "published_at_0": "01/01/2024",
                "published_at_1": "00:00:00",
                "quotes-TOTAL_FORMS": "0",
                "quotes-INITIAL_FORMS": "0",
                "quotes-MIN_NUM_FORMS": "0",
                "quotes-MAX_NUM_FORMS": "1000",
            }
        )
    return {**data, **changes}


def add_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


# tag model -> the finder's parameter for it and the case-study relation
FACETS = {Profession: "profession", OutcomeTag: "outcome", Setting: "setting"}
RELATIONS = {Profession: "professions", OutcomeTag: "outcomes", Setting: "settings"}
TAG_MODELS = pytest.mark.parametrize("model", list(FACETS), ids=lambda m: m.__name__)


def fill_every_place(model):
    """Tags in every one of the 63 places."""
    taken = set(model.objects.exclude(bit=None).values_list("bit", flat=True))
    model.objects.bulk_create(
        model(name=f"Tag {bit}", slug=f"tag-{bit}", bit=bit, **required(model))
        for bit in range(MAX_BITS)
        if bit not in taken
    )
    assert not model.objects.filter(bit=None).exists()


@TAG_MODELS
def test_a_new_tag_gets_the_smallest_free_bit_when_created_and_a_deleted_ones_is_free_again(
    model,
):
    used = set(model.objects.values_list("bit", flat=True))
    smallest_free = min(set(range(MAX_BITS)) - used)
    first = model.objects.create(name="First new", **required(model))
    assert first.bit == smallest_free
    assert model.objects.get(pk=first.pk).bit == smallest_free
    second = model.objects.create(name="Second new", **required(model))
    assert second.bit == min(set(range(MAX_BITS)) - used - {smallest_free})
    first.delete()
    assert model.objects.create(name="Third new", **required(model)).bit == smallest_free


@TAG_MODELS
def test_a_tag_added_in_its_admin_form_finds_its_case_studies_at_once(admin_client, model):
    response = admin_client.post(add_url(model), add_form(model, "Brand-new tag"))
    assert response.status_code == 302, visible_text(response.content.decode())[:2000]
    tag = model.objects.get(name="Brand-new tag")
    assert tag.bit is not None
    study = CaseStudy.objects.published().first()
    getattr(study, RELATIONS[model]).add(tag)

    page = admin_client.get(f"/case-studies/?{FACETS[model]}={tag.slug}").content.decode()
    text = visible_text(page)
    assert "Showing 1–1 of 1" in text
    assert study.title in text


@TAG_MODELS
def test_the_64th_tag_is_refused_in_its_own_admin_form_and_nothing_is_lost(admin_client, model):
    fill_every_place(model)
    before = model.objects.count()
    response = admin_client.post(add_url(model), add_form(model, NEW))
    assert response.status_code == 200
    page = response.content.decode()
    text = visible_text(page)
    plural = model._meta.verbose_name_plural
    assert "Please correct the error below." in text
    assert f"The case-study finder can filter by at most 63 {plural}" in text
    assert f"so “{NEW}” cannot be added" in text
    assert "that is no longer needed, then save again." in text
    assert f'value="{NEW}"' in page  # the name typed is still there
    assert model.objects.count() == before


def test_the_message_names_the_kind_of_tag_with_its_article(admin_client):
    fill_every_place(OutcomeTag)
    text = visible_text(
        admin_client.post(add_url(OutcomeTag), add_form(OutcomeTag, NEW)).content.decode()
    )
    assert "Delete an outcome tag that is no longer needed" in text


@TAG_MODELS
def test_the_64th_tag_created_in_code_is_refused(model):
    fill_every_place(model)
    with pytest.raises(TagLimitError, match="cannot be added"), transaction.atomic():
        model.objects.create(name=NEW, **required(model))
    assert not model.objects.filter(name=NEW).exists()


def test_a_64th_profession_in_an_imported_file_is_an_error_on_its_row(admin_client):
    fill_every_place(Profession)
    header = "slug,name,summary,description,regulator,order,status\n"
    row = "the-sixty-fourth,The sixty-fourth,s,<p>d</p>,HCPC,0,draft\n"
    response = admin_client.post(
        "/admin/professions/profession/import/",
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("professions.csv", (header + row).encode()),
        },
    )
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert "at most 63 professions" in invalid.non_field_specific_errors[0]
    assert "at most 63 professions" in visible_text(response.content.decode())
    assert not Profession.objects.filter(slug="the-sixty-fourth").exists()


def case_study_form(study, **changes):
    return {
        "title": study.title,
        "slug": study.slug,
        "summary": study.summary,
        "source_url": study.source_url,
        "publisher": study.publisher,
        "kind": study.kind,
        "professions": [p.pk for p in study.professions.all()],
        "outcomes": [o.pk for o in study.outcomes.all()],
        "settings": [s.pk for s in study.settings.all()],
        "status": study.status,
        "published_at_0": study.published_at.strftime("%Y-%m-%d"),
        "published_at_1": study.published_at.strftime("%H:%M:%S"),
        "order": study.order,
        **changes,
    }


def test_with_every_place_taken_a_case_study_still_takes_any_tag(admin_client):
    fill_every_place(OutcomeTag)
    study = CaseStudy.objects.filter(status=Status.PUBLISHED).first()
    placed = OutcomeTag.objects.get(slug="tag-62")
    url = reverse("admin:casestudies_casestudy_change", args=[study.pk])
    response = admin_client.post(url, case_study_form(study, outcomes=[placed.pk]))
    assert response.status_code == 302
    assert CaseStudy.objects.get(pk=study.pk).outcome_bits == placed.mask


def test_rebuilding_the_summaries_gives_a_bit_to_a_tag_written_without_one():
    OutcomeTag.objects.bulk_create([OutcomeTag(name="Bulk", slug="bulk")])
    tag = OutcomeTag.objects.get(slug="bulk")
    assert tag.bit is None
    study = CaseStudy.objects.published().first()
    CaseStudy.outcomes.through.objects.create(casestudy=study, outcometag=tag)
    out = io.StringIO()
    call_command("rebuild_tag_summaries", stdout=out)
    tag.refresh_from_db()
    assert tag.bit is not None
    assert CaseStudy.objects.get(pk=study.pk).outcome_bits & tag.mask
    assert "gave 1 outcome tag a bit" in out.getvalue()
