"""The evidence pack says what each source is, as the case study's page does: kind of
evidence, publisher and year, and how evaluated and whether costed once an editor records them
(the PDF read back with pdftotext, the Word file with python-docx)."""

import io
import subprocess

import docx
import pytest

from casestudies.models import CaseStudy
from tests.casestudies.helpers import ART, LEDER, NICE, record_evidence

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The four sources of one query: evaluated by audit or peer review, or costed.
QUERY = {"profession": ["dietitians", "art-therapists", "dramatherapists"]}
COSTED = "Costed: A saving or cost is stated in the source"


def pdf_text(content) -> str:
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def study_section(text, title):
    """One case study's facts in the PDF's text: from its heading to its source."""
    start = text.index(" ".join(title.split()) + " Kind of evidence: ")
    return text[start : text.index(" Source: ", start)]


def word_facts(document) -> dict[str, list[str]]:
    """Each case study's heading -> its bulleted facts."""
    facts, current = {}, None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 2":
            current = facts.setdefault(paragraph.text, [])
        elif current is not None and paragraph.style.name == "List Bullet":
            current.append(paragraph.text)
    return facts


@pytest.fixture
def studies():
    record_evidence()
    return {url: CaseStudy.objects.get(source_url=url) for url in (ART, LEDER, NICE)}


def test_the_pdf_says_what_each_source_is(client, studies):
    response = client.get("/case-studies/evidence-pack.pdf", QUERY)
    assert response.status_code == 200
    text = pdf_text(response.content)
    leder = study_section(text, studies[LEDER].title)
    assert "Kind of evidence: Report" in leder
    assert "Publisher: NHS England" in leder
    assert "Year: 2020" in leder
    assert "Evaluated: Peer reviewed" in leder
    assert "Costed" not in leder
    art = study_section(text, studies[ART].title)
    assert "Kind of evidence: Case study" in art
    assert "Evaluated: Audit" in art and COSTED in art
    assert "Publisher:" not in art and "Year:" not in art
    nice = study_section(text, studies[NICE].title)
    assert "Publisher: National Institute for Health and Care Excellence (NICE)" in nice
    assert "Evaluated: Audit" in nice and "Costed" not in nice


def test_the_word_file_says_what_each_source_is(client, studies):
    response = client.get("/case-studies/evidence-pack.docx", QUERY)
    assert response.status_code == 200
    facts = word_facts(docx.Document(io.BytesIO(response.content)))
    leder = facts[studies[LEDER].title]
    assert leder[:4] == [
        "Kind of evidence: Report",
        "Publisher: NHS England",
        "Year: 2020",
        "Evaluated: Peer reviewed",
    ]
    assert not any(f.startswith("Costed") for f in leder)
    art = facts[studies[ART].title]
    assert art[:3] == ["Kind of evidence: Case study", "Evaluated: Audit", COSTED]
    # Nothing recorded: only what the toolkit gives.
    for title, bullets in facts.items():
        if title not in {s.title for s in studies.values()}:
            assert not any(b.startswith(("Evaluated", "Costed")) for b in bullets), title


def test_the_pack_of_the_toolkit_as_loaded_says_no_evaluation(client):
    response = client.get("/case-studies/evidence-pack.docx", QUERY)
    facts = word_facts(docx.Document(io.BytesIO(response.content)))
    assert facts
    for bullets in facts.values():
        assert bullets[0].startswith("Kind of evidence: ")
        assert not any(b.startswith(("Evaluated", "Costed")) for b in bullets)
