"""CSV rendering of a report document (``b2b_report_document.py``): its headline table.

One section, ``document["csv_section"]``: the key figures of the executive and customer
reports, the product list, the customer list of the insights. Plain numbers (a point
for decimals, no grouping), money with the currency's decimals and the currency named
in the header.
"""

import csv
import io

from odoo import api, models

from .b2b_report_document import cell_kind, check_size, columns


def csv_value(value, kind, money_decimals):
    if value is None or value is False:
        return ""
    if kind == "money":
        return f"{value:.{money_decimals}f}"
    if kind == "int":
        return str(int(value))
    if kind in ("float", "pct"):
        return f"{value:.2f}"
    if kind == "ratio":
        return f"{value:.4f}"
    text = str(value)
    # A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_csv(document):
    """The document's headline table as CSV bytes."""
    section = next(s for s in document["sections"] if s["key"] == document["csv_section"])
    shown = columns(section, "csv")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            f"{col['label']} ({document['currency']})" if col["kind"] == "money" else col["label"]
            for col in shown
        ]
    )
    decimals = document["currency_decimals"]
    for row in section["rows"]:
        writer.writerow(
            [csv_value(row.get(col["key"]), cell_kind(row, col), decimals) for col in shown]
        )
    # UTF-8 with a byte order mark, so spreadsheets read the taka sign and names right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class B2bReportCsv(models.AbstractModel):
    _name = "report.smart_dairy_b2b.b2b_report_csv"
    _description = "B2B Analytics Report (CSV)"

    @api.model
    def _render_document(self, document):
        check_size(self.env, document, "csv")
        return render_csv(document)
