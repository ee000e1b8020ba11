"""The portal buyer's view and report (b2b.portal.analytics), called as the buyer.

Every figure is checked against the order lines and invoices summed here by hand or
by a naive loop; every file is read back (openpyxl, pdftotext, csv) and searched for
the dairy's internal assessments, which a buyer must never get.
"""

import base64
import csv
import io
import json
import re

import openpyxl

from odoo.exceptions import MissingError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

from .portal_common import (
    INTERNAL_WORDS,
    SHOP_OPEN_BALANCE,
    SHOP_OVERDUE,
    SHOP_SPEND_TOTAL,
    SHOP_SPEND_UNTAXED,
    build_portal_world,
)
from .test_report_export import pdf_text, plain


def internal_words_in(text):
    text = text.lower()
    return [word for word in INTERNAL_WORDS if re.search(rf"\b{re.escape(word)}", text)]


@tagged("post_install", "-at_install")
class TestPortalAnalyticsView(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        build_portal_world(cls)
        # wkhtmltopdf fetches the report styles from this test server.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://127.0.0.1:{config['http_port']}"
        )

    def portal(self, key="shop"):
        user = self.users[key] if key != "loner" else self.loner
        return self.env["b2b.portal.analytics"].with_user(user).with_company(self.company)

    def purchase_report(self, export_format, key="shop", customer_id=None):
        """The buyer's own Purchase Report, as the portal asks the export service for it."""
        user = self.users[key] if key != "loner" else self.loner
        exports = self.env["b2b.report.export.service"].with_user(user)
        return exports.with_company(self.company)._purchase_report(
            export_format, customer_id=customer_id
        )

    def expected_spend(self, orders):
        """docs/definitions.md, naively: each counted line's subtotal over its order's
        rate; with taxes, each order's total over its rate."""
        untaxed = sum(
            line.price_subtotal / (order.currency_rate or 1.0)
            for order in orders
            for line in order.order_line
            if not line.display_type and not line.is_downpayment
        )
        total = sum(order.amount_total / (order.currency_rate or 1.0) for order in orders)
        return untaxed, total

    def test_purchases_are_the_buyers_own(self):
        view = self.portal()._customer_view()
        untaxed, total = self.expected_spend(self.shop_orders)
        self.assertAlmostEqual(untaxed, SHOP_SPEND_UNTAXED)  # the hand computation
        self.assertAlmostEqual(total, SHOP_SPEND_TOTAL)
        summary = view["summary"]
        self.assertEqual(view["customer"]["id"], self.customers["shop"].id)
        self.assertAlmostEqual(summary["spend_untaxed"], SHOP_SPEND_UNTAXED)
        self.assertAlmostEqual(summary["spend_total"], SHOP_SPEND_TOTAL)
        self.assertEqual(summary["order_count"], 2)
        self.assertAlmostEqual(summary["avg_order_value"], SHOP_SPEND_UNTAXED / 2)
        products = {row["name"]: row for row in view["products"]}
        self.assertEqual(set(products), {"Portal Cheese 200g", "Portal Milk 1L"})
        self.assertEqual(products["Portal Cheese 200g"]["quantity"], 12)
        self.assertAlmostEqual(products["Portal Cheese 200g"]["spend_untaxed"], 3000)
        self.assertEqual(products["Portal Milk 1L"]["quantity"], 10)
        self.assertEqual(products["Portal Cheese 200g"]["orders"], 2)
        self.assertEqual(len(view["monthly_trend"]), 12 + (view["period"]["date_from"][8:] != "01"))
        self.assertAlmostEqual(
            sum(month["spend_untaxed"] for month in view["monthly_trend"]), SHOP_SPEND_UNTAXED
        )
        self.assertAlmostEqual(
            sum(month["spend_total"] for month in view["monthly_trend"]), SHOP_SPEND_TOTAL
        )
        self.assertEqual(
            [order["name"] for order in view["recent_orders"]],
            self.shop_orders.sorted(lambda o: (o.date_order, o.id), reverse=True).mapped("name"),
        )
        self.assertTrue(all(o["url"] == f"/my/orders/{o['id']}" for o in view["recent_orders"]))
        progress = view["tier_progress"]
        self.assertEqual((progress["current"], progress["next"]), ("Portal Silver", "Portal Gold"))
        self.assertAlmostEqual(progress["percent"], 3600 / 10000 * 100)
        self.assertAlmostEqual(progress["remaining"], 6400)

    def test_invoices_and_open_balance(self):
        invoices = self.portal()._customer_view()["invoices"]
        self.assertAlmostEqual(self.shop_invoice.amount_residual, 750.0)
        self.assertAlmostEqual(invoices["open_balance"], SHOP_OPEN_BALANCE)
        self.assertAlmostEqual(invoices["overdue"], SHOP_OVERDUE)
        self.assertEqual(invoices["count"], 2)  # the draft does not count
        items = {item["id"]: item for item in invoices["items"]}
        self.assertEqual(set(items), {self.shop_invoice.id, self.shop_credit_note.id})
        invoice, credit = items[self.shop_invoice.id], items[self.shop_credit_note.id]
        self.assertEqual((invoice["type"], credit["type"]), ("invoice", "credit_note"))
        self.assertAlmostEqual(invoice["amount_total"], 1150.0)
        self.assertAlmostEqual(invoice["amount_due"], 750.0)
        self.assertAlmostEqual(credit["amount_total"], -115.0)
        self.assertAlmostEqual(credit["amount_due"], -115.0)
        self.assertEqual(invoice["url"], f"/my/invoices/{self.shop_invoice.id}")

    def test_no_internal_assessment_and_no_other_customer(self):
        view = self.portal()._customer_view()
        text = json.dumps(view)
        self.assertEqual(internal_words_in(text), [])
        self.assertNotIn("Tour Rival Hotel", text)
        self.assertNotIn(self.hotel_invoice.name, text)
        self.assertNotIn(self.hotel_orders.name, text)
        rival = self.portal("hotel")._customer_view()
        self.assertEqual(rival["customer"]["id"], self.customers["hotel"].id)
        self.assertEqual(rival["summary"]["order_count"], 1)
        self.assertAlmostEqual(rival["summary"]["spend_untaxed"], 7500.0)
        self.assertAlmostEqual(rival["invoices"]["open_balance"], 5750.0)

    def test_another_customer_id_is_not_found(self):
        hotel = self.customers["hotel"].id
        with self.assertRaises(MissingError) as other:
            self.portal()._customer_view(customer_id=hotel)
        with self.assertRaises(MissingError) as missing:
            self.portal()._customer_view(customer_id=2147000000)
        self.assertEqual(
            re.sub(rf"\b{hotel}\b", "N", str(other.exception)),
            str(missing.exception).replace("2147000000", "N"),
        )
        with self.assertRaises(MissingError):
            self.purchase_report("csv", customer_id=hotel)
        own = self.portal()._customer_view(customer_id=self.customers["shop"].id)
        self.assertEqual(own["customer"]["id"], self.customers["shop"].id)

    def test_user_without_b2b_customer(self):
        self.assertFalse(self.portal("loner")._own_customer())
        with self.assertRaisesRegex(MissingError, "not linked to a B2B customer"):
            self.portal("loner")._customer_view()
        with self.assertRaises(MissingError):
            self.purchase_report("xlsx", "loner")

    def test_buyer_without_orders(self):
        self.shop_orders.with_context(disable_cancel_warning=True)._action_cancel()
        view = self.portal()._customer_view()
        self.assertEqual(view["summary"]["order_count"], 0)
        self.assertEqual(view["summary"]["spend_untaxed"], 0.0)
        self.assertEqual(view["products"], [])
        self.assertEqual(view["recent_orders"], [])
        self.assertAlmostEqual(view["invoices"]["open_balance"], SHOP_OPEN_BALANCE)
        self.purchase_report("xlsx")  # an empty report renders too

    def test_bad_parameters_are_named(self):
        with self.assertRaisesRegex(UserError, "date_from"):
            self.portal()._customer_view(date_from="2026-13-01")
        with self.assertRaisesRegex(UserError, "format"):
            self.purchase_report("docx")

    # The buyer's report --------------------------------------------------------------

    def report(self, export_format):
        result = self.purchase_report(export_format)
        self.assertTrue(result["filename"].startswith("purchases_tour-dairy-shop_"))
        self.assertTrue(result["filename"].endswith(f".{export_format}"))
        return base64.b64decode(result["content"])

    def test_xlsx_report(self):
        book = openpyxl.load_workbook(io.BytesIO(self.report("xlsx")))
        cells = [
            cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
        ]
        text = "\n".join(str(value) for value in cells if value is not None)
        self.assertEqual(internal_words_in(text), [])
        self.assertNotIn("Tour Rival Hotel", text)
        self.assertNotIn(self.hotel_invoice.name, text)
        summary = book["Summary"]
        figures = {row[0].value: row[1].value for row in summary.iter_rows(min_row=5)}
        self.assertAlmostEqual(figures["Spend before taxes"], SHOP_SPEND_UNTAXED)
        self.assertAlmostEqual(figures["Spend including taxes"], SHOP_SPEND_TOTAL)
        self.assertEqual(figures["Orders"], 2)
        self.assertAlmostEqual(figures["Open balance"], SHOP_OPEN_BALANCE)
        self.assertAlmostEqual(figures["Overdue"], SHOP_OVERDUE)
        products = {row[0].value: row[1].value for row in book["Products"].iter_rows(min_row=5)}
        self.assertEqual(products, {"Portal Cheese 200g": 12, "Portal Milk 1L": 10})
        invoices = [row[0].value for row in book["Invoices"].iter_rows(min_row=5)]
        self.assertEqual(set(invoices), {self.shop_invoice.name, self.shop_credit_note.name})

    def test_pdf_report(self):
        content = self.report("pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = plain(pdf_text(content))
        self.assertEqual(internal_words_in(text), [])
        self.assertNotIn("Tour Rival Hotel", text)
        for label, amount in (
            ("Spend before taxes", "3,600.00"),
            ("Spend including taxes", "4,140.00"),
            ("Open balance", "635.00"),
        ):
            self.assertRegex(text, rf"{label} \S* ?{re.escape(amount)}")
        self.assertIn(self.shop_invoice.name, text)

    def test_csv_report(self):
        content = self.report("csv").decode("utf-8-sig")
        self.assertEqual(internal_words_in(content), [])
        rows = {row[0]: row[1] for row in list(csv.reader(io.StringIO(content)))[1:]}
        self.assertEqual(float(rows["Spend before taxes"]), SHOP_SPEND_UNTAXED)
        self.assertEqual(float(rows["Spend including taxes"]), SHOP_SPEND_TOTAL)
        self.assertEqual(float(rows["Open balance"]), SHOP_OPEN_BALANCE)
