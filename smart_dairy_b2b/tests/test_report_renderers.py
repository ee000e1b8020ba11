"""The three renderers of a report document print the same sections, rows and values.

A document is rendered to XLSX, CSV and PDF by the renderers alone (no service in
between), then each file is read back: the workbook with openpyxl, the CSV with the csv
module, the PDF with pdftotext. The expected values are written out by hand.
"""

import csv
import io
from datetime import datetime

import openpyxl

from odoo.tests import tagged

from ..report.b2b_report_document import column, figure, keyvalue_section
from .test_report_export import OCTOBER, ReportExportCase, pdf_text, plain

XLSX = "report.smart_dairy_b2b.b2b_report_xlsx"
PDF = "report.smart_dairy_b2b.report_b2b_document"
CSV = "report.smart_dairy_b2b.b2b_report_csv"

# name, amount (money), crates (int), kilos (float), share (pct), p (ratio), day (date)
DAIRY_ROWS = [
    ("Alpha Sweets", 1234.5, 1200, 2.5, 12.345, 0.8765, "2026-10-03"),
    ("Beta Hotel", 98765.0, 7, 10.0, 87.655, 0.25, "2026-10-17"),
    ("Gamma Cafe", None, 0, None, None, None, None),
]
# The same rows as the PDF prints them (amounts without the taka sign, dates in the
# user's language: en_US here).
DAIRY_PDF = [
    ("Alpha Sweets", "1,234.50", "1,200", "2.50", "12.3 %", "0.88", "10/03/2026"),
    ("Beta Hotel", "98,765.00", "7", "10.00", "87.7 %", "0.25", "10/17/2026"),
    ("Gamma Cafe", "—", "0", "—", "—", "—", "—"),
]
# ... and as the CSV writes them.
DAIRY_CSV = [
    ["Alpha Sweets", "1234.50", "1200", "2.50", "12.35", "0.8765", "2026-10-03"],
    ["Beta Hotel", "98765.00", "7", "10.00", "87.66", "0.2500", "2026-10-17"],
    ["Gamma Cafe", "", "0", "", "", "", ""],
]
KEYS = ("name", "amount", "crates", "kilos", "share", "p", "day")


