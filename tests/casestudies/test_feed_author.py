from xml.etree import ElementTree

import pytest

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.mark.parametrize("query", ["", "?profession=dietitians", "?q=no-such-words-anywhere"])
def test_the_feed_names_its_author(client, query):
    """RFC 4287 4.1.1: a feed has an author unless every entry has one."""
    response = client.get(f"/case-studies/feed/{query}")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("atom:author/atom:name", namespaces=ATOM) == "Health Education England"
