"""My Account → My Analytics over HTTP, as the portal users' browsers use it."""

import io
import json
import re
import shutil
import subprocess

import pytest
import requests
from openpyxl import load_workbook

pytestmark = pytest.mark.live

# The dairy's internal assessments: a buyer never gets them (docs/security.md).
INTERNAL_WORDS = ("margin", "cost", "clv", "lifetime", "rfm", "segment", "alive", "churn")


def internal_words_in(text):
    text = text.lower()
    return [word for word in INTERNAL_WORDS if re.search(rf"\b{word}", text)]


def _rpc(session, url, path, params=None):
    response = session.post(
        url + path,
        json={"jsonrpc": "2.0", "method": "call", "params": params or {}, "id": 1},
        timeout=120,
    )
    response.raise_for_status()
    return response.json()


@pytest.mark.parametrize(
    ("role", "customer"), [("portal_a", "customer_a"), ("portal_b", "customer_b")]
)
def test_portal_data_is_the_users_own_customer(world, role, customer):
    session = world.roles[role].session
    page = session.get(world.url + "/my/analytics", timeout=60)
    assert page.status_code == 200
    assert 'name="smart_dairy_b2b.portal_analytics"' in page.text
    assert "My Analytics" in page.text  # the breadcrumb
    data = _rpc(session, world.url, "/my/analytics/data")["result"]
    assert data["customer"]["id"] == getattr(world, customer)
    assert {"summary", "monthly_trend", "products", "tier_progress", "recent_orders"} <= set(data)
    assert {"open_balance", "items"} <= set(data["invoices"])
    assert not {"clv", "rfm", "churn"} & set(data)
    assert internal_words_in(json.dumps(data)) == []


def test_portal_rpc_ignores_another_customer_id(world):
    """No parameter of the portal RPC names a customer: it is always the user's own."""
    data = _rpc(
        world.roles["portal_a"].session,
        world.url,
        "/my/analytics/data",
        {"customer_id": world.customer_b},
    )
    assert "error" in data or data["result"]["customer"]["id"] == world.customer_a


def test_portal_counts_orders_of_its_customer(world):
    data = _rpc(world.roles["portal_a"].session, world.url, "/my/analytics/data")["result"]
    assert data["summary"]["order_count"] == 2
    assert len(data["recent_orders"]) == 2
    assert all(order["url"].startswith("/my/orders/") for order in data["recent_orders"])


def _report_text(file_format, content):
    if file_format == "xlsx":
        book = load_workbook(io.BytesIO(content))
        return "\n".join(
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    if file_format == "pdf":
        if not shutil.which("pdftotext"):
            pytest.skip("pdftotext (poppler-utils) reads the PDF back")
        return subprocess.run(
            ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
    return content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("file_format", "mimetype", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("csv", "text/csv", b"\xef\xbb\xbf"),
    ],
)
def test_portal_report_download(world, file_format, mimetype, magic):
    """The buyer's own purchase report: its spend, none of the dairy's assessments."""
    response = world.roles["portal_a"].session.get(
        world.url + "/my/analytics/report", params={"format": file_format}, timeout=180
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith(mimetype)
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.content.startswith(magic)
    text = _report_text(file_format, response.content)
    assert "Spend before taxes" in text
    assert internal_words_in(text) == []
    assert f"E2E Shop B {world.extra['run']}" not in text


def test_home_shows_my_analytics_only_to_b2b_customers(world):
    for role, expected in (("portal_a", 1), ("portal_b", 1), ("employee", 0)):
        counters = _rpc(
            world.roles[role].session,
            world.url,
            "/my/counters",
            {"counters": ["b2b_analytics_count"]},
        )["result"]
        assert counters["b2b_analytics_count"] == expected, role
    assert (
        'href="/my/analytics"'
        in world.roles["portal_a"].session.get(world.url + "/my/home", timeout=60).text
    )


def test_no_b2b_customer_no_page(world):
    """An employee whose company is no B2B customer gets a 404, not someone's data."""
    session = world.roles["employee"].session
    assert session.get(world.url + "/my/analytics", timeout=60).status_code == 404
    assert "error" in _rpc(session, world.url, "/my/analytics/data")
    assert (
        session.get(
            world.url + "/my/analytics/report", params={"format": "pdf"}, timeout=60
        ).status_code
        == 404
    )


def test_anonymous_visitors_are_sent_to_the_login(world):
    response = requests.get(world.url + "/my/analytics", allow_redirects=False, timeout=60)
    assert response.status_code in (302, 303)
    assert "/web/login" in response.headers["Location"]
