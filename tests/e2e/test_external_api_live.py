"""Odoo's External API, as an integration uses it: every public method of the analytics
service over XML-RPC (``/xmlrpc/2/object``) and JSON-RPC (``/jsonrpc``), as a manager
and as a salesperson, with the same answers ("no value": ``null`` over JSON-RPC,
``False`` over XML-RPC, docs/api.md) and the salesperson's restricted to their
customers."""

import xmlrpc.client

import pytest
import requests

pytestmark = pytest.mark.live

SERVICE = "b2b.analytics.service"


def as_xmlrpc(value):
    """A JSON-RPC answer as XML-RPC carries it: null becomes False."""
    if value is None:
        return False
    if isinstance(value, dict):
        return {key: as_xmlrpc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_xmlrpc(item) for item in value]
    return value


class ExternalApi:
    """One user's plain External API clients, as Odoo's documentation shows them."""

    def __init__(self, world, role):
        self.db, self.uid = world.db, world.extra["user_ids"][role]
        self.password = world.roles[role].password
        self.url = world.url
        self.xmlrpc = xmlrpc.client.ServerProxy(f"{world.url}/xmlrpc/2/object")

    def over_xmlrpc(self, model, method, args, kwargs):
        return self.xmlrpc.execute_kw(self.db, self.uid, self.password, model, method, args, kwargs)

    def over_jsonrpc(self, model, method, args, kwargs):
        response = requests.post(
            f"{self.url}/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [self.db, self.uid, self.password, model, method, args, kwargs],
                },
            },
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        assert "error" not in body, body["error"]
        return body["result"]


def public_calls(customer_id):
    period = {"date_from": "2024-01-01", "date_to": "2026-12-31"}
    return [
        ("get_executive_dashboard", [], dict(period, compare="previous_year")),
        ("get_executive_dashboard", [], {"compare": "none"}),
        ("get_customer_summary", [customer_id], period),
        ("calculate_clv", [customer_id], {}),
        ("get_spend_analytics", [], dict(period, group_by="customer")),
        ("get_product_performance", [], dict(period, limit=5)),
        ("get_trend", ["orders", "month"], dict(period, forecast_periods=2, filters=False)),
        ("get_rfm_segments", [], {"as_of": False}),
        ("get_cohort_retention", [], period),
        ("get_purchase_patterns", [], dict(period, customer_id=customer_id)),
        ("get_model_fit", [], {"refresh": False}),
    ]


@pytest.mark.parametrize("role", ["manager", "analyst"])
def test_every_public_method_over_xmlrpc_and_jsonrpc(world, role):
    client = ExternalApi(world, role)
    for method, args, kwargs in public_calls(world.customer_a):
        over_xml = client.over_xmlrpc(SERVICE, method, args, kwargs)
        over_json = client.over_jsonrpc(SERVICE, method, args, kwargs)
        assert over_xml == as_xmlrpc(over_json), method


def test_salesperson_sees_only_their_customers(world):
    analyst, manager = ExternalApi(world, "analyst"), ExternalApi(world, "manager")
    visible = set(analyst.over_xmlrpc("b2b.customer", "search", [[]], {}))
    assert world.customer_a in visible and world.customer_b not in visible
    period = {"date_from": "2024-01-01", "date_to": "2026-12-31"}
    spend = analyst.over_xmlrpc(SERVICE, "get_spend_analytics", [], period)
    assert {row["key"] for row in spend["rows"]} <= visible
    assert world.customer_a in {row["key"] for row in spend["rows"]}
    everything = manager.over_xmlrpc(SERVICE, "get_spend_analytics", [], period)
    assert world.customer_b in {row["key"] for row in everything["rows"]}
    rfm = analyst.over_xmlrpc(SERVICE, "get_rfm_segments", [], {})
    assert {row["customer_id"] for row in rfm["customers"]} <= visible
    assert rfm["population"] == len(rfm["customers"])
    assert rfm["ranking_population"] is False or rfm["ranking_population"] >= rfm["population"]
    with pytest.raises(xmlrpc.client.Fault, match="No B2B customer"):
        analyst.over_xmlrpc(SERVICE, "get_customer_summary", [world.customer_b], {})
    with pytest.raises(xmlrpc.client.Fault, match="managers"):
        analyst.over_xmlrpc(SERVICE, "get_model_fit", [], {"refresh": True})
    with pytest.raises(xmlrpc.client.Fault, match="date_from must be a date"):
        analyst.over_xmlrpc(SERVICE, "get_executive_dashboard", [], {"date_from": "2026-W10-1"})


@pytest.mark.parametrize("role", ["portal_a", "employee"])
def test_portal_and_employee_get_no_method(world, role):
    client = ExternalApi(world, role)
    for method, args, kwargs in public_calls(world.customer_a):
        with pytest.raises(xmlrpc.client.Fault, match="B2B Analytics group"):
            client.over_xmlrpc(SERVICE, method, args, kwargs)
