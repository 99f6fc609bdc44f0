"""What the finder's tests share: the toolkit's printed tags and reading the results."""

import re

from casestudies.models import CaseStudy, OutcomeTag
from editorial.publishing import Status
from professions.models import Profession, Setting
from tests.content.test_content import CASE_STUDY_TAGS, COST, GETTING_MY_LIFE_BACK, POS

ART = "https://link.hee.nhs.uk/mental-health-art"
LEDER = (
    "https://www.england.nhs.uk/wp-content/uploads/2020/07/Action-from-learning-report-2020-1.pdf"
)
NICE = "https://www.nice.org.uk/sharedlearning/dramatherapy-group-for-adults-living-with-psychosis#results"
PODIATRY = "https://link.hee.nhs.uk/mental-health-podiatry"


def record_evidence():
    """What an editor might record from four sources: how evaluated, and costed."""
    CaseStudy.objects.filter(source_url=ART).update(evaluation="audit", costed=True)
    CaseStudy.objects.filter(source_url=LEDER).update(evaluation="peer_reviewed")
    CaseStudy.objects.filter(source_url=NICE).update(evaluation="audit")
    CaseStudy.objects.filter(source_url=PODIATRY).update(costed=True)


def tags_as_printed():
    """Source URL -> outcome names, as printed in the toolkit (typed from the toolkit)."""
    tags = dict(CASE_STUDY_TAGS)
    tags[GETTING_MY_LIFE_BACK] = {COST, POS, "Practical recommendations"}
    return tags


def study_for(url):
    if url == GETTING_MY_LIFE_BACK:
        return CaseStudy.objects.get(source_url__startswith=GETTING_MY_LIFE_BACK)
    return CaseStudy.objects.get(source_url=url)


def result_urls(html):
    """The case-study links in the results list."""
    block = html.split('id="results"', 1)[1].split("</ul>", 1)[0] if 'id="results"' in html else ""
    return set(re.findall(r'<h3[^>]*><a href="(/case-studies/[^"]+/)">', block))


def count_in(html):
    return int(re.search(r'id="results-heading"[^>]*>(\d+) case stud', html).group(1))


def make_studies(count):
    professions = list(Profession.objects.all())
    outcomes = list(OutcomeTag.objects.all())
    settings = list(Setting.objects.all())
    studies = CaseStudy.objects.bulk_create(
        CaseStudy(
            title=f"Generated {i}",
            slug=f"generated-{i}",
            source_url="https://example.org/",
            status=Status.PUBLISHED,
            published_at="2024-01-01T00:00Z",
        )
        for i in range(count)
    )
    for i, study in enumerate(studies):
        study.professions.add(professions[i % len(professions)])
        study.outcomes.add(outcomes[i % len(outcomes)], outcomes[(i + 3) % len(outcomes)])
        study.settings.add(settings[i % len(settings)])
