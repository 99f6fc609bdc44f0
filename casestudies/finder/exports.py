"""The finder's filtered set as data: the CSV and JSON exports' rows and the Atom feed's items,
each the whole set (or the newest of it) in a fixed number of queries, as plain values.

The exports are generators: rows are read through ``.iterator()`` (a server-side cursor on
PostgreSQL, ``fetchmany`` on SQLite) and written out a batch at a time, so the server's memory
does not grow with the number of case studies."""

import html
import json
import re

from django.core.exceptions import EmptyResultSet
from django.db import connections

from casestudies.finder.vocabulary import FACETS, Term
from casestudies.models import TAG_SUMMARY_FIELDS, CaseStudy
from editorial.spreadsheets import csv_text

FEED_ITEMS = 50
CHUNK = 2000  # rows fetched from the database at a time
BATCH = 500  # rows written to the response at a time
TAG = re.compile(r"<[^>]+>")
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
    text = TAG.sub(" ", rich) if rich and "<" in rich else rich or ""
    return " ".join((html.unescape(text) if "&" in text else text).split())


def export_rows(finder, *, site_url: str):
    """The whole filtered set in the finder's order as tuples of values in ``CSV_COLUMNS``
    order (the tag columns as tuples of names), one query after the vocabulary, read as they
    are consumed. The filter and the vocabulary are resolved now, so bad input fails here and
    not halfway through a response. ``site_url`` is the finder's absolute URL."""
    queryset = finder.qs.values_list(
        "title", "slug", "source_url", "publisher", "kind", "summary", *TAG_SUMMARY_FIELDS,
        "source_year", "evaluation", "costed",
    )  # fmt: skip
    vocabulary = finder.vocabulary
    kinds = dict(CaseStudy.Kind.choices)
    evaluations = dict(CaseStudy.Evaluation.choices[1:])  # "" (not recorded) stays ""
    names = {}  # (facet, bits) -> names: a few hundred combinations for thousands of rows

    def tag_names(facet, bits):
        key = (facet, bits)
        if key not in names:
            names[key] = tuple(term.name for term in vocabulary.terms_in(facet, bits))
        return names[key]

    def rows():
        for (
            title,
            slug,
            source_url,
            publisher,
            kind,
            summary,
            professions,
            outcomes,
            settings,
            year,
            how,
            costed,
        ) in streamed(queryset):
            yield (
                title,
                slug,
                f"{site_url}{slug}/",
                source_url,
                publisher,
                tag_names("profession", professions),
                tag_names("outcome", outcomes),
                tag_names("setting", settings),
                kinds.get(kind, kind),
                plain_text(summary),
                year,
                evaluations.get(how, ""),
                bool(costed),  # SQLite's 0 or 1
            )

    return rows()


def streamed(queryset):
    """The rows of a ``values_list()`` queryset as the database gives them, a chunk at a time
    through the cursor ``.iterator()`` uses (server-side on PostgreSQL), without its work on
    each row (a converter for each column that has one), a fifth of an export's time."""
    if queryset.query.annotation_select or queryset.query.distinct:
        # Django places such columns itself: its iterator, then
        yield from queryset.iterator(chunk_size=CHUNK)
        return
    connection = connections[queryset.db]
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:  # a condition nothing meets (words with no word in them: ":")
        return
    server_side = not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
    with connection.chunked_cursor() if server_side else connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(CHUNK):
            yield from chunk


def batches(items, size=BATCH):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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


def csv_chunks(rows):
    """The export's rows as CSV text (as ``csv.writer`` writes it), a batch at a time: lists
    joined with "; ", no cell a spreadsheet would run as a formula."""
    yield "\ufeff" + ",".join(CSV_COLUMNS) + "\r\n"  # the mark: Excel reads it as UTF-8
    written = {}  # the few hundred repeated values (tag names, types, evaluations) -> field

    def once(value):
        """A repeated value's field: tag names (a tuple) joined with "; ", or a text."""
        if value not in written:
            written[value] = csv_text("; ".join(value) if isinstance(value, tuple) else value)
        return written[value]

    for batch in batches(rows):
        yield "".join(
            # the url is the site's own (http…), so it cannot start a formula
            f"{csv_text(title)},{csv_text(slug)},{csv_text(url)},{csv_text(source)},"
            f"{csv_text(publisher)},{once(professions)},{once(outcomes)},{once(settings)},"
            f"{once(kind)},{csv_text(summary)},{'' if year is None else year},"
            f"{once(evaluated)},{costed}\r\n"
            for (title, slug, url, source, publisher, professions, outcomes, settings, kind,
                 summary, year, evaluated, costed) in batch
        )  # fmt: skip


def json_chunks(rows, filters):
    """The export as one JSON object, a batch of results at a time; the count comes last,
    once the rows have been read (so no extra counting query)."""
    yield '{"filters": ' + json.dumps(filters, ensure_ascii=False) + ', "results": ['
    count = 0
    for batch in batches(rows):
        results = (dict(zip(CSV_COLUMNS, row, strict=True)) for row in batch)
        yield ("," if count else "") + ",".join(json.dumps(r, ensure_ascii=False) for r in results)
        count += len(batch)
    yield f'], "count": {count}}}'
