"""The retention and category sections of the executive and customer reports, read back
from the XLSX (openpyxl) and the PDF (pdftotext), against the naive recomputation of
``test_analytics_retention``; exported as a B2B manager who is not an administrator."""

from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from .test_analytics_retention import GROUPS, naive_categories, naive_retention
from .test_report_export import OCTOBER, ReportExportCase


@tagged("post_install", "-at_install")
class TestReportRetention(ReportExportCase):
    """The shop orders in June, September and October 2026 (new in June, churned in July,
    won back in September), the hotel in October (new); the ghee moves to its own
    category after the sales."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fats = cls.env["product.category"].create({"name": "Ghee & Butter"})
        cls.ghee.categ_id = cls.fats
        cls.manager = new_test_user(
            cls.env,
            login="report_retention_manager",
            groups="sales_team.group_sale_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.export = cls.export.with_user(cls.manager)
        cls.customers = cls.shop_customer | cls.hotel_customer

    def test_executive_xlsx_has_retention_and_categories(self):
        book, _content = self.workbook(self.export.export_executive_report("xlsx", *OCTOBER))
        for name in ("Retention over Time", "One-time and Repeat Buyers", "Product Categories"):
            self.assertIn(name, book.sheetnames)
        # the 12 months up to the report's end
        expected = naive_retention(self.orders, self.customers, date(2025, 11, 1), OCTOBER_END)
        rows = self.table(book["Retention over Time"])
        self.assertEqual([row["Month"] for row in rows], [m["month"] for m in expected["months"]])
        labels = {"starting": "Starting", "retained": "Retained", "new": "New"}
        labels.update(won_back="Won back", churned="Churned")
        for row, want in zip(rows, expected["months"], strict=True):
            for group in GROUPS:
                self.assertEqual(row[labels[group]], len(want["sets"][group]), row["Month"])
            # percentages are stored as fractions with a percent format (docs/definitions.md,
            # *Formats*)
            for column, key in (("Retention %", "retention_pct"), ("Win-back %", "win_back_pct")):
                if want[key] is None:
                    self.assertIsNone(row[column], row["Month"])
                else:
                    self.assertAlmostEqual(row[column], want[key] / 100, msg=row["Month"])
        by_month = {row["Month"]: row for row in rows}
        self.assertEqual(by_month["2026-09"]["Won back"], 1)  # the shop, by hand
        self.assertEqual(by_month["2026-10"]["New"], 1)  # the hotel
        self.assertEqual(by_month["2026-07"]["Churned"], 1)
        buyers = {
            row["Figure"]: row["Value"] for row in self.table(book["One-time and Repeat Buyers"])
        }
        self.assertEqual(buyers["One-time buyers"], expected["one_time_buyers"])
        self.assertEqual(buyers["Repeat buyers"], expected["repeat_buyers"])
        self.assertAlmostEqual(buyers["Average lifespan (days)"], expected["avg_lifespan_days"])

        categories = {row["Category"]: row for row in self.table(book["Product Categories"])}
        want = naive_categories(self.orders, self.customers, date(2026, 10, 1), OCTOBER_END)
        self.assertEqual(len(categories), len(want))
        fats = categories[self.fats.display_name]
        self.assertAlmostEqual(fats["Revenue"], want[self.fats.id]["revenue"])
        self.assertAlmostEqual(fats["Revenue"], 650.0 * 6)  # 2 + 4 ghee in October
        self.assertEqual(fats["Orders"], 2)
        self.assertEqual(fats["Customers"], 2)

    def test_executive_pdf_has_retention_and_categories(self):
        text, _layout = self.pdf(self.export.export_executive_report("pdf", *OCTOBER))
        self.assertIn("Retention over Time", text)
        self.assertIn("One-time and Repeat Buyers", text)
        self.assertIn("Product Categories", text)
        self.assertIn(f"Ghee & Butter {self.money(3900.0)}", text)

    def test_customer_report_has_its_categories(self):
        book, _content = self.workbook(
            self.export.export_customer_report(self.shop_customer.id, *OCTOBER)
        )
        rows = self.table(book["Product Categories"])
        want = naive_categories(
            self.orders, self.customers, date(2026, 10, 1), OCTOBER_END, self.shop_customer
        )
        self.assertEqual(
            {row["Category"]: row["Revenue"] for row in rows},
            {
                self.env["product.category"].browse(categ).display_name: figures["revenue"]
                for categ, figures in want.items()
            },
        )
        self.assertAlmostEqual(
            sum(row["Share %"] for row in rows), 1.0, msg="shares of the customer's revenue"
        )


OCTOBER_END = date.fromisoformat(OCTOBER[1])
