"""What a person sees of a rendered page, from its HTML: the text, and the text of each link."""

import re
from html.parser import HTMLParser

# Elements whose content is not shown as text.
UNSHOWN = {"script", "style", "template", "head", "title", "svg"}
# A tag written out as text: "<span class=…>", "</a>", "<a href=…>".
TAG_AS_TEXT = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
BARE_ADDRESS = re.compile(r"^\s*(https?://|www\.)", re.IGNORECASE)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.links = []
        self._unshown = 0
        self._link = None

    def handle_starttag(self, tag, attrs):
        if tag in UNSHOWN:
            self._unshown += 1
        elif tag == "a":
            self._link = []

    def handle_endtag(self, tag):
        if tag in UNSHOWN:
            self._unshown = max(0, self._unshown - 1)
        elif tag == "a" and self._link is not None:
            self.links.append(" ".join("".join(self._link).split()))
            self._link = None

    def handle_data(self, data):
        if not self._unshown:
            self.text.append(data)
            if self._link is not None:
                self._link.append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


def visible_text(html: str) -> str:
    """The page's text as shown, character references decoded ("&lt;a&gt;" is "<a>")."""
    return " ".join("".join(parse(html).text).split())


def tags_shown_as_text(html: str) -> list[str]:
    return [m.group(0) for m in TAG_AS_TEXT.finditer(visible_text(html))]


def bare_address_links(html: str) -> list[str]:
    """The links whose whole visible text starts with a web address."""
    return [text for text in parse(html).links if BARE_ADDRESS.match(text)]
