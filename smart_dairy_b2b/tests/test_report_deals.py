"""The Channels & Campaigns report and the executive report's discounts and channels
sections, read back from their XLSX, PDF and CSV files; the campaigns report over the
HTTP API. Expected figures worked out by hand from the orders below."""

import csv
import io
import json

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .test_report_export import OCTOBER, ReportExportCase


@tagged("post_install", "-at_install")
class TestDealsReports(ReportExportCase):
    """October 2026: the shop (Bronze) orders 900 and 1,900 through Van Sales without a
    campaign; the hotel (Gold), new in October, 2,600 and 1,080 (10 x 120 less 10 %)
    through Key Accounts with the Winter Ghee Push. September: the shop's 1,800, Van
    Sales, with the Winter Ghee Push."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.van = cls.env["crm.team"].create({"name": "Van Sales", "company_id": cls.company.id})
        cls.key_accounts = cls.env["crm.team"].create(
            {"name": "Key Accounts", "company_id": cls.company.id}
        )
        cls.ghee_push = cls.env["utm.campaign"].create({"name": "Winter Ghee Push"})
        _june, september, october_3, october_17, hotel_10 = cls.orders
        september.write({"team_id": cls.van.id, "campaign_id": cls.ghee_push.id})
        (october_3 | october_17).write({"team_id": cls.van.id, "campaign_id": False})
        hotel_20 = cls.add_order(cls.hotel, "2026-10-20 04:00:00", [(cls.yogurt, 10, 120)])
        hotel_20.order_line.discount = 10
        (hotel_10 | hotel_20).write(
            {"team_id": cls.key_accounts.id, "campaign_id": cls.ghee_push.id}
        )

    def test_campaigns_report_files(self):
        # (XLSX percentages are fractions shown with Excel's percent format)
        result = self.export.export_report("campaigns", "xlsx", *OCTOBER)
        self.assertEqual(result["filename"], "campaigns_2026-10-01_2026-10-31.xlsx")
        book, _content = self.workbook(result)
        self.assertEqual(
            book.sheetnames,
            [
                "Overview",
                "Campaigns",
                "Revenue by Sales Team",
                "Revenue by Medium",
                "Monthly Revenue by Sales Team",
            ],
        )
        campaigns = {row["Campaign"]: row for row in self.table(book["Campaigns"])}
        push, none = campaigns["Winter Ghee Push"], campaigns["No campaign"]
        self.assertAlmostEqual(push["Revenue"], 3680.0)
        self.assertEqual(push["Orders"], 2)
        self.assertEqual(push["Customers"], 1)
        self.assertEqual(push["Acquired customers"], 1)  # the hotel's first order
        self.assertAlmostEqual(push["Previous revenue"], 1800.0)
        self.assertAlmostEqual(push["Change %"], (3680 - 1800) / 1800)
        self.assertAlmostEqual(push["Average order value"], 1840.0)
        self.assertAlmostEqual(none["Revenue"], 2800.0)
        self.assertEqual(none["Acquired customers"], 0)  # the shop's first order: June
        self.assertIsNone(none["Change %"])
        teams = {row["Name"]: row for row in self.table(book["Revenue by Sales Team"])}
        self.assertAlmostEqual(teams["Van Sales"]["Revenue"], 2800.0)
        self.assertAlmostEqual(teams["Van Sales"]["Change %"], (2800 - 1800) / 1800)
        self.assertAlmostEqual(teams["Key Accounts"]["Share %"], 3680 / 6480)

        rows = self.csv_rows(self.export.export_report("campaigns", "csv", *OCTOBER))
        self.assertEqual(rows[0][:3], ["Campaign", "Orders", "Revenue (BDT)"])
        self.assertEqual(rows[1][:3], ["Winter Ghee Push", "2", "3680.00"])

        text, _layout = self.pdf(self.export.export_report("campaigns", "pdf", *OCTOBER))
        self.assertIn("Channels & Campaigns Report", text)
        self.assertIn(f"Winter Ghee Push 2 {self.money(3680.0)}", text)

    def test_executive_report_has_discounts_and_channels(self):
        book, _content = self.workbook(self.export.export_executive_report("xlsx", *OCTOBER))
        self.assertEqual(book.sheetnames[-2:], ["Discounts by Tier", "Revenue by Sales Team"])
        tiers = {row["Tier"]: row for row in self.table(book["Discounts by Tier"])}
        self.assertAlmostEqual(tiers["Gold"]["Discount"], 120.0)
        self.assertAlmostEqual(tiers["Gold"]["Gross"], 3800.0)
        self.assertAlmostEqual(tiers["Gold"]["Discount %"], 120 / 3800)
        self.assertAlmostEqual(tiers["Gold"]["Tier discount %"], 0.05)
        self.assertAlmostEqual(tiers["Bronze"]["Discount"], 0.0)
        self.assertAlmostEqual(tiers["Bronze"]["Orders per customer"], 2.0)
        text, _layout = self.pdf(self.export.export_executive_report("pdf", *OCTOBER))
        self.assertIn("Discounts by Tier", text)
        self.assertIn(f"Key Accounts {self.money(3680.0)}", text)

    def test_salesperson_exports_only_their_customers(self):
        # the shop is theirs; the hotel is the administrator's
        export = self.export.with_user(self.manager_a)
        book, _content = self.workbook(export.export_report("campaigns", "xlsx", *OCTOBER))
        campaigns = {row["Campaign"]: row for row in self.table(book["Campaigns"])}
        self.assertAlmostEqual(campaigns["No campaign"]["Revenue"], 2800.0)
        self.assertAlmostEqual(campaigns["Winter Ghee Push"]["Revenue"], 0.0)
        self.assertAlmostEqual(campaigns["Winter Ghee Push"]["Previous revenue"], 1800.0)


@tagged("post_install", "-at_install")
class TestDealsApi(HttpCase):
    """POST /export with report "campaigns", as a manager's API key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        manager = new_test_user(
            cls.env,
            login="deals_api_manager",
            groups="sales_team.group_sale_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        cls.key = cls.env["res.users.apikeys"].with_user(manager)._generate(None, "test")

    def post(self, body):
        return self.opener.post(
            self.base_url() + "/api/v1/b2b/analytics/export",
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"},
            data=json.dumps(body),
            timeout=60,
        )

    def test_campaigns_export(self):
        response = self.post(
            {
                "report": "campaigns",
                "format": "csv",
                "date_from": "2026-10-01",
                "date_to": "2026-10-31",
            }
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
        self.assertIn(
            "campaigns_2026-10-01_2026-10-31.csv", response.headers["Content-Disposition"]
        )
        header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(header[:2], ["Campaign", "Orders"])
        response = self.post({"report": "campaigns", "format": "csv", "date_from": "2026-02-30"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("date_from", response.json()["error"]["message"])
        response = self.post({"report": "campaigns", "customer_id": 1})
        self.assertEqual(response.status_code, 400)
        self.assertIn("customer_id", response.json()["error"]["message"])
