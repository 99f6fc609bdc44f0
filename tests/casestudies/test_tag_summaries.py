"""The tag summaries (``profession_bits``, ``outcome_bits``, ``setting_bits``) the finder counts
with stay in step with the many-to-many fields whatever writes them."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from casestudies.finder import summaries
from casestudies.models import CaseStudy, OutcomeTag
from content.loader import Loader
from editorial.publishing import Status
from professions.models import Profession, Setting

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
    assert tag.bit is not None  # given when it is created
    tag.case_studies.add(study, other)
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
