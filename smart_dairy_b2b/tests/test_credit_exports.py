"""The Credit & Receivables report in XLSX, PDF and CSV, the executive report's credit
sheets, and the report through the HTTP API: every file read back and compared with the
hand-computed figures of ``credit_common.py``, as a manager who is not an
administrator and as a salesperson. Also both methods over Odoo's XML-RPC."""

import base64
import csv
import io
import json

import openpyxl

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from ..controllers.external_api import for_xmlrpc
from .credit_common import AS_OF, CreditCommon, day
from .test_report_export import pdf_text, plain

PERIOD = (day(-60).isoformat(), AS_OF.isoformat())
API = "/api/v1/b2b/analytics"


def table(sheet, header_row=4):
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:] if any(row)]


@tagged("post_install", "-at_install")
class TestCreditExports(CreditCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # wkhtmltopdf fetches the report styles from this test server.
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://127.0.0.1:{config['http_port']}"
        )

    def export(self, export_format, user=None, report="credit", period=PERIOD):
        exports = self.env["b2b.report.export.service"].with_user(user or self.manager)
        return exports.export_report(
            report, format=export_format, date_from=period[0], date_to=period[1]
        )

    def test_xlsx(self):
        result = self.export("xlsx")
        self.assertEqual(result["filename"], f"credit_{PERIOD[0]}_{PERIOD[1]}.xlsx")
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(result["content"])))
        totals = {row["Figure"]: row["Value"] for row in table(book["Receivables"])}
        self.assertAlmostEqual(totals["Outstanding"], 2700 + 1150 + 850 + 500)
        self.assertAlmostEqual(totals["Overdue"], 1700 - 100 + 500)
        self.assertEqual(totals["Customers over their credit limit"], 1)
        segments = {row["Segment"]: row["Customers"] for row in table(book["Credit Segments"])}
        self.assertEqual(
            segments, {"Over limit": 1, "High": 1, "Medium": 0, "Low": 1, "No limit": 1}
        )
        customers = table(book[book.sheetnames[3]])
        self.assertEqual(
            [row["Customer"] for row in customers],
            ["Hotel Padma", "Rahman General Store", "Banani Cafe", "Mirpur School"],
        )
        shop = customers[1]
        self.assertAlmostEqual(shop["Outstanding"], 2700)
        # a percentage is stored as a fraction with a percent format (docs/definitions.md,
        # *Formats*)
        self.assertAlmostEqual(shop["Utilisation %"], 0.27)
        self.assertAlmostEqual(shop["1-30 days"], -50)
        self.assertAlmostEqual(shop["Over 90 days"], 350)
        self.assertAlmostEqual(customers[2]["Days to pay"], 21)
        self.assertIsNone(customers[3]["Credit limit"])
        methods = {row["Journal"]: row["Amount"] for row in table(book["Payment Methods"])}
        self.assertEqual(
            methods,
            {self.bank.display_name: 650, self.cash.display_name: 300, "bKash": 100},
        )

    def test_csv_and_pdf(self):
        result = self.export("csv")
        content = base64.b64decode(result["content"]).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(rows[0][:2], ["Customer", "Segment"])
        self.assertEqual(
            [(row[0], row[1]) for row in rows[1:]],
            [
                ("Hotel Padma", "Over limit"),
                ("Rahman General Store", "Low"),
                ("Banani Cafe", "High"),
                ("Mirpur School", "No limit"),
            ],
        )
        self.assertEqual(rows[2][3], "2700.00")

        text = plain(pdf_text(base64.b64decode(self.export("pdf")["content"])))
        self.assertIn("Credit & Receivables Report", text)
        for name in ("Hotel Padma", "Rahman General Store", "Banani Cafe", "Mirpur School"):
            self.assertIn(name, text)

    def test_salesperson_exports_own_customers(self):
        result = self.export("csv", user=self.salesperson)
        content = base64.b64decode(result["content"]).decode("utf-8-sig")
        names = [row[0] for row in csv.reader(io.StringIO(content))][1:]
        self.assertEqual(names, ["Rahman General Store", "Mirpur School"])

    def test_executive_xlsx_has_the_receivables(self):
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(self.export("xlsx", report="executive")["content"]))
        )
        totals = {row["Figure"]: row["Value"] for row in table(book["Receivables"])}
        self.assertAlmostEqual(totals["Outstanding"], 5200)
        segments = {row["Segment"]: row["Outstanding"] for row in table(book["Credit Segments"])}
        self.assertAlmostEqual(segments["Over limit"], 1150)

    def test_api_export(self):
        key = self.env["res.users.apikeys"].with_user(self.manager)._generate(None, "test")
        response = self.opener.post(
            self.base_url() + API + "/export",
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            data=json.dumps({"report": "credit", "format": "csv", "date_to": AS_OF.isoformat()}),
            timeout=60,
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[1][:2], ["Hotel Padma", "Over limit"])
        response = self.opener.post(
            self.base_url() + API + "/export",
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
            data=json.dumps({"report": "credit", "date_to": "June"}),
            timeout=60,
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("date_to", response.json()["error"]["message"])
        document = self.url_open(API + "/openapi.json").json()
        enum = document["components"]["schemas"]["ExportRequest"]["properties"]["report"]["enum"]
        self.assertIn("credit", enum)

    def test_xmlrpc(self):
        """As an XML-RPC client sends them (False for "no value"); the nulls of the
        answer (the school's limit, utilisation, days to pay) come back as False."""
        user = self.salesperson
        service = self.service.with_user(user)
        for method, kwargs in (
            ("get_credit_analysis", {"as_of": AS_OF.isoformat(), "customer_id": False}),
            ("get_credit_analysis", {"as_of": False, "customer_id": self.shop_customer.id}),
            (
                "get_payment_preferences",
                {"date_from": PERIOD[0], "date_to": PERIOD[1], "customer_id": False},
            ),
        ):
            with self.subTest(method=method, kwargs=kwargs):
                answer = self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname,
                    user.id,
                    user.login,
                    "b2b.analytics.service",
                    method,
                    [],
                    kwargs,
                )
                self.assertEqual(answer, for_xmlrpc(getattr(service, method)(**kwargs)))
        school = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            user.login,
            "b2b.analytics.service",
            "get_credit_analysis",
            [],
            {"customer_id": self.school_customer.id},
        )["customers"][0]
        self.assertIs(school["utilisation_pct"], False)
        self.assertIs(school["credit_limit"], False)
