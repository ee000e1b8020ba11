"""Excel rendering of a report document (``b2b_report_document.py``), OCA ``report_xlsx``.

One sheet per section: a title block, a frozen header row with an autofilter, numbers
written as numbers with number formats (amounts in the company currency with its
symbol), and a native Excel chart where the section has one. Like mis_builder's XLSX
report, it lays out figures computed elsewhere and computes none itself.
"""

import re
from datetime import date

from odoo import _, api, models

from .b2b_report_document import NUMERIC_KINDS, TEXT_KINDS, cell_kind, check_size, columns

# strftime directives of a language's date format and their Excel codes
EXCEL_DATE_CODES = {"%d": "dd", "%m": "mm", "%Y": "yyyy", "%y": "yy", "%b": "mmm", "%B": "mmmm"}


def excel_date_format(date_format):
    """The Excel number format of a language's date format ("%d/%m/%Y" → dd/mm/yyyy),
    so dates read as the user reads them; ISO when the format has other directives."""
    if not date_format:
        return "yyyy-mm-dd"
    result = date_format
    for directive, code in EXCEL_DATE_CODES.items():
        result = result.replace(directive, code)
    return "yyyy-mm-dd" if "%" in result else result


TITLE_ROW, SUBTITLE_ROW, NOTE_ROW, HEADER_ROW = 0, 1, 2, 3
MIN_WIDTH, MAX_WIDTH = 8, 48
CHART_MAX_POINTS = 25


