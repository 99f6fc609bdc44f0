"""The loaded content against the toolkit text (the expected values are typed from the
toolkit, not from the data file)."""

import pytest

from careers.models import CareerStory, Resource
from casestudies.models import CaseStudy, OutcomeTag
from checklist.models import Action
from pages.models import KeyFact, Page
from professions.models import Profession, WorkforceFigure

pytestmark = pytest.mark.django_db

PROFESSIONS = {
    "Art therapists": "HCPC",
    "Chiropodists / podiatrists": "HCPC",
    "Dramatherapists": "HCPC",
    "Dietitians": "HCPC",
    "Music therapists": "HCPC",
    "Occupational therapists": "HCPC",
    "Osteopaths": "GOC",
    "Orthoptists": "HCPC",
    "Prosthetists / orthotists": "HCPC",
    "Operating department practitioners": "HCPC",
    "Paramedics": "HCPC",
    "Physiotherapists": "HCPC",
    "Radiographers": "HCPC",
    "Speech and language therapists": "HCPC",
}

REGISTERED_NUMBERS = {
    "Arts therapists (art, music and drama)": 4904,
    "Chiropodists / podiatrists": 12472,
    "Dietitians": 10407,
    "Occupational therapists": 41762,
    "Operating department practitioners": 14559,
    "Orthoptists": 1516,
    "Osteopaths": 5483,
    "Paramedics": 31470,
    "Physiotherapists": 59717,
    "Prosthetists / orthotists": 1154,
    "Radiographers": 38168,
    "Speech and language therapists": 17413,
}

OUTCOMES = {
    "Cost-saving",
    "Positive patient outcome",
    "Support community integration",
    "Improve and support mental health and wellbeing",
    "Practical recommendations",
    "Improve and establish health equity",
    "Prevention and health promotion",
}

POS = "Positive patient outcome"
WELL = "Improve and support mental health and wellbeing"
COST = "Cost-saving"
PRACT = "Practical recommendations"
COMM = "Support community integration"
EQUITY = "Improve and establish health equity"
PREV = "Prevention and health promotion"

# Source URL -> outcome tags printed under the entry ("Improve and support wellbeing" is
# printed once, on the "Enabling adults..." entry, and means the same tag).
CASE_STUDY_TAGS = {
    "https://www.ahpnw.nhs.uk/media/1160/ahp_mental_health_case_studies_finalv2.pdf": set(),
    "https://www.ahpnw.nhs.uk/media/1169/ld_autism_case_study_collection_finalv3.pdf": set(),
    "https://www.kingsfund.org.uk/publications/tackling-health-inequalities-framework-allied-health-professionals": set(),
    "https://www.rcot.co.uk/file/3763/download?token=ddtSi1dz": {COMM, WELL, POS},
    "https://www.rcot.co.uk/small-change-big-impact": {COST, POS, COMM, WELL, PRACT},
    "https://www.rcot.co.uk/roots-recovery-occupational-therapy-heart-health-equity-6?hash=YEAqWDfFicAaEJoOfg5Gotn43Z9_Su8TraWguz-KaCE": {
        POS,
        WELL,
        EQUITY,
    },
    "https://www.rcot.co.uk/file/1805/download?token=dA7ez-G9": {COST, POS, WELL, PRACT},
    "https://www.rspn.org.uk/static/uploaded/e72febf1-c8c5-4ee4-99b14e5d5dfa3850.pdf": {
        POS,
        WELL,
        PREV,
    },
    "https://www.england.nhs.uk/wp-content/uploads/2020/07/Action-from-learning-report-2020-1.pdf": {
        PREV,
        PRACT,
    },
    "https://www.rspb.org.uk/static/uploaded/f95556c0-9d3f-4d4cb06f6e8ec5b77b9c.pdf": {
        POS,
        WELL,
        PREV,
    },
    "https://link.hee.nhs.uk/mental-health-ahp": {POS, PREV, PRACT},
    "https://link.hee.nhs.uk/mental-health-podiatry": {POS, PREV, PRACT},
    "https://link.hee.nhs.uk/mental-health-podiatry2": {POS, WELL, PRACT, PREV},
    "https://www.rspn.org.uk/static/uploaded/1861ba53-cb2b-4283-bde53797112d57cd.pdf": {
        COST,
        POS,
        WELL,
        PRACT,
    },
    "https://cpmh.csp.org.uk/system/files/csp_mental_health_commission.pdf": {
        COST,
        POS,
        COMM,
        WELL,
        PRACT,
        PREV,
    },
    "https://link.hee.nhs.uk/mental-health-art": {POS, WELL},
    "https://www.nice.org.uk/sharedlearning/dramatherapy-group-for-adults-living-with-psychosis#results": {
        POS,
        WELL,
    },
    "https://link.hee.nhs.uk/mental-health-art2": {POS, COMM, WELL, EQUITY},
    "https://www.researchgate.net/publication/270746759_The_Get_Going_Group_Dramatherapy_with_Adults_who_have_Learning_Disabilities_and_Mental_Health_Difficulties": {
        POS,
        COMM,
        WELL,
    },
}
GETTING_MY_LIFE_BACK = (
    "https://www.rcot.co.uk/sites/default/files/Getting-my-life-back_WalesENG.pdf"
)

