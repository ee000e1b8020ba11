"""A report document: the figures of one report, computed once, in plain Python.

The document builders (``b2b_report_builders.py``) read the analytics' answers and fill
a document; the XLSX, PDF and CSV renderers beside this file lay it out and compute
nothing, so the three files of a report always show the same figures (one computed
matrix, several renderings, as mis_builder's ``kpimatrix``). The shape, as plain dicts
so QWeb, xlsxwriter and csv read it alike::

    document = {title, subtitle?, period, file_stem, csv_section, landscape?,
                company, currency, currency_symbol, currency_position,
                currency_decimals, generated_at, info: [(label, text)], sections}
    section  = {key, title, note?, style? ("kpi", "keyvalue"), columns, rows, chart?}
    column   = {key, label, kind, formats}   # formats: None (all) or e.g. ("csv",)
    chart    = {type ("line", "bar", "column"), category, values: [key], title, limit?}

A row is a dict keyed by the columns' keys. A column's kind says how its cells read:
money, int, float, pct, ratio, text, date (ISO string) or month ("YYYY-MM"); the
kind "unit" takes each row's own kind from its "unit" key (a key/value section).
"""

from odoo import _
from odoo.exceptions import UserError

NUMERIC_KINDS = ("money", "int", "float", "pct", "ratio")
TEXT_KINDS = ("text", "date", "month")
# What one export may hold, per format; wkhtmltopdf slows down badly on long tables.
MAX_ROWS = 50_000
MAX_PDF_ROWS = 5_000


def percent(fraction):
    """A fraction (P(alive) 0.94, a rate) as the percentage every file shows (94.0)."""
    return None if fraction is None or fraction is False else fraction * 100


def column(key, label, kind="text", formats=None):
    """A document column; ``formats`` limits the renderers showing it (e.g. csv only)."""
    return {"key": key, "label": label, "kind": kind, "formats": formats}


def figure(label, value, unit):
    """One row of a key/value section: a labelled value and the kind it is shown as."""
    return {"label": label, "value": value, "unit": unit}


def keyvalue_section(env, key, title, rows):
    """A section of figures, one per row (summary, CLV, RFM…), labelled in ``env``'s
    language."""
    context = {"lang": env.lang}  # noqa: F841 -- where _() finds the language
    return {
        "key": key,
        "title": title,
        "style": "keyvalue",
        "columns": [column("label", _("Figure")), column("value", _("Value"), "unit")],
        "rows": rows,
    }


def cell_kind(row, col):
    """The kind of one cell: the column's, or the row's own in a key/value section."""
    return row.get("unit", "text") if col["kind"] == "unit" else col["kind"]


def columns(section, export_format):
    """The section's columns a format shows."""
    return [
        col for col in section["columns"] if not col["formats"] or export_format in col["formats"]
    ]


def row_count(document):
    return sum(len(section["rows"]) for section in document["sections"])


def check_size(env, document, export_format):
    """Refuse a document too long for the format, before rendering it."""
    context = {"lang": env.lang}  # noqa: F841 -- where _() finds the language
    rows = row_count(document)
    limit = MAX_PDF_ROWS if export_format == "pdf" else MAX_ROWS
    if rows > limit:
        raise UserError(
            _(
                "This report has %(rows)s rows, more than the %(limit)s a %(format)s "
                "export may hold. Choose a shorter period%(hint)s.",
                rows=rows,
                limit=limit,
                format=export_format.upper(),
                hint=_(" or the Excel or CSV format") if export_format == "pdf" else "",
            )
        )
