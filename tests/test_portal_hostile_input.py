"""Odd, malformed and hostile query strings give 200, 400 or 404, never 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.portal.filters import FILTER_PARAMS

PATHS = ["/articles/", "/api/articles/", "/feeds/releases.atom", "/articles/export.csv"]


@pytest.fixture
def some_data(make_article, make_region, make_topic):
    region = make_region(slug="guangdong")
    make_article(title="Carbon market in Guangdong", regions=[region], topics=[make_topic()])


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "params",
    [
        {"q": '"carbon'},
        {"q": 'carbon" OR "x'},
        {"q": "NEAR(carbon market) AND title:x*"},
        {"q": "carbon & !market | <->"},
        {"q": "carbon\x00market"},
        {"q": "碳" * 10_000},
        {"q": "x" * 10_001},
        {"region": "guangdong\x00"},
        {"region": "../../etc/passwd"},
        {"organization": "x" * 5000},
        {"year": "99999999999999999999"},
        {"year": "NaN"},
        {"date_after": "0000-00-00"},
        {"date_before": "2024-02-30"},
        {"status": "published"},
        {"sort": "-id"},
        {"page": "99999999999999999999"},
        {"page": "-1"},
        {"page_size": "-5"},
        {"format": "xml"},
    ],
)
def test_hostile_parameters_never_cause_a_server_error(client, some_data, path, params):
    assert client.get(path, params).status_code in (200, 400, 404)


# Text a browser can send (no lone surrogates) and both databases can store
# (PostgreSQL refuses NUL); NUL itself is covered above.
values = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
) | st.sampled_from(
    ["guangdong", "2024", "2024-05-01", "relevance", "reviewed", '"', "-", "*", "1" * 40]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.dictionaries(st.sampled_from([*FILTER_PARAMS, "page"]), values, max_size=5))
def test_generated_query_strings_never_cause_a_server_error(client, some_data, params):
    for path in ("/articles/", "/api/articles/"):
        assert client.get(path, params).status_code in (200, 400, 404)
