"""Who gets what: every endpoint x every kind of caller, by API key and by session.

The table is the access contract of docs/api.md; every answer must also be
one the OpenAPI document describes.
"""

import re

import pytest

pytestmark = pytest.mark.live

ROLES = ("anonymous", "bad_key", "employee", "analyst", "manager", "portal_a", "portal_b")

# endpoint: (method, path or body builder) -- "A"/"B" are the two test customers.
ENDPOINTS = {
    "dashboard": ("GET", "/dashboard", None),
    "customer_a": ("GET", "/customer/{A}", None),
    "customer_b": ("GET", "/customer/{B}", None),
    "customer_missing": ("GET", "/customer/{missing}", None),
    "export_executive": ("POST", "/export", {"report": "executive", "format": "csv"}),
    "export_products": ("POST", "/export", {"report": "products", "format": "csv"}),
    "export_rfm": ("POST", "/export", {"report": "rfm", "format": "csv"}),
    "export_campaigns": ("POST", "/export", {"report": "campaigns", "format": "csv"}),
    "export_customer_a": (
        "POST",
        "/export",
        {"report": "customer", "customer_id": "{A}", "format": "csv"},
    ),
    "export_customer_b": (
        "POST",
        "/export",
        {"report": "customer", "customer_id": "{B}", "format": "csv"},
    ),
    "openapi": ("GET", "/openapi.json", None),
}

# Expected status per endpoint, in the order of ROLES.
# fmt: off
MATRIX = {
    #                     anon bad  empl anal mgr  porA porB
    "dashboard":         (401, 401, 403, 200, 200, 403, 403),
    "customer_a":        (401, 401, 403, 200, 200, 200, 404),
    "customer_b":        (401, 401, 403, 404, 200, 404, 200),
    "customer_missing":  (401, 401, 403, 404, 404, 404, 404),
    "export_executive":  (401, 401, 403, 200, 200, 403, 403),
    "export_products":   (401, 401, 403, 200, 200, 403, 403),
    "export_rfm":        (401, 401, 403, 200, 200, 403, 403),
    "export_campaigns":  (401, 401, 403, 200, 200, 403, 403),
    "export_customer_a": (401, 401, 403, 200, 200, 200, 404),
    "export_customer_b": (401, 401, 403, 404, 200, 404, 200),
    "openapi":           (200, 200, 200, 200, 200, 200, 200),
}
# fmt: on

CASES = [
    (endpoint, role, status)
    for endpoint, statuses in MATRIX.items()
    for role, status in zip(ROLES, statuses, strict=True)
]
# The session cookie must give the same answers as the user's API key.
SESSION_CASES = [
    (endpoint, role, status)
    for endpoint, role, status in CASES
    if role in ("employee", "analyst", "manager", "portal_a", "portal_b")
]


def _fill(value, world):
    ids = {"A": world.customer_a, "B": world.customer_b, "missing": 2_147_000_000}
    if isinstance(value, str):
        for name, record_id in ids.items():
            if value == "{%s}" % name:
                return record_id
            value = value.replace("{%s}" % name, str(record_id))
        return value
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    return value


def _call(api, world, endpoint, role, via="key"):
    method, path, body = ENDPOINTS[endpoint]
    kwargs = {"json": _fill(body, world)} if body is not None else {}
    return api.request(role, method, _fill(path, world), via=via, **kwargs)


def _check(response, status, conforms, world, endpoint, role):
    assert response.status_code == status, (
        f"{endpoint} as {role}: {response.status_code} {response.text[:300]}"
    )
    body = conforms(response)
    if status >= 400:
        assert (
            body["error"]["code"]
            == {401: "unauthenticated", 403: "forbidden", 404: "not_found"}[status]
        )
    elif endpoint.startswith("customer_"):
        expected = {"customer_a": world.customer_a, "customer_b": world.customer_b}[endpoint]
        assert body["customer"]["id"] == expected
    elif endpoint.startswith("export_"):
        assert response.headers["Content-Type"].startswith("text/csv")
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.content


@pytest.mark.parametrize(
    ("endpoint", "role", "status"), CASES, ids=[f"{e}-{r}" for e, r, _s in CASES]
)
def test_access_by_api_key(api, world, conforms, endpoint, role, status):
    response = _call(api, world, endpoint, role)
    _check(response, status, conforms, world, endpoint, role)


@pytest.mark.parametrize(
    ("endpoint", "role", "status"), SESSION_CASES, ids=[f"{e}-{r}" for e, r, _s in SESSION_CASES]
)
def test_access_by_session(api, world, conforms, endpoint, role, status):
    response = _call(api, world, endpoint, role, via="session")
    _check(response, status, conforms, world, endpoint, role)


def test_missing_and_invisible_customers_look_alike(api, world):
    """The 404 of another portal customer is byte for byte the 404 of no customer,
    apart from the id the caller sent."""
    invisible = api.request("portal_a", "GET", f"/customer/{world.customer_b}")
    missing = api.request("portal_a", "GET", f"/customer/{world.customer_b + 10**9}")
    assert invisible.status_code == missing.status_code == 404
    assert invisible.json()["error"]["message"].replace(str(world.customer_b), "N") == (
        missing.json()["error"]["message"].replace(str(world.customer_b + 10**9), "N")
    )


@pytest.mark.parametrize("via", ["key", "session"])
def test_portal_buyer_gets_the_customer_facing_view(api, world, conforms, via):
    """A buyer's /customer/<own id> is its purchases and invoices, never the dairy's
    internal assessments (margin, CLV, RFM, churn), by key and by session alike."""
    response = api.request("portal_a", "GET", f"/customer/{world.customer_a}", via=via)
    assert response.status_code == 200, response.text
    body = conforms(response)
    assert body["customer"]["id"] == world.customer_a
    assert body["summary"]["order_count"] == 2
    assert {"open_balance", "items"} <= set(body["invoices"])
    assert not {"clv", "rfm", "churn", "top_products"} & set(body)
    assert not re.search(r"margin|clv|rfm|churn|alive|segment", response.text, re.I)
    export = api.request(
        "portal_a",
        "POST",
        "/export",
        via=via,
        json={"report": "customer", "customer_id": world.customer_a, "format": "csv"},
    )
    assert export.status_code == 200, export.text
    assert "Spend before taxes" in export.content.decode("utf-8-sig")
    assert not re.search(r"margin|clv|rfm|churn|alive|segment", export.text, re.I)