class B2bReportXlsx(models.AbstractModel):
    _name = "report.smart_dairy_b2b.b2b_report_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "B2B Analytics Report (Excel)"

    @api.model
    def _render_document(self, document):
        """The document as XLSX bytes."""
        check_size(self.env, document, "xlsx")
        content, _kind = self.env["ir.actions.report"]._render_xlsx(
            "smart_dairy_b2b.b2b_report_xlsx", [], data={"document": document}
        )
        return content

    def generate_xlsx_report(self, workbook, data, objs):
        document = data["document"]
        formats = self._formats(workbook, document)
        self._write_overview(workbook, document, formats)
        for section in document["sections"]:
            self._write_section(workbook, document, section, formats)

    # Formats ----------------------------------------------------------------------

    def _money_format(self, document):
        decimals = document["currency_decimals"]
        number = "#,##0" + ("." + "0" * decimals if decimals else "")
        symbol = (document["currency_symbol"] or document["currency"]).replace('"', "")
        # Quoted, so any symbol (৳, Tk, $) is a literal and not a format code.
        if document["currency_position"] == "before":
            return f'"{symbol} "{number};-"{symbol} "{number}'
        return f'{number}" {symbol}";-{number}" {symbol}"'

    def _formats(self, workbook, document):
        def add(**props):
            return workbook.add_format(dict({"font_size": 10, "valign": "top"}, **props))

        numbers = {
            "money": self._money_format(document),
            "int": "#,##0",
            "float": "#,##0.00",
            # a percentage is a fraction with Excel's percent format (110.8 % is 1.108)
            "pct": "0.0%",
            "ratio": "0.00",
            "date": excel_date_format(document.get("date_format")),
        }
        formats = {kind: add(num_format=num_format) for kind, num_format in numbers.items()}
        formats.update(
            text=add(),
            month=add(),
            title=add(bold=True, font_size=14, valign="vcenter"),
            subtitle=add(italic=True, font_color="#595959"),
            note=add(italic=True, font_color="#595959"),
            header=add(bold=True, bg_color="#DCE6F1", bottom=1, text_wrap=True),
            header_number=add(
                bold=True, bg_color="#DCE6F1", bottom=1, text_wrap=True, align="right"
            ),
            label=add(bold=True),
        )
        return formats

    # Sheets -----------------------------------------------------------------------

    @staticmethod
    def _sheet_name(title):
        return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]

    def _write_overview(self, workbook, document, formats):
        sheet = workbook.add_worksheet(self._sheet_name(_("Overview")))
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 60)
        sheet.write_string(0, 0, document["title"], formats["title"])
        sheet.set_row(0, 22)
        row = 2
        for label, value in document["info"]:
            sheet.write_string(row, 0, label, formats["label"])
            sheet.write_string(row, 1, str(value), formats["text"])
            row += 1
        row += 1
        sheet.write_string(row, 0, _("Sections"), formats["label"])
        for section in document["sections"]:
            sheet.write_url(
                row,
                1,
                f"internal:'{self._sheet_name(section['title'])}'!A1",
                string=section["title"],
            )
            row += 1
        sheet.activate()

    def _write_section(self, workbook, document, section, formats):
        sheet = workbook.add_worksheet(self._sheet_name(section["title"]))
        shown = columns(section, "xlsx")
        rows = section["rows"]
        sheet.write_string(
            TITLE_ROW, 0, f"{document['title']} — {section['title']}", formats["title"]
        )
        sheet.set_row(TITLE_ROW, 22)
        sheet.write_string(
            SUBTITLE_ROW,
            0,
            " · ".join(f"{label}: {value}" for label, value in document["info"][:3]),
            formats["subtitle"],
        )
        if section.get("note"):
            sheet.write_string(NOTE_ROW, 0, section["note"], formats["note"])
        widths = []
        for index, col in enumerate(shown):
            numeric = col["kind"] not in TEXT_KINDS
            sheet.write_string(
                HEADER_ROW, index, col["label"], formats["header_number" if numeric else "header"]
            )
            widths.append(len(col["label"]))
        for offset, row in enumerate(rows, start=HEADER_ROW + 1):
            for index, col in enumerate(shown):
                kind = cell_kind(row, col)
                widths[index] = max(
                    widths[index],
                    self._write_cell(sheet, offset, index, row.get(col["key"]), kind, formats),
                )
        for index, width in enumerate(widths):
            sheet.set_column(index, index, min(max(width + 2, MIN_WIDTH), MAX_WIDTH))
        sheet.freeze_panes(HEADER_ROW + 1, 1 if section.get("style") != "kpi" else 0)
        if rows:
            sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + len(rows), len(shown) - 1)
        else:
            sheet.write_string(HEADER_ROW + 1, 0, _("No data for this period."), formats["note"])
        if section.get("chart") and rows:
            self._insert_chart(workbook, sheet, document, section, shown)

    def _write_cell(self, sheet, row, col, value, kind, formats):
        """Write one value with the format of its kind; return its display width."""
        cell_format = formats.get(kind, formats["text"])
        if value is None or value is False or value == "":
            sheet.write_blank(row, col, None, cell_format)
            return 0
        if kind in NUMERIC_KINDS:
            sheet.write_number(row, col, value / 100 if kind == "pct" else value, cell_format)
            return len(f"{value:,.2f}") + (3 if kind == "money" else 0)
        if kind == "date":
            sheet.write_datetime(row, col, date.fromisoformat(value), cell_format)
            return 10
        text = str(value)
        sheet.write_string(row, col, text, cell_format)
        return len(text)

    def _insert_chart(self, workbook, sheet, document, section, shown):
        spec = section["chart"]
        keys = [col["key"] for col in shown]
        count = min(len(section["rows"]), spec.get("limit") or CHART_MAX_POINTS)
        first, last = HEADER_ROW + 1, HEADER_ROW + count
        category = keys.index(spec["category"])
        chart = workbook.add_chart({"type": spec["type"]})
        name = sheet.get_name()
        for key in spec["values"]:
            index = keys.index(key)
            series = {
                "name": [name, HEADER_ROW, index],
                "categories": [name, first, category, last, category],
                "values": [name, first, index, last, index],
            }
            if spec["type"] == "line":
                series["marker"] = {"type": "circle", "size": 5}
            chart.add_series(series)
        value_kind = shown[keys.index(spec["values"][0])]["kind"]
        value_axis = {
            "num_format": self._money_format(document) if value_kind == "money" else "#,##0",
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
        if spec["type"] == "bar":  # categories run down the vertical axis: top first
            chart.set_y_axis({"reverse": True})
            chart.set_x_axis(value_axis)
        else:
            chart.set_y_axis(value_axis)
        chart.set_title({"name": spec.get("title") or section["title"], "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_size(
            {"width": 640, "height": max(300, 22 * count if spec["type"] == "bar" else 300)}
        )
        sheet.insert_chart(HEADER_ROW, len(shown) + 1, chart)
