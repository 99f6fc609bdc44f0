"""The case-study finder's words: how they match a case study's text, on PostgreSQL with its
full-text search over a generated ``search_document``, elsewhere with site search's FTS5 index."""

from django.contrib.postgres.search import SearchQuery, SearchVectorExact, SearchVectorField
from django.db import connection
from django.db.models import Expression, Q

from casestudies.models import CaseStudy
from editorial.search import sqlite as search_sqlite
from editorial.search.kinds import by_label

# Words beyond these are ignored: a 10,000-character query costs no more than a short one.
MAX_QUERY_CHARS = 200
MAX_WORDS = 10
SEARCH_CONFIG = "english"
FREQUENT_LEXEMES = 256  # kept with the bitset index: 3 MB at 100,000 case studies


class SearchDocument(Expression):
    """The case study's ``search_document`` column: a tsvector of its title, publisher and
    summary ('english' stemming) that PostgreSQL generates and GIN-indexes (migration 0006).
    The column exists only there, so Django's model does not declare it."""

    output_field = SearchVectorField()
    config = SEARCH_CONFIG

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f'{table}."search_document"', []


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def split_words(value) -> list[str]:
    return value[:MAX_QUERY_CHARS].split()[:MAX_WORDS]


def parse_word(word) -> tuple[bool, str | None]:
    """Whether the full-text engine leaves the word out of a query (punctuation alone; on
    PostgreSQL a stop word, "the"), and on PostgreSQL the one lexeme it stands for, when it
    stands for one ("recovering": "recov")."""
    if not uses_full_text_search():
        return not search_sqlite.fts_query(word), None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(q), CAST(q AS text) FROM websearch_to_tsquery(%s, %s) AS q",
            [SEARCH_CONFIG, word],
        )
        nodes, text = cursor.fetchone()
    single = nodes == 1 and len(text) > 2 and text[0] == text[-1] == "'" and "\\" not in text
    return nodes == 0, text[1:-1].replace("''", "'") if single else None


def frequent_lexemes(min_count: int) -> list[tuple[str, list[int]]]:
    """On PostgreSQL, the lexemes in at least ``min_count`` case studies' documents (the
    ``FREQUENT_LEXEMES`` most frequent), each with the ids of those case studies, in one
    query; elsewhere none. Reading a frequent word's matches when it is first searched for
    means reading a third of the table (85 ms at 100,000), a rare word's costs little."""
    if not uses_full_text_search():
        return []
    table = connection.ops.quote_name(CaseStudy._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.lexeme, array_agg(c.id) FROM {table} AS c, "
            'unnest(c."search_document") AS u GROUP BY u.lexeme HAVING count(*) >= %s '
            "ORDER BY count(*) DESC, u.lexeme LIMIT %s",
            [min_count, FREQUENT_LEXEMES],
        )
        return cursor.fetchall()


def words_match(words):
    """The case study's text matches the words (whole words, stemmed): PostgreSQL's
    full-text search on its ``search_document``, elsewhere the FTS5 index of site search."""
    if uses_full_text_search():
        return text_search(words)
    return Q(pk__in=search_sqlite.object_ids(words, by_label(CaseStudy._meta.label_lower)))


def ids_matching(words):
    """The ids of the case studies, published or not, whose text matches the words (the
    bitset index leaves out those it does not hold): as ``words_match``, without the rest of
    the case study's row."""
    if uses_full_text_search():
        return CaseStudy.objects.filter(text_search(words)).values_list("pk", flat=True)
    return search_sqlite.matching_ids(words, by_label(CaseStudy._meta.label_lower))


def words_semi_join(words) -> Q:
    """The same as a semi-join, which keeps the full-text index in use beside an OR."""
    if uses_full_text_search():
        return Q(pk__in=CaseStudy.objects.filter(text_search(words)).values("pk"))
    return words_match(words)


def text_search(words):
    """``document @@ websearch_to_tsquery('english', words)``: never an error, whatever the
    words (quotes, operators, punctuation only)."""
    return SearchVectorExact(
        SearchDocument(), SearchQuery(words, config=SEARCH_CONFIG, search_type="websearch")
    )
