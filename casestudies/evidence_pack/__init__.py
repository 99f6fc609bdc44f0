"""The evidence pack: the finder's filtered set as a document to take to a board (issue 15,
item 1), as tagged PDF (WeasyPrint) and as Word (python-docx).

- ``content``: the pack's text, from the finder's own FilterSet and wording, in a fixed number
  of queries, or how many matched when that is more than a person would print;
- ``pdf`` and ``word``: the two renderings;
- ``views``: the two downloads and the page shown above the cap.
"""