@tagged("post_install", "-at_install")
class TestReportRenderers(ReportExportCase):
    def document(self):
        currency = self.env.company.currency_id
        return {
            "title": "Dairy Test Report",
            "period": {"date_from": OCTOBER[0], "date_to": OCTOBER[1]},
            "file_stem": "dairy",
            "csv_section": "buyers",
            "company": self.env.company.name,
            "currency": currency.name,
            "currency_symbol": currency.symbol,
            "currency_position": currency.position,
            "currency_decimals": currency.decimal_places,
            "generated_at": "2026-11-01 08:00",
            "info": [("Period", f"{OCTOBER[0]} – {OCTOBER[1]}"), ("Currency", currency.name)],
            "sections": [
                {
                    "key": "buyers",
                    "title": "Buyers",
                    "columns": [
                        column("name", "Buyer"),
                        column("amount", "Amount", "money"),
                        column("crates", "Crates", "int"),
                        column("kilos", "Kilos", "float"),
                        column("share", "Share %", "pct"),
                        column("p", "P(alive)", "ratio"),
                        column("day", "Last day", "date"),
                    ],
                    "rows": [dict(zip(KEYS, row, strict=True)) for row in DAIRY_ROWS],
                },
                keyvalue_section(
                    self.env,
                    "totals",
                    "Totals",
                    [
                        figure("Total amount", 99999.5, "money"),
                        figure("Buyers", 3, "int"),
                        figure("Best buyer", "Beta Hotel", "text"),
                    ],
                ),
            ],
        }

    def render(self, model, document):
        return self.env[model]._render_document(document)

    def test_dairy_document_three_ways(self):
        document = self.document()
        xlsx, pdf, text_csv = (self.render(m, document) for m in (XLSX, PDF, CSV))

        # XLSX: a sheet per section (after the overview), the values as numbers and dates.
        book = openpyxl.load_workbook(io.BytesIO(xlsx))
        self.assertEqual(book.sheetnames, ["Overview", "Buyers", "Totals"])
        buyers = self.table(book["Buyers"])
        self.assertEqual(
            [tuple(row.values()) for row in buyers],
            [
                # a percentage is a fraction with a percent format: 12.345 % is 0.12345
                ("Alpha Sweets", 1234.5, 1200, 2.5, 0.12345, 0.8765, datetime(2026, 10, 3)),
                ("Beta Hotel", 98765, 7, 10, 0.87655, 0.25, datetime(2026, 10, 17)),
                ("Gamma Cafe", None, 0, None, None, None, None),
            ],
        )
        self.assertEqual(
            list(buyers[0]),
            ["Buyer", "Amount", "Crates", "Kilos", "Share %", "P(alive)", "Last day"],
        )
        totals = {row["Figure"]: row["Value"] for row in self.table(book["Totals"])}
        self.assertEqual(totals, {"Total amount": 99999.5, "Buyers": 3, "Best buyer": "Beta Hotel"})

        # CSV: the headline section, money with the currency's two decimals.
        rows = list(csv.reader(io.StringIO(text_csv.decode("utf-8-sig"))))
        self.assertEqual(
            rows[0],
            ["Buyer", "Amount (BDT)", "Crates", "Kilos", "Share %", "P(alive)", "Last day"],
        )
        self.assertEqual(rows[1:], DAIRY_CSV)

        # PDF: every section's title, and each row's values in order on its line.
        layout = pdf_text(pdf)
        text = plain(layout).replace("৳", "")
        for title in ("Dairy Test Report", "Buyers", "Totals"):
            self.assertIn(title, text)
        lines = [plain(line).replace("৳", "") for line in layout.splitlines()]
        for expected in DAIRY_PDF:
            line = next(line for line in lines if expected[0] in line)
            position = 0
            for value in expected:
                found = line.find(value, position)
                self.assertGreaterEqual(found, 0, f"{value!r} after {position} in {line!r}")
                position = found + len(value)
        for label, value in (
            ("Total amount", "99,999.50"),
            ("Buyers", "3"),
            ("Best buyer", "Beta Hotel"),
        ):
            self.assertRegex(text, rf"{label} +{value}")

    def test_product_report_three_ways(self):
        """A computed report: the products of October in the three files alike."""
        document = self.env["b2b.report.builder"]._build("products", *OCTOBER)
        [section] = document["sections"]
        # The products sold in October, largest revenue first: ghee 6 × 650, milk
        # 10 × 90, doi 5 × 120.
        expected = [
            ("Ghee 400g", 3900.0, 6.0),
            ("Fresh Milk 1L", 900.0, 10.0),
            ("Mishti Doi 500g", 600.0, 5.0),
        ]
        self.assertEqual(
            [(row["name"], row["revenue"], row["quantity"]) for row in section["rows"]], expected
        )
        book = openpyxl.load_workbook(io.BytesIO(self.render(XLSX, document)))
        sheet = self.table(book[section["title"]])
        self.assertEqual([(r["Product"], r["Revenue"], r["Quantity"]) for r in sheet], expected)
        rows = list(csv.DictReader(io.StringIO(self.render(CSV, document).decode("utf-8-sig"))))
        self.assertEqual(
            [(r["Product"], float(r["Revenue (BDT)"]), float(r["Quantity"])) for r in rows],
            expected,
        )
        lines = [plain(line) for line in pdf_text(self.render(PDF, document)).splitlines()]
        for name, revenue, quantity in expected:
            # the table's line (the bar chart above it shows the revenue alone)
            self.assertTrue(
                any(
                    line.strip().startswith(f"{name} ")
                    and f"{revenue:,.2f}" in line
                    and f"{quantity:,.2f}" in line
                    for line in lines
                ),
                name,
            )
