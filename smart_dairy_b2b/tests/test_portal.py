"""My Account → My Analytics and the HTTP API, over HTTP, as the portal buyers.

No test here runs as an administrator: each logs in as a buyer of one of two B2B
customers of a dairy built for the test (tests/portal_common.py), or as a portal user
whose company is no B2B customer.
"""

import html
import io
import json
import re

from openpyxl import load_workbook

from odoo.tests import HttpCase, tagged

from .portal_common import (
    INTERNAL_WORDS,
    SHOP_OPEN_BALANCE,
    SHOP_SPEND_TOTAL,
    SHOP_SPEND_UNTAXED,
    build_portal_world,
)

API = "/api/v1/b2b/analytics"


def internal_words_in(text):
    text = text.lower()
    return [word for word in INTERNAL_WORDS if re.search(rf"\b{re.escape(word)}", text)]


@tagged("post_install", "-at_install")
class TestPortalAnalytics(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        build_portal_world(cls)
        cls.keys = {
            key: cls.env["res.users.apikeys"].with_user(user)._generate(None, "test")
            for key, user in cls.users.items()
        }

    def _data(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request("/my/analytics/data", {})

    def test_portal_tour(self):
        self.start_tour("/my", "smart_dairy_b2b_portal_tour", login="b2b_portal_shop")

    def test_page_dates_in_the_buyers_language(self):
        """The page's script formats dates and numbers in the buyer's language: the
        page's <html> has no lang without the website module (a British buyer read
        "Dec 2, 2026")."""
        self.env["res.lang"]._activate_lang("en_GB")
        self.users["shop"].lang = "en_GB"
        self.authenticate("b2b_portal_shop", "b2b_portal_shop")
        page = self.url_open("/my/analytics").text
        props = html.unescape(re.search(r'props="([^"]*)"', page).group(1))
        self.assertEqual(json.loads(props)["locale"], "en-GB")

    def test_data_is_the_buyers_own_view(self):
        data = self._data("b2b_portal_shop")
        self.assertEqual(data["customer"]["id"], self.customers["shop"].id)
        self.assertEqual(data["summary"]["order_count"], 2)
        self.assertAlmostEqual(data["summary"]["spend_untaxed"], SHOP_SPEND_UNTAXED)
        self.assertAlmostEqual(data["summary"]["spend_total"], SHOP_SPEND_TOTAL)
        self.assertAlmostEqual(data["invoices"]["open_balance"], SHOP_OPEN_BALANCE)
        # Finding 3: the old answer was the internal customer summary.
        self.assertFalse({"clv", "rfm", "churn", "top_products"} & set(data))
        self.assertNotIn("total_margin", data["summary"])
        self.assertEqual(internal_words_in(json.dumps(data)), [])
        self.assertNotIn("Tour Rival Hotel", json.dumps(data))
        rival = self._data("b2b_portal_hotel")
        self.assertEqual(rival["customer"]["id"], self.customers["hotel"].id)
        self.assertEqual(rival["summary"]["order_count"], 1)

    def _rpc_error(self, route, params):
        """The message of the JSON-RPC error a route answers."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 0, "params": params}
        response = self.url_open(
            route, json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        return response.json()["error"]["data"]["message"]

    def test_data_takes_no_customer_from_the_request(self):
        self.authenticate("b2b_portal_shop", "b2b_portal_shop")
        data = self.make_jsonrpc_request(
            "/my/analytics/data", {"customer_id": self.customers["hotel"].id}
        )
        self.assertEqual(data["customer"]["id"], self.customers["shop"].id)  # ignored

    def test_report_download(self):
        self.authenticate("b2b_portal_shop", "b2b_portal_shop")
        response = self.url_open("/my/analytics/report?format=xlsx", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertTrue(response.headers["Content-Disposition"].startswith("attachment"))
        book = load_workbook(io.BytesIO(response.content))
        text = "\n".join(
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
        # Finding 3: the buyer's file listed the dairy's margin, CLV, RFM and churn.
        self.assertEqual(internal_words_in(text), [])
        self.assertIn("Tour Dairy Shop", text)
        self.assertNotIn("Tour Rival Hotel", text)
        figures = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=5)}
        self.assertAlmostEqual(figures["Spend before taxes"], SHOP_SPEND_UNTAXED)
        self.assertAlmostEqual(figures["Open balance"], SHOP_OPEN_BALANCE)
        csv_file = self.url_open("/my/analytics/report?format=csv", timeout=60)
        self.assertEqual(csv_file.status_code, 200)
        self.assertEqual(internal_words_in(csv_file.content.decode("utf-8-sig")), [])
        # PDF downloads are checked by tests/e2e and test_portal_analytics: wkhtmltopdf
        # fetches the report's assets from the server, which HttpCase's serialised test
        # cursor cannot serve meanwhile.
        self.assertEqual(self.url_open("/my/analytics/report?format=exe").status_code, 404)

    def test_portal_user_without_b2b_customer(self):
        self.authenticate("b2b_portal_loner", "b2b_portal_loner")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["b2b_analytics_count"]})
        self.assertEqual(counters["b2b_analytics_count"], 0)
        page = self.url_open("/my/analytics")
        self.assertEqual(page.status_code, 404)
        self.assertIn("not linked to one of our B2B customers", page.text)
        self.assertIn("not linked to a B2B customer", self._rpc_error("/my/analytics/data", {}))
        self.assertEqual(self.url_open("/my/analytics/report?format=pdf").status_code, 404)
        self.authenticate("b2b_portal_shop", "b2b_portal_shop")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["b2b_analytics_count"]})
        self.assertEqual(counters["b2b_analytics_count"], 1)

    # The HTTP API as a buyer -------------------------------------------------------------

    def api(self, key, path, method="GET", body=None):
        headers = {"Authorization": f"Bearer {self.keys[key]}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        return self.opener.request(
            method,
            self.base_url() + API + path,
            headers=headers,
            data=json.dumps(body) if body is not None else None,
            timeout=60,
        )

    def test_api_customer_is_the_customer_facing_view(self):
        shop, hotel = self.customers["shop"].id, self.customers["hotel"].id
        response = self.api("shop", f"/customer/{shop}")
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        # Finding 3: the API gave a buyer the internal summary (margin, CLV, RFM, churn).
        self.assertEqual(internal_words_in(response.text), [])
        self.assertAlmostEqual(body["summary"]["spend_untaxed"], SHOP_SPEND_UNTAXED)
        self.assertAlmostEqual(body["invoices"]["open_balance"], SHOP_OPEN_BALANCE)
        other = self.api("shop", f"/customer/{hotel}")
        missing = self.api("shop", "/customer/2147000000")
        self.assertEqual((other.status_code, missing.status_code), (404, 404))
        self.assertEqual(
            re.sub(rf"\b{hotel}\b", "N", other.json()["error"]["message"]),
            missing.json()["error"]["message"].replace("2147000000", "N"),
        )
        self.assertEqual(self.api("shop", "/dashboard").status_code, 403)

    def test_api_export_is_the_buyers_own_report(self):
        shop, hotel = self.customers["shop"].id, self.customers["hotel"].id
        body = {"report": "customer", "customer_id": shop, "format": "csv"}
        response = self.api("shop", "/export", "POST", body)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
        text = response.content.decode("utf-8-sig")
        # Finding 3: the API's customer export carried the internal assessments.
        self.assertEqual(internal_words_in(text), [])
        self.assertIn("Spend before taxes", text)
        other = self.api("shop", "/export", "POST", dict(body, customer_id=hotel))
        self.assertEqual(other.status_code, 404, other.text)
        for report in ("executive", "products", "rfm", "campaigns"):
            refused = self.api("shop", "/export", "POST", {"report": report, "format": "csv"})
            self.assertEqual(refused.status_code, 403, report)
