"""Property-based: generated query strings never give a server error on the finder, the
exports or the feed. Needs hypothesis (a dev dependency)."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

NAMES = ["profession", "outcome", "setting", "kind", "q", "sort", "page", "outcome_match", "x"]
VALUES = st.one_of(
    st.sampled_from(
        [
            "occupational-therapists",
            "cost-saving",
            "mental-health",
            "report",
            "all",
            "newest",
            "1",
            "0",
            "",
        ]
    ),
    st.text(max_size=40),
    st.binary(max_size=12).map(lambda b: "".join(f"%{byte:02x}" for byte in b)),
)
PAIRS = st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=8)
PATHS = st.sampled_from(
    [
        "/case-studies/",
        "/case-studies/export.csv",
        "/case-studies/export.json",
        "/case-studies/feed/",
    ]
)


def encode(name, value):
    # Pre-encoded bytes (%ff...) go through as they are: that is how invalid UTF-8 arrives.
    return f"{name}={value if value.startswith('%') else quote(value)}"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=PATHS, pairs=PAIRS)
def test_generated_query_strings_never_give_a_server_error(client, path, pairs):
    query = "&".join(encode(name, value) for name, value in pairs)
    response = client.get(f"{path}?{query}")
    assert response.status_code in {200, 404}
    response.getvalue()  # the exports are streamed: read them to the end
