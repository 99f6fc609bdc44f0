"""Finding elements in a page (lxml, which pikepdf already brings)."""

import lxml.html


def tree(html: str):
    return lxml.html.fromstring(html)


def text_of(element) -> str:
    return " ".join(element.text_content().split())
