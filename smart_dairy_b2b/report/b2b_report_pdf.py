"""PDF rendering of a report document (``b2b_report_document.py``): the QWeb template
``smart_dairy_b2b.report_b2b_document`` (``b2b_report_templates.xml``) through
wkhtmltopdf, by Odoo's ``ir.actions.report``.
"""

import io
import subprocess

from reportlab.pdfgen import canvas

from odoo import _, api, models
from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin
from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from .b2b_report_document import NUMERIC_KINDS, cell_kind, check_size, columns

PDF_TABLE_BLOCK = 20  # rows printed under one table header
# Chart units; the SVG scales them to the width of the page (viewBox).
CHART_WIDTH, CHART_HEIGHT, BAR_HEIGHT = 900, 160, 16

_pdf_header_support = {}


def format_value(env, value, kind):
    """A figure as the PDF prints it: the user's language's grouping and date order,
    money with the currency's symbol on the side Odoo's currency puts it."""
    if value is None or value is False or value == "":
        return "—"
    if kind == "money":
        return formatLang(env, value, currency_obj=env.company.currency_id)
    if kind == "int":
        return formatLang(env, value, digits=0)
    if kind in ("float", "ratio"):
        return formatLang(env, value, digits=2)
    if kind == "pct":
        return f"{formatLang(env, value, digits=1)} %"
    if kind == "date":
        return format_date(env, value)
    return str(value)


def pdf_headers_supported():
    """Whether wkhtmltopdf prints Odoo's separate header and footer (patched Qt)."""
    try:
        binary = _get_wkhtmltopdf_bin()
    except OSError:  # not installed: Odoo reports that when rendering
        return False
    if binary not in _pdf_header_support:
        try:
            version = subprocess.run(
                [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            version = ""
        _pdf_header_support[binary] = "patched qt" in version.lower()
    return _pdf_header_support[binary]


def stamp_page_numbers(content):
    """Write "Page n / N" at the foot of every page."""
    reader = PdfFileReader(io.BytesIO(content), strict=False)
    modern = hasattr(reader, "pages")  # PyPDF2 2.x names; 1.x as the fallback
    pages = (
        list(reader.pages) if modern else [reader.getPage(i) for i in range(reader.getNumPages())]
    )
    overlay_stream = io.BytesIO()
    overlay = canvas.Canvas(overlay_stream)
    for number, page in enumerate(pages, start=1):
        if modern:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
        else:
            width, height = float(page.mediaBox.getWidth()), float(page.mediaBox.getHeight())
        overlay.setPageSize((width, height))
        overlay.setFont("Helvetica", 8)
        overlay.setFillGray(0.4)
        overlay.drawCentredString(width / 2, 20, f"Page {number} / {len(pages)}")
        overlay.showPage()
    overlay.save()
    stamps = PdfFileReader(overlay_stream, strict=False)
    writer = PdfFileWriter()
    for index, page in enumerate(pages):
        if modern:
            page.merge_page(stamps.pages[index])
            writer.add_page(page)
        else:
            page.mergePage(stamps.getPage(index))
            writer.addPage(page)
    result = io.BytesIO()
    writer.write(result)
    return result.getvalue()


def row_chunks(rows):
    """Rows in blocks of at most PDF_TABLE_BLOCK (a short table stays whole)."""
    if len(rows) <= PDF_TABLE_BLOCK + 5:
        return [rows] if rows else []
    return [rows[i : i + PDF_TABLE_BLOCK] for i in range(0, len(rows), PDF_TABLE_BLOCK)]


class B2bReportPdf(models.AbstractModel):
    """Rendering values of the PDF template: the document and its formatting helpers."""

    _name = "report.smart_dairy_b2b.report_b2b_document"
    _description = "B2B Analytics Report (PDF)"

    @api.model
    def _render_document(self, document):
        """The document as PDF bytes. wkhtmltopdf built on an unpatched Qt ignores
        Odoo's separate header and footer, so then the company header is printed at the
        top of the body and the page numbers are stamped on the pages afterwards."""
        check_size(self.env, document, "pdf")
        letterhead = not pdf_headers_supported()
        # Odoo renders HTML instead of PDF while tests run unless forced; a PDF
        # export must be a PDF.
        content, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "smart_dairy_b2b.b2b_report_pdf",
                res_ids=None,
                data={"document": document, "letterhead": letterhead},
            )
        )
        return stamp_page_numbers(content) if letterhead else content

    @api.model
    def _get_report_values(self, docids, data=None):
        document = (data or {}).get("document")
        if not document:  # e.g. the report's URL opened by hand
            raise UserError(_("Export reports from B2B Analytics → Reports → Export Report."))
        letterhead = data["letterhead"]
        env = self.env
        return {
            "document": document,
            "company": env.company,
            "letterhead": letterhead,
            # Without Odoo's header on each page, the body may start near the top.
            "data_report_margin_top": 12 if letterhead else None,
            "data_report_header_spacing": 5 if letterhead else None,
            "data_report_landscape": bool(document.get("landscape")),
            "fmt": lambda row, col: format_value(env, row.get(col["key"]), cell_kind(row, col)),
            "fmt_value": lambda value, kind: format_value(env, value, kind),
            "columns": lambda section: columns(section, "pdf"),
            "is_numeric": lambda row, col: cell_kind(row, col) in NUMERIC_KINDS,
            "chart": self._chart,
            "row_chunks": row_chunks,
        }

    def _chart(self, section):
        """Geometry of a simple SVG chart of the section's first value column: vertical
        bars for time series (line/column charts), horizontal bars otherwise."""
        spec = section.get("chart")
        if not spec or not section["rows"]:
            return None
        rows = section["rows"][: spec.get("limit") or len(section["rows"])]
        key, category = spec["values"][0], spec["category"]
        kind = next(c["kind"] for c in section["columns"] if c["key"] == key)
        values = [max(row.get(key) or 0.0, 0.0) for row in rows]
        top = max(values) or 1.0
        if spec["type"] in ("line", "column"):
            slot = CHART_WIDTH / len(rows)
            width = max(slot * 0.7, 2)
            label_step = -(-len(rows) // 12)  # at most 12 axis labels
            bars = []
            for i, (row, value) in enumerate(zip(rows, values, strict=True)):
                height = value / top * (CHART_HEIGHT - 20)
                bars.append(
                    {
                        "x": round(i * slot + (slot - width) / 2, 1),
                        "y": round(CHART_HEIGHT - height, 1),
                        "width": round(width, 1),
                        "height": round(height, 1),
                        "label": str(row.get(category) or ""),
                        "label_x": round(i * slot + slot / 2, 1),
                        "show_label": i % label_step == 0,
                    }
                )
            return {
                "vertical": True,
                "title": spec.get("title"),
                "width": CHART_WIDTH,
                "height": CHART_HEIGHT + 18,
                "baseline": CHART_HEIGHT,
                "max_label": format_value(self.env, top, kind),
                "bars": bars,
            }
        label_width, value_width = 260, 130
        span = CHART_WIDTH - label_width - value_width
        bars = [
            {
                "y": i * (BAR_HEIGHT + 4),
                "width": round(max(value / top * span, 0.5), 1),
                "label": str(row.get(category) or "")[:42],
                "value": format_value(self.env, row.get(key), kind),
            }
            for i, (row, value) in enumerate(zip(rows, values, strict=True))
        ]
        return {
            "vertical": False,
            "title": spec.get("title"),
            "width": CHART_WIDTH,
            "height": len(bars) * (BAR_HEIGHT + 4),
            "label_width": label_width,
            "bar_height": BAR_HEIGHT,
            "bars": bars,
        }
