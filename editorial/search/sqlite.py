"""Site search on SQLite: FTS5 over the search entries (migration editorial 0001), Porter stemming,
ranked by BM25 with a title match weighing ten times a match in the text."""

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from editorial.search.kinds import KIND_BITS, all_kinds
from editorial.search.text import START, STOP

MAX_TERMS = 10
# A run of letters or digits: FTS5's unicode61 tokenizer splits on everything else. Each
# term is written as an FTS5 string ("…"), so no operator, column filter or prefix star
# the person typed can reach FTS5's query syntax.
TOKEN = re.compile(r"[^\W_]+")
TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
WEIGHTS = "10.0, 1.0"  # title, body
EXCERPT_TOKENS = 28


def fts_query(text: str) -> str:
    """The words as an FTS5 query that every one of them (or each quoted phrase) must
    match: '' when there is no word in it at all."""
    terms = []
    for phrase, word in TERM.findall(text):
        tokens = TOKEN.findall(phrase or word)
        if tokens:
            terms.append('"' + " ".join(tokens) + '"')
    return " AND ".join(terms[:MAX_TERMS])


def object_ids(text: str, kind):
    """The primary keys of the items of this type whose entries match: a subquery for
    ``pk__in``, read from FTS5's rowids alone (an entry's id is its item's id shifted left
    by KIND_BITS, with the type's number in the low bits)."""
    query = fts_query(text)
    if not query:
        return []
    mask = (1 << KIND_BITS) - 1
    return RawSQL(
        f"SELECT rowid >> {KIND_BITS} FROM toolkit_search_fts "
        f"WHERE toolkit_search_fts MATCH %s AND (rowid & {mask}) = %s",
        [query, kind.number],
    )


def matching_ids(text: str, kind) -> list[int]:
    """The same ids as ``object_ids``, read now through a cursor (a word's matches can be
    thousands of rows: Django's machinery for each would cost more than the search)."""
    sql = object_ids(text, kind)
    if not sql:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql.sql, sql.params)
        return [row[0] for row in cursor.fetchall()]


def ranked(text: str) -> list[tuple[str, int, int]]:
    """(kind, object id, entry id) of every matching entry, best first."""
    query = fts_query(text)
    if not query:
        return []
    boosted = [kind for kind in all_kinds() if kind.boost != 1.0]
    boost = "".join(" WHEN %s THEN %s" for _ in boosted)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.kind, e.object_id, e.id FROM toolkit_search_fts f "
            "JOIN toolkit_searchentry e ON e.id = f.rowid WHERE toolkit_search_fts MATCH %s "
            # BM25 is negative here: the lower, the better.
            f"ORDER BY bm25(toolkit_search_fts, {WEIGHTS}) * (CASE e.kind{boost} ELSE 1.0 END), "
            "e.id",
            [query, *(value for kind in boosted for value in (kind.label, kind.boost))],
        )
        return cursor.fetchall()


def excerpts(text: str, entry_ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """entry id -> (title, url, excerpt with START/STOP around matched words)."""
    query = fts_query(text)
    if not query or not entry_ids:
        return {}
    marks = ", ".join(["%s"] * len(entry_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.id, e.title, e.url, "
            f"snippet(toolkit_search_fts, 1, %s, %s, '…', {EXCERPT_TOKENS}) "
            "FROM toolkit_search_fts f JOIN toolkit_searchentry e ON e.id = f.rowid "
            f"WHERE toolkit_search_fts MATCH %s AND f.rowid IN ({marks})",
            [START, STOP, query, *entry_ids],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}
