"""The finder's filtered set as data: the CSV and JSON exports' rows and the Atom feed's items,
each the whole set (or the newest of it) in a fixed number of queries, as plain values."""

import csv
import html
import io
import re

from casestudies.finder.vocabulary import FACETS, Term
from casestudies.models import TAG_SUMMARY_FIELDS, CaseStudy
from editorial.spreadsheets import neutralise

FEED_ITEMS = 50
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
CSV_COLUMNS = [
    "title",
    "slug",
    "url",
    "source_url",
    "publisher",
    "professions",
    "outcomes",
    "settings",
    "kind",
    "summary",
    "source_year",
    "evaluated",
    "costed",
]


def tags_from(vocabulary, profession_bits, outcome_bits, setting_bits) -> dict[str, list[Term]]:
    """facet -> terms, read from a case study's tag summaries (no query), in display order;
    an unpublished profession is not in the vocabulary, so not shown."""
    return {
        "profession": vocabulary.terms_in("profession", profession_bits),
        "outcome": vocabulary.terms_in("outcome", outcome_bits),
        "setting": vocabulary.terms_in("setting", setting_bits),
    }


def attach_tags(studies, vocabulary):
    """Give each case study ``professions_list``, ``outcomes_list``, ``settings_list``."""
    studies = list(studies)
    for study in studies:
        own = tags_from(vocabulary, study.profession_bits, study.outcome_bits, study.setting_bits)
        study.professions_list = own["profession"]
        study.outcomes_list = own["outcome"]
        study.settings_list = own["setting"]
    return studies


def plain_text(rich) -> str:
    """Rich text (sanitised HTML) as plain text, fast enough for thousands of rows."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", rich or ""))).strip()


def export_rows(finder, *, site_url: str) -> list[dict]:
    """The whole filtered set as plain dicts (values, not model instances) in the finder's
    order, in two queries after the vocabulary. ``site_url`` is the finder's absolute URL."""
    queryset = finder.qs.values_list(
        "title", "slug", "source_url", "publisher", "kind", "summary", *TAG_SUMMARY_FIELDS,
        "source_year", "evaluation", "costed",
    )  # fmt: skip
    vocabulary = finder.vocabulary
    kinds = dict(CaseStudy.Kind.choices)
    evaluations = dict(CaseStudy.Evaluation.choices[1:])  # "" (not recorded) stays ""
    rows = []
    for title, slug, source_url, publisher, kind, summary, *bits, year, how, costed in queryset:
        own = tags_from(vocabulary, *bits)
        rows.append(
            {
                "title": title,
                "slug": slug,
                "url": f"{site_url}{slug}/",
                "source_url": source_url,
                "publisher": publisher,
                "professions": [t.name for t in own["profession"]],
                "outcomes": [t.name for t in own["outcome"]],
                "settings": [t.name for t in own["setting"]],
                "kind": kinds.get(kind, kind),
                "summary": plain_text(summary),
                "source_year": year,
                "evaluated": evaluations.get(how, ""),
                "costed": costed,
            }
        )
    return rows


def applied_filters(finder) -> dict:
    return {
        "q": finder.words,
        **{facet: finder.selected(facet) for facet in FACETS},
        "outcome_match": "all" if finder.match_all_outcomes else "any",
        "sort": finder.sort_key,
    }


def feed_items(finder):
    """The newest published case studies in the filtered set, with their tags."""
    studies = finder.matching().order_by("-published_at", "title", "pk")[:FEED_ITEMS]
    return attach_tags(studies, finder.vocabulary)


def csv_text(rows) -> str:
    """The export's rows as CSV, lists joined with "; ", no cell a spreadsheet would run as a
    formula."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the byte-order mark makes Excel read the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                neutralise("; ".join(row[c]) if isinstance(row[c], list) else row[c])
                for c in CSV_COLUMNS
            ]
        )
    return buffer.getvalue()
