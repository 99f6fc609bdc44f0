"""The tag summaries (``profession_bits``, ``outcome_bits``, ``setting_bits``) the finder counts
with stay in step with the many-to-many fields whatever writes them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from casestudies.finder import summaries
from casestudies.models import CaseStudy, OutcomeTag
from content.loader import Loader
from editorial.publishing import Status
from professions.models import Profession, Setting
from toolkit.tagbits import MAX_BITS, TagLimitError

pytestmark = pytest.mark.django_db


def expected(study):
    """The summaries computed from the through tables, the slow way."""
    return (
        sum(1 << p.bit for p in study.professions.all()),
        sum(1 << o.bit for o in study.outcomes.all()),
        sum(1 << s.bit for s in study.settings.all()),
    )


def stored(study):
    return CaseStudy.objects.filter(pk=study.pk).values_list(*summaries.SUMMARIES.values()).get()


def assert_in_step():
    for study in CaseStudy.objects.prefetch_related("professions", "outcomes", "settings"):
        assert stored(study) == expected(study), study


@pytest.fixture
def study():
    return CaseStudy.objects.create(
        title="Summaries", source_url="https://example.org/", status=Status.PUBLISHED
    )


def test_the_loaded_content_is_in_step_and_loading_again_keeps_it():
    assert_in_step()
    assert CaseStudy.objects.exclude(profession_bits=0).exists()
    Loader().load()
    assert_in_step()


def test_add_remove_set_and_clear_from_the_case_study(study):
    ot, dietitians = Profession.objects.order_by("pk")[:2]
    study.professions.add(ot, dietitians)
    assert stored(study)[0] == ot.mask | dietitians.mask == study.profession_bits
    study.professions.remove(ot)
    assert stored(study)[0] == dietitians.mask
    study.outcomes.set(OutcomeTag.objects.all()[:3])
    study.settings.set(Setting.objects.all())
    assert_in_step()
    study.professions.clear()
    assert stored(study)[0] == 0
    assert_in_step()


def test_add_remove_and_clear_from_the_tag(study):
    other = CaseStudy.objects.create(title="Other", source_url="https://example.org/o")
    tag = OutcomeTag.objects.create(name="A new outcome")
    assert tag.bit is None  # given on first use
    tag.case_studies.add(study, other)
    tag.refresh_from_db()
    assert tag.bit is not None
    assert stored(study)[1] & tag.mask and stored(other)[1] & tag.mask
    tag.case_studies.remove(other)
    assert not stored(other)[1] & tag.mask
    assert_in_step()
    tag.case_studies.clear()
    assert not stored(study)[1] & tag.mask
    assert_in_step()


def test_deleting_a_tag_removes_it_from_the_summaries(study):
    setting = Setting.objects.first()
    study.settings.add(setting)
    mask = setting.mask
    setting.delete()
    assert not stored(study)[2] & mask
    assert_in_step()


def test_a_save_with_stale_summaries_in_memory_keeps_the_stored_ones(study):
    stale = CaseStudy.objects.get(pk=study.pk)
    study.professions.add(Profession.objects.first())
    stale.title = "Renamed"
    stale.save()
    assert_in_step()


def test_admin_save_keeps_the_summaries_in_step(admin_client):
    study = CaseStudy.objects.filter(status=Status.PUBLISHED).first()
    professions = list(Profession.objects.order_by("pk")[3:5])
    outcome = OutcomeTag.objects.last()
    data = {
        "title": study.title,
        "slug": study.slug,
        "summary": study.summary,
        "source_url": study.source_url,
        "publisher": study.publisher,
        "kind": study.kind,
        "professions": [p.pk for p in professions],
        "outcomes": [outcome.pk],
        "settings": [],
        "status": study.status,
        "published_at_0": study.published_at.strftime("%Y-%m-%d"),
        "published_at_1": study.published_at.strftime("%H:%M:%S"),
        "order": study.order,
    }
    url = reverse("admin:casestudies_casestudy_change", args=[study.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored(study) == (professions[0].mask | professions[1].mask, outcome.mask, 0)


def test_rebuild_repairs_writes_that_bypass_signals(study):
    profession = Profession.objects.first()
    CaseStudy.professions.through.objects.create(casestudy=study, profession=profession)
    CaseStudy.objects.filter(pk=study.pk).update(setting_bits=12345)
    assert stored(study) != expected(study)
    call_command("rebuild_tag_summaries", stdout=io.StringIO())
    assert_in_step()
    assert summaries.rebuild() == 0  # nothing left to correct


def test_generated_demo_content_is_in_step():
    call_command("generate_demo_content", "--case-studies", "30", stdout=io.StringIO())
    assert_in_step()


@pytest.fixture
def every_outcome_bit_taken():
    """63 outcome tags already used as tags, and a 64th never used."""
    taken = set(OutcomeTag.objects.exclude(bit=None).values_list("bit", flat=True))
    OutcomeTag.objects.bulk_create(
        OutcomeTag(name=f"Outcome {bit}", slug=f"outcome-{bit}", bit=bit)
        for bit in range(MAX_BITS)
        if bit not in taken
    )
    return OutcomeTag.objects.create(name="The sixty-fourth", slug="the-sixty-fourth")


def admin_data(study, **changes):
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


def test_a_64th_tag_is_a_form_error_in_the_admin_and_nothing_is_saved(
    admin_client, every_outcome_bit_taken
):
    study = CaseStudy.objects.filter(status=Status.PUBLISHED).first()
    before = stored(study), list(study.outcomes.all())
    url = reverse("admin:casestudies_casestudy_change", args=[study.pk])
    outcomes = [*(o.pk for o in study.outcomes.all()), every_outcome_bit_taken.pk]
    response = admin_client.post(url, admin_data(study, title="Changed", outcomes=outcomes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["outcomes"]
    assert "at most 63 outcome tags" in errors["outcomes"][0]
    assert "“The sixty-fourth”" in response.content.decode()
    study.refresh_from_db()
    assert study.title != "Changed"
    assert (stored(study), list(study.outcomes.all())) == before
    every_outcome_bit_taken.refresh_from_db()
    assert every_outcome_bit_taken.bit is None


def test_tags_already_placed_can_still_be_used_when_all_places_are_taken(
    admin_client, every_outcome_bit_taken
):
    study = CaseStudy.objects.filter(status=Status.PUBLISHED).first()
    placed = OutcomeTag.objects.get(slug="outcome-62")
    url = reverse("admin:casestudies_casestudy_change", args=[study.pk])
    response = admin_client.post(url, admin_data(study, outcomes=[placed.pk]))
    assert response.status_code == 302
    assert stored(study)[1] == placed.mask


def test_a_64th_tag_added_in_code_still_refuses(study, every_outcome_bit_taken):
    with pytest.raises(TagLimitError, match="cannot be added"), transaction.atomic():
        study.outcomes.add(every_outcome_bit_taken)
    with pytest.raises(TagLimitError), transaction.atomic():
        every_outcome_bit_taken.case_studies.add(study)
    assert not study.outcomes.exists()


def test_a_64th_tag_in_an_imported_file_is_an_error_on_its_row(
    admin_client, every_outcome_bit_taken
):
    header = "slug,title,summary,source_url,publisher,kind,professions,outcomes,settings,status\n"
    row = "imported,Imported,,https://example.org/i,,case_study,,the-sixty-fourth,,draft\n"
    response = admin_client.post(
        "/admin/casestudies/casestudy/import/",
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("studies.csv", (header + row).encode()),
        },
    )
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert "at most 63 outcome tags" in invalid.field_specific_errors["outcomes"][0]
    assert not CaseStudy.objects.filter(slug="imported").exists()
