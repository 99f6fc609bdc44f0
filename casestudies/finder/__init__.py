"""The case-study finder's machinery, one module per concern, each depending only on those
above it:

- ``vocabulary``: the facets and their options (professions, outcomes, settings, kinds);
- ``summaries``: the tag-summary columns (``profession_bits``…) kept in step, and the SQL
  that reads them;
- ``words``: how search words match a case study's text (either database's full-text search);
- ``bitindex``: a bitset index of the published set (tags, groups, each search word's
  matches), for counts and pages without a counting query;
- ``snapshot``: what each process keeps for the content version (the vocabulary and the
  index), and the finder's uses of them;
- ``filters``: the FilterSet, where the query string becomes a queryset;
- ``counts``: every option's count in one aggregate query (or from the index);
- ``wording``: what a filter asks for, in words;
- ``page``: the finder page's context;
- ``exports``: the filtered set as CSV, JSON and feed items.

The views (casestudies/views.py, casestudies/feeds.py) only call ``page``, ``filters`` and
``exports``.
"""
