"""Results kept between calls, through real commits: the call right after an order
reads the kept results again only for what the order changed (the ordering customer's
statistics; the months before this one not at all for an order of today), and answers
exactly what a computation from nothing answers (after a rebuild of the facts, which
discards every kept result)."""

import time
from datetime import date, datetime, timedelta, timezone

import pytest

pytestmark = pytest.mark.live

SERVICE = "b2b.analytics.service"


def _rebuild(b2b_facts):
    """Rebuild the facts in another process (committed): every kept result is stale."""
    result = b2b_facts("--rebuild")
    assert result.returncode == 0, result.stdout + result.stderr


def _settled_fit(admin):
    """The stored model parameters, once the refit cron is no longer due (installation
    makes it due, and the live server's cron thread runs it soon after starting): the
    predictions compared below must all use the same parameters."""
    cron = admin.ref("smart_dairy_b2b.b2b_model_fit_cron")
    deadline = time.monotonic() + 180
    while True:
        (nextcall,) = admin.call("ir.cron", "read", [cron], ["nextcall"])
        due = nextcall["nextcall"] <= datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        if not due and not admin.call("ir.cron.trigger", "search_count", [("cron_id", "=", cron)]):
            return admin.call(SERVICE, "get_model_fit")
        if time.monotonic() > deadline:
            pytest.fail("the refit cron stayed due")
        time.sleep(1)


def _answers(admin, customer_id):
    """What the screens show of the company and of one customer, predictions included."""
    dashboard = admin.call(SERVICE, "get_executive_dashboard")
    summary = admin.call(SERVICE, "get_customer_summary", customer_id)
    return {
        "at_risk": dashboard["at_risk_customers"],
        "forecast": dashboard["forecast"],
        "last_year": dashboard["revenue_trend_last_year"],
        "rfm": admin.call(SERVICE, "get_rfm_segments"),
        "customer": {key: summary[key] for key in ("summary", "clv", "rfm", "churn", "rhythm")},
    }


def _order(world, partner_id, day=None):
    """A confirmed order of ``partner_id`` (dated ``day`` when given), committed."""
    admin = world.admin
    order = admin.call(
        "sale.order",
        "create",
        {
            "partner_id": partner_id,
            "company_id": world.company_id,
            "order_line": [
                (0, 0, {"product_id": world.extra["products"][0], "product_uom_qty": 9})
            ],
        },
    )
    admin.call("sale.order", "action_confirm", [order])
    if day:
        admin.call("sale.order", "write", [order], {"date_order": f"{day} 06:00:00"})
    return order


def test_the_call_after_an_order_equals_a_fresh_computation(world, b2b_facts):
    admin = world.admin
    fit = _settled_fit(admin)
    at_risk = admin.call(SERVICE, "get_executive_dashboard")["at_risk_customers"]
    assert at_risk, "the demo has customers at risk"
    customer = at_risk[0]["customer_id"]
    partner = admin.call("b2b.customer", "read", [customer], ["partner_id"])[0]["partner_id"][0]
    kept = _answers(admin, customer)
    assert _answers(admin, customer) == kept  # read again from what is kept

    # an order of today: the customer is no longer silent, the past months unchanged
    _order(world, partner)
    after = _answers(admin, customer)
    assert after["customer"]["summary"]["days_since_last_order"] == 0
    rfm_row = next(r for r in after["rfm"]["customers"] if r["customer_id"] == customer)
    assert rfm_row["recency_days"] == 0
    assert all(
        r["days_since_last_order"] == 0 for r in after["at_risk"] if r["customer_id"] == customer
    )
    assert after["at_risk"] != kept["at_risk"]
    assert (after["forecast"], after["last_year"]) == (kept["forecast"], kept["last_year"])
    _rebuild(b2b_facts)
    assert _answers(admin, customer) == after

    # an order of last month: the months before this one change, the forecast with them
    last_month = (date.today().replace(day=1) - timedelta(days=1)).replace(day=10)
    _order(world, partner, last_month.isoformat())
    back_dated = _answers(admin, customer)
    assert back_dated["forecast"] != after["forecast"]
    _rebuild(b2b_facts)
    assert _answers(admin, customer) == back_dated
    assert admin.call(SERVICE, "get_model_fit") == fit  # the same parameters throughout
