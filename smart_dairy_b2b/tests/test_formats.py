"""Formats a dairy reads: percentages as percent-formatted numbers in XLSX, P(alive) as a
percentage in every file, dates in the user's language, the "Generated" time in the
analytics timezone with the zone named, volume in litres and weight in kilograms; and
risk labels that say what they measure, a suspended customer shown as suspended."""

import csv
import io

from odoo import Command
from odoo.tests import new_test_user, tagged

from .test_report_export import OCTOBER, ReportExportCase


@tagged("post_install", "-at_install")
class TestFormats(ReportExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo keeps volumes in cubic metres: digits for a litre (0.001)
        cls.env.ref("product.decimal_volume").digits = 5
        cls.env.ref("product.decimal_stock_weight").digits = 3
        cls.product.volume = 0.001  # Fresh Milk 1L: 1 litre
        cls.yogurt.weight = 0.5  # Mishti Doi 500g
        cls.ghee.weight = 0.4  # Ghee 400g
        cls.manager = new_test_user(
            cls.env,
            login="b2b_formats_manager",
            groups="smart_dairy_b2b.group_b2b_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.env["res.lang"]._activate_lang("en_GB")
        cls.gb_manager = new_test_user(
            cls.env,
            login="b2b_formats_gb",
            groups="smart_dairy_b2b.group_b2b_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            lang="en_GB",
        )

    def as_user(self, model, user):
        return self.env[model].with_user(user).with_context(lang=user.lang)

    # Volume and weight ------------------------------------------------------------------

    def test_volume_and_weight_from_the_products(self):
        service = self.as_user("b2b.analytics.service", self.manager)
        # October: milk 10 x 1 L; doi 5 x 0.5 kg; ghee (2 + 4) x 0.4 kg
        expected = {
            "Fresh Milk 1L": (10.0, 0.0),
            "Mishti Doi 500g": (0.0, 2.5),
            "Ghee 400g": (0.0, 2.4),
        }
        products = service.get_product_performance(*OCTOBER)["products"]
        self.assertEqual(
            {p["name"]: (p["volume_l"], round(p["weight_kg"], 6)) for p in products}, expected
        )
        top = service.get_executive_dashboard(*OCTOBER)["top_products"]
        self.assertEqual(
            {p["name"]: (p["volume_l"], round(p["weight_kg"], 6)) for p in top}, expected
        )
        export = self.as_user("b2b.report.export.service", self.manager)
        book, _content = self.workbook(export.export_product_report("xlsx", *OCTOBER))
        rows = {row["Product"]: row for row in self.table(book["Product Performance"])}
        self.assertAlmostEqual(rows["Fresh Milk 1L"]["Volume (L)"], 10.0)
        self.assertAlmostEqual(rows["Ghee 400g"]["Weight (kg)"], 2.4)

    # Percentages -------------------------------------------------------------------------

    def test_xlsx_percentages_are_percent_formatted_numbers(self):
        export = self.as_user("b2b.report.export.service", self.manager)
        book, _content = self.workbook(export.export_executive_report("xlsx", *OCTOBER))
        sheet = book["Key Performance Indicators"]
        header = [cell.value for cell in sheet[4]]
        change = sheet.cell(row=5, column=header.index("Change %") + 1)
        self.assertEqual(sheet.cell(row=5, column=1).value, "Revenue")
        # October 5,400 against September 1,800: +200 %, stored as 2.0
        self.assertIsInstance(change.value, (int, float))
        self.assertAlmostEqual(change.value, 2.0)
        self.assertEqual(change.number_format, "0.0%")

        book, _content = self.workbook(export.export_insights_report("xlsx"))
        sheet = book["Customers"]
        header = [cell.value for cell in sheet[4]]
        column = header.index("P(alive)") + 1
        insights = {
            row["customer_id"]: row
            for row in self.env["b2b.analytics.service"].with_user(self.manager)._insight_rows()
        }
        names = {
            self.shop_customer.name: self.shop_customer,
            self.hotel_customer.name: self.hotel_customer,
        }
        for row in range(5, sheet.max_row + 1):
            name = sheet.cell(row=row, column=1).value
            cell = sheet.cell(row=row, column=column)
            alive = insights[names[name].id]["probability_alive"]
            if alive is None:
                self.assertIsNone(cell.value)
                continue
            # the same fraction the screen shows as a percentage, percent-formatted
            self.assertAlmostEqual(cell.value, alive)
            self.assertEqual(cell.number_format, "0.0%")

    # Dates, timestamps and money ----------------------------------------------------------

    def test_pdf_in_the_users_language_and_the_analytics_timezone(self):
        export = self.as_user("b2b.report.export.service", self.gb_manager)
        text, _layout = self.pdf(export.export_executive_report("pdf", *OCTOBER))
        self.assertIn("01/10/2026 – 31/10/2026", text, "day first in English (UK)")
        self.assertIn("01/09/2026 – 30/09/2026", text)
        self.assertRegex(text, r"Generated \d\d/\d\d/\d{4} \d\d:\d\d:\d\d \(Asia/Dhaka\)")
        # money as Odoo prints it: the currency's symbol on its side, the language's
        # grouping (self.money: without the sign pdftotext may not map back)
        self.assertIn(self.money(5400.0), text)
        self.assertIn("5,400.00", self.money(5400.0))

    def test_xlsx_dates_are_dates_in_the_users_order(self):
        export = self.as_user("b2b.report.export.service", self.gb_manager)
        book, _content = self.workbook(
            export.export_customer_report(self.shop_customer.id, *OCTOBER)
        )
        sheet = book["Summary"]
        cell = next(row[1] for row in sheet.iter_rows(min_row=5) if row[0].value == "Last order")
        self.assertEqual(cell.value.date().isoformat(), "2026-10-17")
        self.assertEqual(cell.number_format, "dd/mm/yyyy")

    def test_csv_is_machine_readable(self):
        """CSV keeps plain numbers and ISO dates whatever the language: it feeds other
        programs; the currency is named in the header."""
        export = self.as_user("b2b.report.export.service", self.gb_manager)
        result = export.export_customer_report(self.shop_customer.id, *OCTOBER, format="csv")
        rows = list(
            csv.reader(io.StringIO(self.decode(result, "csv", "text/csv").decode("utf-8-sig")))
        )
        figures = dict(row for row in rows[1:] if len(row) == 2)
        self.assertEqual(figures["Revenue"], "2800.00")
        self.assertEqual(figures["Last order"], "2026-10-17")

    # Risk --------------------------------------------------------------------------------

    def test_suspended_customer_is_labelled_not_low_risk(self):
        self.hotel_customer.action_suspend()
        service = self.as_user("b2b.analytics.service", self.manager)
        churn = service.get_customer_summary(self.hotel_customer.id, *OCTOBER)["churn"]
        self.assertIsNone(churn["risk"], "a suspended customer is not scored")
        # the approved one still is
        shop = service.get_customer_summary(self.shop_customer.id, *OCTOBER)["churn"]
        self.assertIn(shop["risk"], ("high", "medium", "low"))

        export = self.as_user("b2b.report.export.service", self.manager)
        book, _content = self.workbook(
            export.export_customer_report(self.hotel_customer.id, *OCTOBER)
        )
        figures = {row["Figure"]: row["Value"] for row in self.table(book["RFM and Churn Risk"])}
        self.assertEqual(figures["Churn risk (model)"], "Suspended: not assessed")

        Insight = self.env["b2b.customer.insight"].with_user(self.manager)
        Insight._refresh(self.company)
        hotel = Insight.search([("customer_id", "=", self.hotel_customer.id)])
        self.assertEqual(hotel.customer_state, "suspended")
        self.assertFalse(hotel.churn_risk)
        self.assertTrue(Insight.search([("customer_id", "=", self.shop_customer.id)]).churn_risk)

    def test_insight_row_opens_the_customer_screen(self):
        Insight = self.env["b2b.customer.insight"].with_user(self.manager)
        Insight.action_open()  # a manager opening an old snapshot refreshes it
        # the list shows when its snapshot was computed, in the analytics timezone
        self.assertRegex(
            Insight.get_snapshot_time(),
            r"^\d\d/\d\d/\d{4} \d\d:\d\d:\d\d \(Asia/Dhaka\)$",
        )
        row = Insight.search([("customer_id", "=", self.shop_customer.id)])
        self.assertEqual(
            row.action_open_analytics(),
            {
                "type": "ir.actions.client",
                "tag": "smart_dairy_b2b.customer_analytics",
                "name": "Rahman General Store",
                "params": {"customer_id": self.shop_customer.id},
            },
        )
        # the list opens rows with it
        arch = self.env.ref("smart_dairy_b2b.b2b_customer_insight_view_tree").arch
        self.assertIn('action="action_open_analytics"', arch)
        self.assertIn('type="object"', arch)
