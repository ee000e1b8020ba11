"""Report export: the files hold the analytics service's figures.

Every XLSX is read back with openpyxl and every PDF's text extracted with pdftotext;
the expected figures are summed from the order lines, independently of the service.
"""

import base64
import csv
import io
import re
import subprocess
import tempfile
import zipfile
from datetime import date
from unittest.mock import patch

import openpyxl

from odoo import Command
from odoo.exceptions import MissingError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import config

from ..models.b2b_report_export_service import relative_period
from ..report import b2b_report_document
from ..report.b2b_report_pdf import format_value
from .common import B2bCommon

TZ = "Asia/Dhaka"
OCTOBER = ("2026-10-01", "2026-10-31")


def pdf_text(content):
    """The text of a PDF, laid out like the page (pdftotext -layout)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(
            ["pdftotext", "-layout", pdf.name, "-"], capture_output=True, check=True, text=True
        ).stdout


def plain(text):
    """Spaces of any kind as one ASCII space."""
    return re.sub(r"\s+", " ", text.replace("\N{NO-BREAK SPACE}", " "))


class ReportExportCase(B2bCommon):
    """Small dairy books in BDT: orders in June, September and October 2026."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("smart_dairy_b2b.analytics_timezone", TZ)
        # wkhtmltopdf fetches the report styles from this test server.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://127.0.0.1:{config['http_port']}"
        )
        cls.env["b2b.sale.facts"]._rebuild()
        cls.bdt = cls.env.ref("base.BDT")
        cls.bdt.active = True
        cls.company.currency_id = cls.bdt
        cls.pricelist = cls.env["product.pricelist"].create(
            {"name": "Taka", "currency_id": cls.bdt.id, "company_id": cls.company.id}
        )
        Product = cls.env["product.product"]
        cls.yogurt = Product.create({"name": "Mishti Doi 500g", "standard_price": 80.0})
        cls.ghee = Product.create({"name": "Ghee 400g", "standard_price": 500.0})
        (cls.shop_customer | cls.hotel_customer).write({"state": "approved"})
        cls.orders = cls.env["sale.order"]
        cls.add_order(cls.shop, "2026-06-05 04:00:00", [(cls.product, 10, 90)])
        cls.add_order(cls.shop, "2026-09-12 04:00:00", [(cls.product, 20, 90)])
        cls.add_order(cls.shop, "2026-10-03 04:00:00", [(cls.product, 10, 90)])
        cls.add_order(cls.shop, "2026-10-17 04:00:00", [(cls.yogurt, 5, 120), (cls.ghee, 2, 650)])
        cls.add_order(cls.hotel, "2026-10-10 04:00:00", [(cls.ghee, 4, 650)])
        cls.export = cls.env["b2b.report.export.service"]
        cls.service = cls.env["b2b.analytics.service"]

    @classmethod
    def add_order(cls, partner, when, lines):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "pricelist_id": cls.pricelist.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, "price_unit": price}
                    )
                    for product, qty, price in lines
                ],
            }
        )
        order.action_confirm()
        order.date_order = when
        cls.orders |= order
        return order

    def revenue(self, date_from, date_to, customer=None):
        """Revenue by docs/definitions.md, summed from the order lines."""
        start, end = date.fromisoformat(date_from), date.fromisoformat(date_to)
        total = 0.0
        for order in self.orders:
            day = order.date_order.date()  # 04:00 UTC is the same day in Dhaka
            if start <= day <= end and (not customer or order.b2b_customer_id == customer):
                total += sum(order.order_line.mapped("price_subtotal"))
        return total

    def money(self, value):
        """An amount as the PDF prints it, without the currency sign (which
        pdftotext cannot always map back to a character)."""
        return plain(format_value(self.env, value, "money")).replace("৳", "").strip()

    # Readers ----------------------------------------------------------------------

    def decode(self, result, extension, mimetype):
        self.assertTrue(result["filename"].endswith(f".{extension}"))
        self.assertEqual(result["mimetype"], mimetype)
        return base64.b64decode(result["content"])

    def workbook(self, result):
        content = self.decode(
            result,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return openpyxl.load_workbook(io.BytesIO(content)), content

    def pdf(self, result):
        content = self.decode(result, "pdf", "application/pdf")
        self.assertTrue(content.startswith(b"%PDF"), "a PDF export must be a PDF")
        layout = pdf_text(content)
        return plain(layout), layout

    def csv_rows(self, result):
        content = self.decode(result, "csv", "text/csv")
        self.assertTrue(content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark")
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))

    @staticmethod
    def table(sheet, header_row=4):
        """A sheet's table as dicts keyed by its header labels."""
        rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
        header = rows[0]
        return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]


