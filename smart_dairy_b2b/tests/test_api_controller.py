import json

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

API = "/api/v1/b2b/analytics"


@tagged("post_install", "-at_install")
class TestAnalyticsApi(HttpCase):
    """The HTTP API inside Odoo's test server (the full matrix runs in tests/e2e)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=company.ids, tracking_disable=True)
        )
        product = env["product.product"].create({"name": "API Butter", "list_price": 80.0})
        cls.customers, cls.keys = {}, {}
        for key in ("shop", "hotel"):
            partner = env["res.partner"].create({"name": f"API {key}", "is_company": True})
            contact = env["res.partner"].create(
                {"name": f"API {key} buyer", "parent_id": partner.id}
            )
            cls.customers[key] = env["b2b.customer"].create(
                {"partner_id": partner.id, "company_id": company.id, "user_id": False}
            )
            portal = new_test_user(
                env,
                login=f"api_portal_{key}",
                groups="base.group_portal",
                partner_id=contact.id,
                company_id=company.id,
            )
            cls.keys[f"portal_{key}"] = cls._key(portal)
            order = env["sale.order"].create(
                {
                    "partner_id": contact.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 5})
                    ],
                }
            )
            order.action_confirm()
        cls.keys["analyst"] = cls._key(
            new_test_user(
                env,
                login="api_analyst",
                groups="base.group_user,smart_dairy_b2b.group_b2b_user",
                company_id=company.id,
            )
        )
        cls.keys["employee"] = cls._key(
            new_test_user(
                env, login="api_employee", groups="base.group_user", company_id=company.id
            )
        )

    @classmethod
    def _key(cls, user):
        return cls.env["res.users.apikeys"].with_user(user)._generate(None, "test")

    def call(self, role, path, method="GET", body=None, params=""):
        headers = {"Authorization": f"Bearer {self.keys[role]}"} if role else {}
        if body is not None:
            headers["Content-Type"] = "application/json"
        return self.opener.request(
            method,
            self.base_url() + API + path + params,
            headers=headers,
            data=json.dumps(body) if body is not None else None,
            timeout=60,
        )

    def assertError(self, response, status, code):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        self.assertEqual(set(response.json()), {"error"})
        self.assertEqual(response.json()["error"]["code"], code)
        return response.json()["error"]["message"]

    def test_authentication_and_roles(self):
        shop, hotel = self.customers["shop"].id, self.customers["hotel"].id
        self.assertError(self.call(None, "/dashboard"), 401, "unauthenticated")
        self.keys["bad"] = "0" * 40
        self.assertError(self.call("bad", "/dashboard"), 401, "unauthenticated")
        self.assertError(self.call("employee", "/dashboard"), 403, "forbidden")
        self.assertError(self.call("portal_shop", "/dashboard"), 403, "forbidden")
        dashboard = self.call("analyst", "/dashboard")
        self.assertEqual(dashboard.status_code, 200, dashboard.text)
        self.assertIn("kpis", dashboard.json())
        own = self.call("portal_shop", f"/customer/{shop}")
        self.assertEqual(own.status_code, 200, own.text)
        self.assertEqual(own.json()["customer"]["id"], shop)
        self.assertEqual(own.json()["summary"]["order_count"], 1)
        other = self.assertError(self.call("portal_shop", f"/customer/{hotel}"), 404, "not_found")
        missing = self.assertError(
            self.call("portal_shop", "/customer/2147000000"), 404, "not_found"
        )
        self.assertEqual(other.replace(str(hotel), "N"), missing.replace("2147000000", "N"))

    def test_session_cookie(self):
        self.authenticate("api_portal_shop", "api_portal_shop")
        response = self.url_open(f"{API}/customer/{self.customers['shop'].id}")
        self.assertEqual(response.status_code, 200, response.text)

    def test_bad_parameters_are_named(self):
        message = self.assertError(
            self.call("analyst", "/dashboard", params="?compare=weekly"), 400, "invalid_parameter"
        )
        self.assertIn("compare", message)
        message = self.assertError(
            self.call("analyst", "/dashboard", params="?date_from=2000-01-01&date_to=2020-01-01"),
            400,
            "invalid_parameter",
        )
        self.assertIn("10 years", message)
        message = self.assertError(self.call("analyst", "/customer/x1"), 400, "invalid_parameter")
        self.assertIn("customer_id", message)
        self.assertError(
            self.call("analyst", "/dashboard", method="POST"), 405, "method_not_allowed"
        )

    def test_dates_and_ids_are_checked_like_the_service(self):
        """The API reuses the service's checks: no ISO week dates, years 1900-2999,
        32-bit ids; a date_to alone keeps the default span."""
        for params, named in (
            ("?date_from=2026-W10-1", "date_from"),
            ("?date_from=0001-01-01", "date_from"),
            ("?date_to=9999-12-31", "date_to"),
            ("?compare=none&date_from=2026-061", "date_from"),
        ):
            message = self.assertError(
                self.call("analyst", "/dashboard", params=params), 400, "invalid_parameter"
            )
            self.assertIn(named, message)
        message = self.assertError(
            self.call("analyst", "/customer/99999999999"), 400, "invalid_parameter"
        )
        self.assertIn("customer_id", message)
        response = self.call("analyst", "/dashboard", params="?date_to=2025-03-15&compare=none")
        self.assertEqual(response.status_code, 200, response.text)
        period = response.json()["period"]
        self.assertEqual((period["date_from"], period["date_to"]), ("2025-03-01", "2025-03-15"))
        self.assertIsNone(response.json()["kpis"]["retention_rate"]["value"])

    def test_export(self):
        shop, hotel = self.customers["shop"].id, self.customers["hotel"].id
        body = {"report": "customer", "customer_id": shop, "format": "csv"}
        response = self.call("portal_shop", "/export", "POST", body)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
        self.assertTrue(response.headers["Content-Disposition"].startswith("attachment"))
        self.assertError(
            self.call("portal_shop", "/export", "POST", dict(body, customer_id=hotel)),
            404,
            "not_found",
        )
        self.assertError(
            self.call("portal_shop", "/export", "POST", {"report": "executive"}), 403, "forbidden"
        )
        message = self.assertError(
            self.call("analyst", "/export", "POST", {"report": "executive", "format": "doc"}),
            400,
            "invalid_parameter",
        )
        self.assertIn("format", message)

    def test_openapi_document(self):
        response = self.url_open(f"{API}/openapi.json")
        self.assertEqual(response.status_code, 200)
        document = response.json()
        self.assertEqual(document["openapi"], "3.1.0")
        self.assertIn(f"{API}/customer/{{customer_id}}", document["paths"])

    def test_overdue_endpoint(self):
        """The overdue list for analytics users (none of these test customers has a
        rhythm: one order each), refused to the portal and to plain employees."""
        response = self.call("analyst", "/overdue", params="?limit=5")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(set(response.json()), {"as_of", "currency", "customers"})
        self.assertError(self.call("portal_shop", "/overdue"), 403, "forbidden")
        self.assertError(self.call("employee", "/overdue"), 403, "forbidden")
        message = self.assertError(
            self.call("analyst", "/overdue", params="?limit=0"), 400, "invalid_parameter"
        )
        self.assertIn("limit", message)
        message = self.assertError(
            self.call("analyst", "/overdue", params="?since=2026-01-01"), 400, "invalid_parameter"
        )
        self.assertIn("since", message)
        exported = self.call("analyst", "/export", "POST", {"report": "overdue", "format": "csv"})
        self.assertEqual(exported.status_code, 200, exported.text)
        self.assertEqual(exported.headers["Content-Type"].split(";")[0], "text/csv")
        self.assertError(
            self.call("portal_shop", "/export", "POST", {"report": "overdue", "format": "csv"}),
            403,
            "forbidden",
        )
