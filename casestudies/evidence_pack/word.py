"""The evidence pack as a Word document (python-docx), for pasting into a business case: real
headings (the Title, Heading 1 and Heading 2 styles), a real table with a header row that
repeats on every page, real hyperlinks, a contents list linking to each case study, and page
numbers in the footer."""

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

LINK_BLUE = RGBColor(0x00, 0x5E, 0xB8)
HEADER = ("Title", "Publisher", "Professions", "Outcomes", "Settings")


def _link_run(text, *, underline=True):
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(LINK_BLUE))
    properties.append(colour)
    if underline:
        line = OxmlElement("w:u")
        line.set(qn("w:val"), "single")
        properties.append(line)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    return run


def add_hyperlink(paragraph, text, url):
    """A link to a web address (an external relationship), as Word makes one."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    link.append(_link_run(text))
    paragraph._p.append(link)


def add_internal_link(paragraph, text, bookmark):
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.append(_link_run(text, underline=False))
    paragraph._p.append(link)


def add_bookmark(paragraph, name, number):
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _field(paragraph, instruction):
    """A field Word computes (PAGE, NUMPAGES)."""
    run = paragraph.add_run()
    for kind in ("begin", None, "end"):
        if kind is None:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def add_page_numbers(section):
    footer = section.footer.paragraphs[0]
    footer.add_run("AHP toolkit: evidence pack. Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def repeat_header_row(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def summary_table(document, studies):
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    repeat_header_row(table.rows[0])
    for study in studies:
        cells = table.add_row().cells
        values = (
            study.title,
            study.publisher,
            ", ".join(study.professions),
            ", ".join(study.outcomes),
            ", ".join(study.settings),
        )
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    return table


def render_docx(pack) -> bytes:
    document = Document()
    document.core_properties.title = pack.title
    document.core_properties.language = "en-GB"
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    add_page_numbers(document.sections[0])

    document.add_heading(pack.title, level=0)
    document.add_paragraph(pack.description)
    document.add_paragraph(f"Made on {pack.made_on} from the AHP toolkit’s case study finder:")
    add_hyperlink(document.add_paragraph(), pack.finder_url, pack.finder_url)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    document.add_heading("Contents", level=1)
    add_internal_link(document.add_paragraph(style="List Number"), "Summary table", "summary")
    for study in pack.studies:
        add_internal_link(document.add_paragraph(style="List Number"), study.title, study.anchor)

    heading = document.add_heading("Summary table", level=1)
    add_bookmark(heading, "summary", 0)
    summary_table(document, pack.studies)

    document.add_heading("Case studies", level=1)
    for study in pack.studies:
        heading = document.add_heading(study.title, level=2)
        add_bookmark(heading, study.anchor, study.number)
        facts = [f"{label}: {value}" for label, value in study.facts]
        for label, names in (
            ("Professions", study.professions),
            ("Outcomes", study.outcomes),
            ("Settings", study.settings),
        ):
            if names:
                facts.append(f"{label}: {', '.join(names)}")
        for fact in facts:
            document.add_paragraph(fact, style="List Bullet")
        for paragraph in study.summary:
            document.add_paragraph(paragraph)
        source = document.add_paragraph("Source: ")
        add_hyperlink(source, study.source_title, study.source_url)
        document.add_paragraph(study.source_url)
        page = document.add_paragraph("On the toolkit: ")
        add_hyperlink(page, study.page_url, study.page_url)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