CHECKLIST = [
    "Identify who the 14 AHPs in your mental health and learning disability services are",
    "Find out if their skills and talents are being utilised to the best effect in your services",
    "Understand the range of AHP skills and the contribution that they make to the management of mental health, learning disabilities and autism as part of the multi-professional team",
    "Review practical case studies which have examples to enhance outcomes and value-for-money",
    "Collaborate with local AHP faculty to facilitate system-wide working",
    "Ensure that the AHP workforce is representative of the communities that are served and that development opportunities for colleagues from diverse backgrounds are encouraged and supported",
    "Advance the education of your AHP workforce in identifying and supporting people with mental health, learning disability and autism",
    "Collaborate with professional bodies to understand how each profession can deliver quality and effective services",
    "Invest in AHP posts for new registrants and ensure robust preceptorship arrangements to maximise mental health practice",
    "Be assured that AHP student placements in mental health and learning disability settings have been expanded in your locality",
    "Enable AHP rotational posts across physical and mental health, primary and secondary care",
    "Support development of advance practice and consultant level practice roles for AHPs in mental health and learning disability",
    "Maximise the benefits of AHP practice for primary care",
    "Support leadership development for AHPs in mental health and learning disability practice",
]

# Person -> questions asked, in order.
STORIES = {
    "Dr Ursula Rolfe": [
        "How did you get into your role within mental health/learning disability?",
        "What made you decide to choose a career within mental health/learning disability services?",
        "How does your role make an impact on a service user within mental health/learning disability services?",
        "What are the best bits you face in your role?",
    ],
    "Clare Hubbard": [
        "How did you get into your role within mental health/learning disability?",
        "What made you decide to choose a career within mental health/learning disability services?",
        "How does your role make an impact on a service user within mental health/learning disability services?",
        "What are the best bits you face in your role?",
    ],
    "Kosiwa Lokosu": [
        "How did you get into your role within mental health?",
        "How does your role make an impact on a service user within mental health services?",
        "What are the best bits you face in your role?",
    ],
    "Donve Thompson-Boy": [
        "Tell us about your career journey so far.",
        "What have been the key enablers in you becoming an Approved Clinician?",
        "What have been the key challenges in you becoming an Approved Clinician?",
        "What do you most enjoy about this role?",
        "What advice might you have for other occupational therapists aspiring to become approved clinicians?",
    ],
}


def test_the_14_professions_with_their_regulators():
    loaded = dict(Profession.objects.published().values_list("name", "regulator"))
    assert loaded == PROFESSIONS


def test_every_profession_has_a_description_from_the_toolkit():
    for profession in Profession.objects.published():
        assert len(profession.description) > 200, profession.name
        assert profession.summary, profession.name


def test_registered_numbers_table_rows_and_printed_total():
    rows = WorkforceFigure.objects.published().filter(is_total=False)
    assert dict(rows.values_list("label", "count")) == REGISTERED_NUMBERS
    total = WorkforceFigure.objects.published().get(is_total=True)
    assert total.count == 233542
    assert total.source == "HCPC 2021/GOC 2022"
    # The rows as printed do not add up to the printed total (docs/content.md).
    assert sum(REGISTERED_NUMBERS.values()) == 239025