@tagged("post_install", "-at_install")
class TestReportExport(ReportExportCase):
    # Executive ---------------------------------------------------------------------

    def test_executive_xlsx(self):
        dashboard = self.service.get_executive_dashboard(*OCTOBER)
        revenue = dashboard["kpis"]["revenue"]
        self.assertAlmostEqual(revenue["value"], self.revenue(*OCTOBER))
        self.assertAlmostEqual(revenue["previous"], self.revenue("2026-09-01", "2026-09-30"))

        result = self.export.export_executive_report("xlsx", *OCTOBER)
        self.assertEqual(result["filename"], "executive_2026-10-01_2026-10-31.xlsx")
        book, content = self.workbook(result)
        self.assertEqual(
            book.sheetnames,
            [
                "Overview",
                "Key Performance Indicators",
                "Revenue Trend (12 months)",
                "Revenue Forecast",
                "Top Customers",
                "Top Products",
                "Tier Distribution",
                "Customers at Risk",
                "Receivables",
                "Credit Segments",
                "Retention over Time",
                "One-time and Repeat Buyers",
                "Product Categories",
                "Discounts by Tier",
                "Revenue by Sales Team",
            ],
        )
        sheet = book["Key Performance Indicators"]
        kpis = {row["KPI"]: row for row in self.table(sheet)}
        self.assertAlmostEqual(kpis["Revenue"]["Value"], 5400.0)
        self.assertAlmostEqual(kpis["Revenue"]["Previous"], 1800.0)
        # a change is a fraction with Excel's percent format: +200 % is 2.0
        self.assertAlmostEqual(kpis["Revenue"]["Change %"], 2.0)
        self.assertEqual(kpis["Orders"]["Value"], 3)
        self.assertEqual(kpis["Active customers"]["Value"], 2)
        # numbers are numbers, amounts formatted in taka, headers frozen and filtered
        revenue_cell = sheet.cell(row=5, column=2)
        self.assertIsInstance(revenue_cell.value, (int, float))
        self.assertIn("৳", revenue_cell.number_format)
        self.assertEqual(sheet.cell(row=6, column=2).number_format, "#,##0")
        self.assertEqual(sheet.freeze_panes, "A5")
        self.assertEqual(sheet.auto_filter.ref, "A4:D14")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            styles = archive.read("xl/styles.xml").decode("utf-8")
            charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        self.assertIn("৳", styles, "the taka sign is stored as UTF-8 in the number formats")
        self.assertEqual(
            len(charts),
            6,
            "trend, top customers, tiers, retention, categories and discounts have charts",
        )

        trend = {row["Month"]: row for row in self.table(book["Revenue Trend (12 months)"])}
        self.assertEqual(len(trend), 12)
        self.assertAlmostEqual(trend["2026-06"]["Revenue"], 900.0)
        self.assertAlmostEqual(trend["2026-10"]["Revenue"], 5400.0)
        self.assertEqual(trend["2026-07"]["Revenue"], 0)
        customers = self.table(book["Top Customers"])
        self.assertEqual(
            [(row["Customer"], row["Revenue"]) for row in customers],
            [(c["name"], c["revenue"]) for c in dashboard["top_customers"]],
        )
        self.assertEqual(customers[0]["Customer"], "Rahman General Store")
        self.assertAlmostEqual(customers[0]["Share %"], 2800 / 5400)
        products = self.table(book["Top Products"])
        self.assertEqual(products[0]["Product"], "Ghee 400g")
        self.assertAlmostEqual(products[0]["Quantity"], 6.0)
        tiers = {row["Tier"]: row["Revenue"] for row in self.table(book["Tier Distribution"])}
        self.assertEqual(tiers, {"Bronze": 2800.0, "Gold": 2600.0})
        at_risk = self.table(book["Customers at Risk"])
        self.assertEqual(
            {row["Customer"] for row in at_risk},
            {row["name"] for row in dashboard["at_risk_customers"]},
        )
        overview = {
            row[0]: row[1] for row in book["Overview"].iter_rows(values_only=True) if row[0]
        }
        # dates in the user's language (en_US here: month first)
        self.assertEqual(overview["Period"], "10/01/2026 – 10/31/2026")
        self.assertEqual(overview["Compared with"], "09/01/2026 – 09/30/2026")
        self.assertEqual(overview["Currency"], "BDT")

    def test_executive_pdf(self):
        result = self.export.export_executive_report("pdf", *OCTOBER)
        self.assertEqual(result["filename"], "executive_2026-10-01_2026-10-31.pdf")
        text, layout = self.pdf(result)
        self.assertIn("Executive Report", text)
        self.assertIn("Test Dairy Co.", text, "the company header")
        self.assertIn("10/01/2026 – 10/31/2026", text)
        self.assertIn("09/01/2026 – 09/30/2026", text)
        # The revenue KPI row: value, previous value and change as formatted in the file.
        revenue_row = next(
            line for line in layout.splitlines() if line.strip().startswith("Revenue ")
        )
        self.assertIn(self.money(5400.0), revenue_row)
        self.assertIn(self.money(1800.0), revenue_row)
        self.assertIn("200.0 %", plain(revenue_row))
        self.assertIn("Hotel Padma", text)
        self.assertIn("Ghee 400g", text)
        self.assertIn(self.money(2600.0), text)
        self.assertRegex(text, r"Page 1 / \d+", "page numbers")

    def test_executive_csv(self):
        result = self.export.export_executive_report("csv", *OCTOBER)
        self.assertEqual(result["filename"], "executive_2026-10-01_2026-10-31.csv")
        rows = self.csv_rows(result)
        self.assertEqual(rows[0], ["KPI", "Unit", "Value", "Previous", "Change %"])
        by_kpi = {row[0]: row for row in rows[1:]}
        self.assertEqual(by_kpi["Revenue"], ["Revenue", "BDT", "5400.00", "1800.00", "200.00"])
        self.assertEqual(by_kpi["Orders"][1:3], ["count", "3"])
        self.assertEqual(len(rows), 11)

    def test_executive_without_comparison(self):
        result = self.export.export_executive_report("csv", *OCTOBER, compare="none")
        self.assertEqual(self.csv_rows(result)[0], ["KPI", "Unit", "Value"])

    # Customer ----------------------------------------------------------------------

    def test_customer_report(self):
        summary = self.service.get_customer_summary(self.shop_customer.id, *OCTOBER)
        expected = self.revenue(*OCTOBER, customer=self.shop_customer)
        self.assertAlmostEqual(summary["summary"]["total_revenue"], expected)

        result = self.export.export_customer_report(self.shop_customer.id, *OCTOBER)
        self.assertEqual(
            result["filename"], "customer_rahman-general-store_2026-10-01_2026-10-31.xlsx"
        )
        book, _content = self.workbook(result)
        self.assertEqual(
            book.sheetnames,
            [
                "Overview",
                "Summary",
                "Monthly Trend",
                "Top Products",
                "Product Categories",
                "Customer Lifetime Value",
                "RFM and Churn Risk",
            ],
        )
        figures = {row["Figure"]: row["Value"] for row in self.table(book["Summary"])}
        self.assertEqual(figures["Customer"], "Rahman General Store")
        self.assertAlmostEqual(figures["Revenue"], 2800.0)
        self.assertEqual(figures["Orders"], 2)
        self.assertEqual(figures["Last order"].date(), date(2026, 10, 17))
        self.assertEqual(
            [(row["Month"], row["Revenue"]) for row in self.table(book["Monthly Trend"])],
            [("2026-10", 2800.0)],
        )
        clv = {row["Figure"]: row["Value"] for row in self.table(book["Customer Lifetime Value"])}
        self.assertAlmostEqual(
            clv["Historical: projected CLV (36 months)"],
            summary["clv"]["historical"]["projected_clv_36m"],
        )
        rfm = {row["Figure"]: row["Value"] for row in self.table(book["RFM and Churn Risk"])}
        self.assertEqual(rfm["RFM segment"], summary["rfm"]["segment"])

        text, _layout = self.pdf(
            self.export.export_customer_report(self.shop_customer.id, *OCTOBER, format="pdf")
        )
        self.assertIn("Customer Report", text)
        self.assertIn("Rahman General Store", text)
        self.assertIn(f"Revenue {self.money(2800.0)}", text)
        self.assertIn("Mishti Doi 500g", text)

        rows = self.csv_rows(
            self.export.export_customer_report(self.shop_customer.id, *OCTOBER, format="csv")
        )
        self.assertEqual(rows[0], ["Figure", "Value"])
        self.assertIn(["Revenue", "2800.00"], rows)

    # Products ----------------------------------------------------------------------

    def test_product_report(self):
        performance = self.service.get_product_performance(*OCTOBER)["products"]
        book, _content = self.workbook(self.export.export_product_report("xlsx", *OCTOBER))
        rows = self.table(book["Product Performance"])
        self.assertEqual(
            [(r["Product"], r["ABC"], r["Revenue"]) for r in rows],
            [(p["name"], p["abc_class"], p["revenue"]) for p in performance],
        )
        # Ghee 3,900 opens A; milk 900 starts at 72% of revenue, below 80%: A too;
        # doi 600 starts at 89%, below 95%: B.
        self.assertEqual(
            [r["Product"] for r in rows], ["Ghee 400g", "Fresh Milk 1L", "Mishti Doi 500g"]
        )
        self.assertEqual([r["ABC"] for r in rows], ["A", "A", "B"])
        self.assertAlmostEqual(rows[0]["Revenue"], 3900.0)
        self.assertAlmostEqual(rows[1]["Previous revenue"], 1800.0)
        self.assertAlmostEqual(rows[1]["Change %"], -0.5)

        result = self.export.export_product_report("csv", *OCTOBER)
        self.assertEqual(result["filename"], "products_2026-10-01_2026-10-31.csv")
        rows = self.csv_rows(result)
        self.assertEqual(rows[0][:3], ["Product", "ABC", "Revenue (BDT)"])
        self.assertEqual(rows[1][:3], ["Ghee 400g", "A", "3900.00"])

        text, _layout = self.pdf(self.export.export_product_report("pdf", *OCTOBER))
        self.assertIn("Product Performance", text)
        self.assertIn(f"Ghee 400g A {self.money(3900.0)}", text)

    # Insights ----------------------------------------------------------------------

    def test_insights_report(self):
        rfm = self.service.get_rfm_segments()
        book, _content = self.workbook(self.export.export_insights_report("xlsx"))
        rows = {row["Customer"]: row for row in self.table(book["Customers"])}
        self.assertEqual(set(rows), {c["name"] for c in rfm["customers"]})
        for customer in (self.shop_customer, self.hotel_customer):
            row = rows[customer.name]
            scored = next(c for c in rfm["customers"] if c["customer_id"] == customer.id)
            clv = self.service.calculate_clv(customer.id)
            self.assertEqual(row["RFM segment"], scored["segment"])
            self.assertAlmostEqual(row["Revenue (12 months)"], scored["monetary"])
            self.assertAlmostEqual(
                row["Historical CLV (36 months)"], clv["historical"]["projected_clv_36m"]
            )
            self.assertAlmostEqual(row["CLV (retention formula)"], clv["formula"]["clv"])
            self.assertIn(row["Churn risk (model)"], ("High", "Medium", "Low"))
        # June 900 + September 1,800 + October 2,800
        self.assertAlmostEqual(rows["Rahman General Store"]["Revenue (12 months)"], 5500.0)
        segments = {row["Segment"]: row["Customers"] for row in self.table(book["RFM Segments"])}
        self.assertEqual(sum(segments.values()), 2)

        result = self.export.export_insights_report("csv")
        self.assertEqual(result["filename"], f"insights_{rfm['as_of']}.csv")
        header = self.csv_rows(result)[0]
        self.assertEqual(header[:3], ["Customer", "RFM segment", "R"])
        text, _layout = self.pdf(self.export.export_insights_report("pdf"))
        self.assertIn("Customer Insights Report", text)
        self.assertIn(self.money(5500.0), text)

    def test_api_names(self):
        """The HTTP API's report names (docs/api.md) reach the same reports."""
        result = self.export.export_report("rfm", "csv")
        self.assertTrue(result["filename"].startswith("insights_"))

    # Bad input and limits ------------------------------------------------------------

    def test_bad_input(self):
        with self.assertRaisesRegex(UserError, "report must be one of"):
            self.export.export_report("balance_sheet", "xlsx")
        with self.assertRaisesRegex(UserError, "format must be one of"):
            self.export.export_executive_report("docx")
        with self.assertRaisesRegex(UserError, "needs a customer"):
            self.export.export_report("customer", "xlsx")
        with self.assertRaisesRegex(UserError, "date_from"):
            self.export.export_executive_report("xlsx", "2026-10-31", "2026-10-01")
        with self.assertRaisesRegex(UserError, "YYYY-MM-DD"):
            self.export.export_executive_report("xlsx", "31/10/2026")

    def test_customer_not_visible(self):
        """A customer the user may not read gets the error of one that does not exist."""
        salesman = new_test_user(
            self.env,
            login="b2b_export_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        export = self.export.with_user(salesman)
        # the salesman reads unassigned customers and his own, not the admin's hotel
        self.hotel_customer.user_id = self.env.ref("base.user_admin")
        with self.assertRaises(MissingError) as hidden:
            export.export_customer_report(self.hotel_customer.id)
        missing_id = self.hotel_customer.id + 100000
        with self.assertRaises(MissingError) as missing:
            export.export_customer_report(missing_id)
        # replace the id as a whole number only: a small id like 2 also stands in "B2B"
        self.assertEqual(
            re.sub(rf"\b{self.hotel_customer.id}\b", "<id>", str(hidden.exception)),
            re.sub(rf"\b{missing_id}\b", "<id>", str(missing.exception)),
        )
        self.assertIsInstance(hidden.exception, UserError)

    def test_size_guard(self):
        with patch.object(b2b_report_document, "MAX_ROWS", 10):
            with self.assertRaisesRegex(UserError, "more than the 10 a XLSX export may hold"):
                self.export.export_executive_report("xlsx", *OCTOBER)
        with patch.object(b2b_report_document, "MAX_PDF_ROWS", 10):
            with self.assertRaisesRegex(UserError, "Excel or CSV"):
                self.export.export_executive_report("pdf", *OCTOBER)
            self.export.export_executive_report("csv", *OCTOBER)  # only PDF is limited

    # Wizard --------------------------------------------------------------------------

    def test_wizard_downloads_the_file(self):
        wizard = self.env["b2b.report.export.wizard"].create(
            {
                "report_type": "products",
                "export_format": "csv",
                "period": "custom",
                "date_from": "2026-10-01",
                "date_to": "2026-10-31",
            }
        )
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"id={wizard.id}", action["url"])
        self.assertEqual(wizard.filename, "products_2026-10-01_2026-10-31.csv")
        expected = self.export.export_product_report("csv", *OCTOBER)
        self.assertEqual(base64.b64decode(wizard.file), base64.b64decode(expected["content"]))

        wizard = self.env["b2b.report.export.wizard"].create(
            {"report_type": "customer", "period": "last_month"}
        )
        today = self.service._today()
        self.assertEqual((wizard.date_from, wizard.date_to), relative_period("last_month", today))
        with self.assertRaisesRegex(UserError, "Choose the customer"):
            wizard.action_export()
        wizard.customer_id = self.hotel_customer
        wizard.action_export()
        self.assertTrue(wizard.filename.startswith("customer_hotel-padma_"))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        summary = {row["Figure"]: row["Value"] for row in self.table(book["Summary"])}
        self.assertEqual(summary["Customer"], "Hotel Padma")

    def test_relative_periods(self):
        wednesday = date(2026, 3, 18)
        self.assertEqual(relative_period("yesterday", wednesday), (date(2026, 3, 17),) * 2)
        self.assertEqual(
            relative_period("last_week", wednesday), (date(2026, 3, 9), date(2026, 3, 15))
        )
        self.assertEqual(
            relative_period("last_month", wednesday), (date(2026, 2, 1), date(2026, 2, 28))
        )
        self.assertEqual(
            relative_period("last_quarter", date(2026, 2, 15)),
            (date(2025, 10, 1), date(2025, 12, 31)),
        )
        self.assertEqual(relative_period("this_month", wednesday), (date(2026, 3, 1), wednesday))
        with self.assertRaisesRegex(UserError, "period must be one of"):
            relative_period("fortnight", wednesday)
