"""Text for the index, and excerpts for the page: rich text becomes plain text before it is
indexed, so an excerpt is escaped text with only our own <mark> inserted."""

import html
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

# Marks the database puts around matched words in an excerpt: control characters, which
# plain_text() removes from everything indexed, so they cannot come from the content.
START, STOP = "\x02", "\x03"
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain_text(*parts: str) -> str:
    """The text a person reads in these HTML fragments or plain strings, words separated."""
    text = " ".join(part for part in parts if part)
    # A space before every tag, so that "<p>one</p><p>two</p>" gives two words.
    text = html.unescape(strip_tags(text.replace("<", " <")))
    return " ".join(CONTROL.sub(" ", text).split())


def highlight(fragment: str) -> SafeString:
    """An excerpt from the database with the matched words in <mark>, everything else
    escaped."""
    out = []
    for index, part in enumerate(fragment.split(START)):
        if index == 0:
            out.append(escape(part.replace(STOP, "")))
            continue
        matched, _, rest = part.partition(STOP)
        out.append(f"<mark>{escape(matched)}</mark>{escape(rest.replace(STOP, ''))}")
    return mark_safe("".join(out))
