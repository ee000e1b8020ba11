"""Property-based fuzzing of the API's inputs: whatever a client sends, the answer is
a documented one (never a 500) and conforms to the OpenAPI document."""

import json
from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.live

FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DOCUMENTED = {200, 400, 401, 403, 404, 405}

dates = st.dates().map(lambda d: d.isoformat())  # years 1 to 9999
near_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2027, 12, 31)).map(
    lambda d: d.isoformat()
)
texts = st.text(max_size=30)
date_like = st.one_of(dates, near_dates, texts, st.just(""), st.just("2024-02-30"))
query_values = {
    "date_from": date_like,
    "date_to": date_like,
    "compare": st.one_of(st.sampled_from(["previous_period", "previous_year", "none"]), texts),
}


@st.composite
def queries(draw, names):
    chosen = draw(st.lists(st.sampled_from(names), unique=True))
    query = {name: draw(query_values[name]) for name in chosen}
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        query[draw(texts.filter(bool))] = draw(texts)
    return query


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


REPORTS = ["executive", "customer", "products", "rfm"]


@st.composite
def export_bodies(draw, customer_ids):
    """Mostly well-formed requests (they exercise the exports), some broken ones."""
    if draw(st.integers(0, 19)) == 0:
        return draw(json_values)  # not even an object
    body = {}
    roll = draw(st.integers(0, 9))
    if roll < 8:
        body["report"] = draw(st.sampled_from(REPORTS))
    elif roll == 8:
        body["report"] = draw(json_values)
    if draw(st.booleans()):
        # pdf is slow to render: mostly the quick formats
        body["format"] = draw(
            st.sampled_from(["csv", "xlsx"])
            if draw(st.integers(0, 4))
            else st.one_of(st.just("pdf"), json_values)
        )
    for name in ("date_from", "date_to"):
        if draw(st.integers(0, 3)) == 0:
            body[name] = draw(
                near_dates if draw(st.booleans()) else st.one_of(date_like, json_values)
            )
    wants_customer = body.get("report") == "customer"
    if draw(st.integers(0, 4)) == 0 or (wants_customer and draw(st.integers(0, 4))):
        body["customer_id"] = draw(
            st.sampled_from(customer_ids)
            if draw(st.integers(0, 2))
            else st.one_of(st.integers(), json_values)
        )
    if draw(st.integers(0, 9)) == 0:
        body[draw(texts)] = draw(json_values)
    return body


def _check(response, conforms):
    assert response.status_code in DOCUMENTED, (
        f"{response.request.method} {response.request.url}: {response.status_code} "
        f"{response.text[:300]}"
    )
    conforms(response)


def test_fuzz_dashboard_queries(api, conforms):
    @FUZZ
    @given(queries(["date_from", "date_to", "compare"]))
    def run(query):
        _check(api.request("manager", "GET", "/dashboard", params=query), conforms)

    run()


def test_fuzz_customer_paths_and_queries(api, world, conforms):
    ids = st.one_of(
        st.sampled_from([world.customer_a, world.customer_b]).map(str),
        st.integers(-(2**70), 2**70).map(str),
        # a path segment: no "/" (another route), not empty, not a dot segment
        texts.filter(lambda t: t not in ("", ".", "..") and "/" not in t and "\\" not in t),
    )

    @FUZZ
    @given(ids, queries(["date_from", "date_to"]), st.sampled_from(["manager", "portal_a"]))
    def run(customer_id, query, role):
        path = "/customer/" + quote(customer_id, safe="")
        _check(api.request(role, "GET", path, params=query), conforms)

    run()


def test_fuzz_export_bodies(api, world, conforms):
    @FUZZ
    @given(
        export_bodies([world.customer_a, world.customer_b]),
        st.sampled_from(["manager", "portal_a"]),
    )
    def run(body, role):
        response = api.request(
            role,
            "POST",
            "/export",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        _check(response, conforms)

    run()