def test_every_figure_carries_its_source_and_date():
    for figure in WorkforceFigure.objects.filter(is_total=False):
        assert figure.source in {"HCPC", "GOC"}
        assert figure.as_of in {"2021", "2022"}
    assert WorkforceFigure.objects.get(label="Osteopaths").citation == "GOC 2022"
    # The toolkit prints no source for these facts (the date, where printed, is in the
    # label): their source is empty (docs/content.md), and no "Source:" line is shown.
    unsourced = {fact.figure for fact in KeyFact.objects.filter(source="")}
    assert unsourced == {
        "Over 1.2 million",
        "Over 7,500",
        "More than 187,000",
        "1.49 million",
        "1,019,305",
        "178,242",
        "366,560",
        "2.02 million",
        "2,085",
        "1,150 (55 per cent)",
    }
    for fact in KeyFact.objects.exclude(source=""):
        assert fact.source.strip(), fact


def test_the_arts_therapists_row_covers_three_professions():
    row = WorkforceFigure.objects.get(label="Arts therapists (art, music and drama)")
    assert set(row.professions.values_list("slug", flat=True)) == {
        "art-therapists",
        "dramatherapists",
        "music-therapists",
    }


def test_the_seven_outcome_tags():
    assert set(OutcomeTag.objects.values_list("name", flat=True)) == OUTCOMES
    assert OutcomeTag.objects.get(slug="cost-saving").name == "Cost-saving"
    assert OutcomeTag.objects.filter(slug="improve-and-establish-health-equity").exists()


def test_case_study_collection_has_20_entries_with_tags_as_printed():
    studies = CaseStudy.objects.published().prefetch_related("outcomes")
    assert studies.count() == 20
    by_url = {}
    for study in studies:
        url = study.source_url
        if url.startswith(GETTING_MY_LIFE_BACK):
            assert {o.name for o in study.outcomes.all()} == {COST, POS, PRACT}
            continue
        by_url[url] = {o.name for o in study.outcomes.all()}
    assert by_url == CASE_STUDY_TAGS


def test_case_study_kinds():
    kinds = CaseStudy.objects.values_list("kind", flat=True)
    assert sum(1 for kind in kinds if kind in {"collection", "framework"}) == 3
    assert CaseStudy.objects.exclude(kind__in=["collection", "framework"]).count() == 17


def test_every_tagged_case_study_names_a_profession():
    for study in CaseStudy.objects.exclude(kind__in=["collection", "framework"]):
        assert study.professions.exists(), study.title
        assert study.settings.exists(), study.title


def test_the_14_checklist_actions_word_for_word():
    assert list(Action.objects.published().values_list("title", flat=True)) == CHECKLIST
    assert list(Action.objects.values_list("number", flat=True)) == list(range(1, 15))


def test_four_career_stories_with_all_their_questions():
    stories = CareerStory.objects.published().prefetch_related("answers")
    assert {story.name for story in stories} == set(STORIES)
    for story in stories:
        questions = [answer.question for answer in story.answers.all()]
        assert questions == STORIES[story.name], story.name
        assert all(len(answer.answer) > 50 for answer in story.answers.all())


def test_21_training_and_career_planning_resources():
    resources = Resource.objects.published()
    assert resources.count() == 21
    assert resources.filter(category=Resource.Category.CAREER_PLANNING).count() == 10
    assert resources.filter(category=Resource.Category.TRAINING).count() == 11
    assert resources.filter(url="https://www.leadershipacademy.nhs.uk/").exists()
    assert resources.filter(url="https://www.e-lfh.org.uk/programmes/suicide-prevention/").exists()


def test_prose_sections_are_pages():
    slugs = set(Page.objects.published().values_list("slug", flat=True))
    assert {"introduction", "action-for-change"} <= slugs
    assert len(slugs) >= 8
    introduction = Page.objects.get(slug="introduction")
    assert "third largest clinical workforce in the NHS" in introduction.body
