"""Every page type's one h1 is inside <main>, where the skip link and a screen reader's
"main" landmark take people (the home page's hero included)."""

from html.parser import HTMLParser

import pytest

from tests.page_types import PAGE_TYPES

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Headings(HTMLParser):
    """Each h1, with whether a <main> element encloses it."""

    def __init__(self):
        super().__init__()
        self.open = []
        self.h1s = []

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.h1s.append("main" in self.open)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass


def h1_placement(html):
    parser = Headings()
    parser.feed(html)
    return parser.h1s


def test_the_checker_sees_an_h1_outside_main():
    assert h1_placement("<body><h1>Hero</h1><main><p>x</p></main></body>") == [False]
    assert h1_placement("<body><main><section><h1>Hero</h1></section></main></body>") == [True]


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_the_h1_is_inside_main(client, name):
    html = client.get(PAGE_TYPES[name]()).content.decode()
    assert h1_placement(html) == [True]
