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


def asks_nothing(word) -> bool:
    """Whether the full-text engine leaves the word out of a query: punctuation alone, and
    on PostgreSQL a stop word ("the")."""
    if uses_full_text_search():
        with connection.cursor() as cursor:
            cursor.execute("SELECT numnode(websearch_to_tsquery(%s, %s))", [SEARCH_CONFIG, word])
            return cursor.fetchone()[0] == 0
    return not search_sqlite.fts_query(word)


def words_match(words):
    """The case study's text matches the words (whole words, stemmed): PostgreSQL's
    full-text search on its ``search_document``, elsewhere the FTS5 index of site search."""
    if uses_full_text_search():
        return text_search(words)
    return Q(pk__in=search_sqlite.object_ids(words, by_label(CaseStudy._meta.label_lower)))


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
