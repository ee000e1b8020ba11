"""The API's contract: the OpenAPI document, parameter errors, files, methods, and
numbers checked against the orders read independently over JSON-RPC."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.live

TEN_YEARS_AND_MORE = {"date_from": "2010-01-01", "date_to": "2021-01-02"}


def test_openapi_document_is_valid(openapi_document):
    validate(openapi_document)
    paths = set(openapi_document["paths"])
    assert paths == {
        "/api/v1/b2b/analytics/dashboard",
        "/api/v1/b2b/analytics/customer/{customer_id}",
        "/api/v1/b2b/analytics/export",
        "/api/v1/b2b/analytics/overdue",
        "/api/v1/b2b/analytics/openapi.json",
    }
    schemas = openapi_document["components"]["schemas"]
    # docs/api.md, exactly.
    assert set(schemas["ExecutiveDashboard"]["required"]) == {
        "period",
        "kpis",
        "revenue_trend",
        "top_customers",
        "top_products",
        "tier_distribution",
        "at_risk_customers",
        "forecast",
        "filters",
        "targets",
        "revenue_trend_last_year",
    }
    assert set(schemas["CustomerSummary"]["required"]) == {
        "customer",
        "period",
        "summary",
        "top_products",
        "monthly_trend",
        "clv",
        "rfm",
        "churn",
        "rhythm",
    }


def test_overdue_conforms(api, conforms):
    response = api.request("manager", "GET", "/overdue", params={"limit": 5})
    assert response.status_code == 200, response.text
    body = conforms(response)
    stakes = [row["revenue_at_stake"] for row in body["customers"]]
    assert len(stakes) <= 5 and stakes == sorted(stakes, reverse=True)


@pytest.mark.parametrize("compare", ["previous_period", "previous_year", "none"])
def test_dashboard_conforms(api, conforms, compare):
    response = api.request(
        "manager",
        "GET",
        "/dashboard",
        params={"date_from": "2025-01-01", "date_to": "2025-12-31", "compare": compare},
    )
    assert response.status_code == 200, response.text
    body = conforms(response)
    assert body["period"]["date_from"] == "2025-01-01"
    assert (body["period"]["compare_from"] is None) == (compare == "none")


def test_customer_summary_counts_the_orders(api, world, conforms):
    """Order count, spend and products of customer A against its confirmed orders,
    read by the admin over JSON-RPC (one company, one currency), as its portal buyer
    sees them (the customer-facing view)."""
    orders = world.admin.call(
        "sale.order",
        "search_read",
        [
            ("partner_id.commercial_partner_id", "=", _partner_of(world, world.customer_a)),
            ("state", "=", "sale"),
        ],
        ["amount_untaxed", "amount_total", "order_line"],
    )
    lines = world.admin.call(
        "sale.order.line",
        "read",
        [line for o in orders for line in o["order_line"]],
        ["product_id"],
    )
    response = api.request("portal_a", "GET", f"/customer/{world.customer_a}")
    body = conforms(response)
    assert body["summary"]["order_count"] == len(orders) == 2
    assert body["summary"]["spend_untaxed"] == pytest.approx(
        sum(o["amount_untaxed"] for o in orders), rel=1e-6
    )
    assert body["summary"]["spend_total"] == pytest.approx(
        sum(o["amount_total"] for o in orders), rel=1e-6
    )
    assert {p["product_id"] for p in body["products"]} == {line["product_id"][0] for line in lines}
    assert len(body["monthly_trend"]) in (12, 13)
    assert sum(m["orders"] for m in body["monthly_trend"]) == 2


def _partner_of(world, customer_id):
    return world.admin.call("b2b.customer", "read", [customer_id], ["partner_id"])[0]["partner_id"][
        0
    ]


BAD_QUERIES = [
    ("/dashboard", {"date_from": "2024-13-01"}, "date_from"),
    ("/dashboard", {"date_to": "yesterday"}, "date_to"),
    ("/dashboard", {"compare": "last_week"}, "compare"),
    ("/dashboard", {"date_from": "2024-02-01", "date_to": "2024-01-01"}, "date_from"),
    ("/dashboard", TEN_YEARS_AND_MORE, "10 years"),
    ("/dashboard", {"date_from": "0001-01-01"}, "date_from"),
    ("/dashboard", {"limit": "5"}, "limit"),
    ("/customer/abc", {}, "customer_id"),
    ("/customer/0", {}, "customer_id"),
    ("/customer/99999999999", {}, "customer_id"),
    ("/customer/{A}", {"date_to": "2024-02-30"}, "date_to"),
    ("/customer/{A}", TEN_YEARS_AND_MORE, "10 years"),
    ("/customer/{A}", {"compare": "none"}, "compare"),
]


@pytest.mark.parametrize(
    ("path", "params", "named"), BAD_QUERIES, ids=[f"{p}-{'&'.join(q)}" for p, q, _n in BAD_QUERIES]
)
def test_bad_query_parameters(api, world, conforms, path, params, named):
    response = api.request(
        "manager", "GET", path.replace("{A}", str(world.customer_a)), params=params
    )
    assert response.status_code == 400, response.text
    body = conforms(response)
    assert body["error"]["code"] == "invalid_parameter"
    assert named in body["error"]["message"]


BAD_BODIES = [
    ("not json", "JSON object"),
    ("[1, 2]", "JSON object"),
    ("{}", "report"),
    ('{"report": "sales"}', "report"),
    ('{"report": "executive", "format": "docx"}', "format"),
    ('{"report": "customer"}', "customer_id"),
    ('{"report": "customer", "customer_id": "x"}', "customer_id"),
    ('{"report": "customer", "customer_id": -3}', "customer_id"),
    ('{"report": "executive", "customer_id": 1}', "customer_id"),
    ('{"report": "executive", "colour": "red"}', "colour"),
    ('{"report": "executive", "date_from": 20240101}', "date_from"),
    ('{"report": "executive", "date_from": "2010-01-01", "date_to": "2021-01-02"}', "10 years"),
    ('{"report": "rfm", "date_from": "2024-01-01"}', "date_from"),
    ("[" * 5000 + "]" * 5000, "JSON object"),
    ('{"report": "executive", "pad": "%s"}' % ("x" * 20000), "body"),
]


@pytest.mark.parametrize(("body", "named"), BAD_BODIES, ids=[n for _b, n in BAD_BODIES])
def test_bad_export_bodies(api, conforms, body, named):
    response = api.request(
        "manager",
        "POST",
        "/export",
        data=body.encode(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.text
    body = conforms(response)
    assert body["error"]["code"] == "invalid_parameter"
    assert named in body["error"]["message"]


MAGIC = {"xlsx": b"PK", "pdf": b"%PDF", "csv": b""}
MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv",
}


@pytest.mark.parametrize("file_format", ["xlsx", "pdf", "csv"])
def test_export_files(api, world, conforms, file_format):
    response = api.request(
        "portal_a",
        "POST",
        "/export",
        json={
            "report": "customer",
            "customer_id": world.customer_a,
            "format": file_format,
            "date_from": "2025-01-01",
            "date_to": "2026-12-31",
        },
    )
    assert response.status_code == 200, response.text
    conforms(response)
    assert response.headers["Content-Type"].split(";")[0] == MIMETYPES[file_format]
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and f".{file_format}" in disposition
    assert response.content.startswith(MAGIC[file_format]) and len(response.content) > 50


def test_oversized_export_is_refused(api, world, conforms):
    params = world.admin
    params.call("ir.config_parameter", "set_param", "smart_dairy_b2b.api_export_max_bytes", "200")
    try:
        response = api.request(
            "manager", "POST", "/export", json={"report": "executive", "format": "xlsx"}
        )
    finally:
        params.call(
            "ir.config_parameter", "set_param", "smart_dairy_b2b.api_export_max_bytes", False
        )
    assert response.status_code == 400, response.text
    body = conforms(response)
    assert body["error"]["code"] == "export_too_large"
    assert "date_from" in body["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/dashboard", "GET"),
        ("POST", "/customer/1", "GET"),
        ("DELETE", "/customer/1", "GET"),
        ("GET", "/export", "POST"),
        ("PATCH", "/openapi.json", "GET"),
    ],
)
def test_wrong_methods(api, conforms, method, path, allowed):
    response = api.request("manager", method, path)
    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert conforms(response)["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ",
        "Bearer " + "f" * 40,
        "Bearer short",
        "bearer " + "0" * 8 + "x" * 32,
    ],
)
def test_bad_credentials(api, world, conforms, header):
    response = api.request("anonymous", "GET", "/dashboard", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert conforms(response)["error"]["code"] == "unauthenticated"


def test_bad_key_is_not_rescued_by_a_session(api, world, conforms):
    """A Bearer header is tried first: a wrong key with a valid session is refused."""
    response = api.request(
        "manager",
        "GET",
        "/dashboard",
        via="session",
        headers={"Authorization": "Bearer " + "1" * 40},
    )
    assert response.status_code == 401
    conforms(response)


def test_other_authorization_schemes_fall_back_to_the_session(api, conforms):
    response = api.request(
        "manager",
        "GET",
        "/dashboard",
        via="session",
        headers={"Authorization": "Basic Zm9vOmJhcg=="},
    )
    assert response.status_code == 200
    conforms(response)
