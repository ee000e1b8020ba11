import base64
import io

from openpyxl import load_workbook

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalAnalytics(HttpCase):
    """My Account → My Analytics for the contacts of two B2B customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=company.ids, tracking_disable=True)
        )
        Tier = env["b2b.customer.tier"]
        cls.silver = Tier.create(
            {
                "name": "Portal Silver",
                "code": "PSV",
                "sequence": 1,
                "min_annual_spend": 0,
                "company_id": company.id,
            }
        )
        cls.gold = Tier.create(
            {
                "name": "Portal Gold",
                "code": "PGD",
                "sequence": 2,
                "min_annual_spend": 10000,
                "company_id": company.id,
            }
        )
        cls.cheese = env["product.product"].create(
            {"name": "Portal Cheese 200g", "list_price": 250.0, "taxes_id": False}
        )
        cls.customers, cls.users = {}, {}
        for key, name in (("shop", "Tour Dairy Shop"), ("hotel", "Tour Rival Hotel")):
            partner = env["res.partner"].create({"name": name, "is_company": True})
            contact = env["res.partner"].create(
                {"name": f"{name} buyer", "parent_id": partner.id, "email": f"{key}@tour.test"}
            )
            cls.customers[key] = env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "tier_id": cls.silver.id,
                    "company_id": company.id,
                    "customer_type": "retailer",
                    "state": "approved",
                }
            )
            cls.users[key] = new_test_user(
                env,
                login=f"b2b_portal_{key}",
                groups="base.group_portal",
                partner_id=contact.id,
                company_id=company.id,
            )
        for key, quantities in (("shop", (8, 4)), ("hotel", (30,))):
            for qty in quantities:
                order = env["sale.order"].create(
                    {
                        "partner_id": cls.customers[key].partner_id.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": cls.cheese.id,
                                    "product_uom_qty": qty,
                                    "price_unit": 250.0,
                                }
                            )
                        ],
                    }
                )
                order.action_confirm()

    def _data(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request("/my/analytics/data", {})

    def test_portal_tour(self):
        self.start_tour("/my", "smart_dairy_b2b_portal_tour", login="b2b_portal_shop")

    def test_data_is_the_users_own_customer(self):
        data = self._data("b2b_portal_shop")
        self.assertEqual(data["customer"]["id"], self.customers["shop"].id)
        self.assertEqual(data["summary"]["order_count"], 2)
        self.assertAlmostEqual(data["summary"]["total_revenue"], 12 * 250.0)
        progress = data["tier_progress"]
        self.assertEqual((progress["current"], progress["next"]), ("Portal Silver", "Portal Gold"))
        self.assertAlmostEqual(progress["percent"], 3000 / 10000 * 100)
        self.assertAlmostEqual(progress["remaining"], 7000)
        self.assertEqual(
            [o["name"] for o in data["recent_orders"]],
            self.customers["shop"]
            .sale_order_ids.sorted(lambda o: (o.date_order, o.id), reverse=True)
            .mapped("name"),
        )
        rival = self._data("b2b_portal_hotel")
        self.assertEqual(rival["customer"]["id"], self.customers["hotel"].id)
        self.assertEqual(rival["summary"]["order_count"], 1)

    def test_report_download(self):
        self.authenticate("b2b_portal_shop", "b2b_portal_shop")
        response = self.url_open("/my/analytics/report?format=xlsx", timeout=60)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertTrue(response.headers["Content-Disposition"].startswith("attachment"))
        cells = {
            str(cell.value)
            for sheet in load_workbook(io.BytesIO(response.content)).worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        }
        self.assertTrue(any("Tour Dairy Shop" in value for value in cells))
        self.assertFalse(any("Tour Rival Hotel" in value for value in cells))
        # PDF downloads are checked by tests/e2e: wkhtmltopdf fetches the report's assets
        # from the server, which HttpCase's serialised test cursor cannot serve meanwhile.
        self.assertEqual(self.url_open("/my/analytics/report?format=exe").status_code, 404)

    def test_home_entry_only_for_b2b_contacts(self):
        self.authenticate("b2b_portal_shop", "b2b_portal_shop")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["b2b_analytics_count"]})
        self.assertEqual(counters["b2b_analytics_count"], 1)
        loner = new_test_user(self.env, login="b2b_portal_loner", groups="base.group_portal")
        self.authenticate(loner.login, loner.login)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["b2b_analytics_count"]})
        self.assertEqual(counters["b2b_analytics_count"], 0)
        self.assertEqual(self.url_open("/my/analytics").status_code, 404)
        self.assertEqual(self.url_open("/my/analytics/report?format=pdf").status_code, 404)

    def test_export_service_content_matches_the_download(self):
        """The portal route serves the export service's file for the user's customer."""
        self.authenticate("b2b_portal_shop", "b2b_portal_shop")
        served = self.url_open("/my/analytics/report?format=xlsx", timeout=60)
        expected = (
            self.env["b2b.report.export.service"]
            .with_user(self.users["shop"])
            .export_customer_report(self.customers["shop"].id, format="xlsx")
        )
        self.assertEqual(served.headers["Content-Type"], expected["mimetype"])
        self.assertIn(
            expected["filename"].split(".")[0][:10], served.headers["Content-Disposition"]
        )
        self.assertGreater(len(base64.b64decode(expected["content"])), 0)
