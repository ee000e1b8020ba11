"""Report export (DESIGN.md section 7): the analytics of one report, rendered to files.

A report is computed ONCE from ``b2b.analytics.service`` into a *document*: plain data
holding a title, the period and a list of sections (typed columns, rows, an optional
chart). The renderers only lay that document out:

* XLSX: ``report.smart_dairy_b2b.b2b_report_xlsx`` (OCA ``report_xlsx``), a sheet per
  section, numbers as numbers, native charts;
* PDF: the QWeb template ``smart_dairy_b2b.report_b2b_document`` through wkhtmltopdf;
* CSV: the report's headline table.

so the three files of a report always show the same figures, in the mis_builder way
(one computed matrix, several renderings).
"""

import base64
import csv
import io
import logging
import re
import subprocess
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from reportlab.pdfgen import canvas

from odoo import _, api, fields, models
from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_datetime
from odoo.tools.misc import formatLang
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from .analytics_params import parse_choice

_logger = logging.getLogger(__name__)

REPORT_TYPES = [
    ("executive", "Executive"),
    ("customer", "Customer"),
    ("products", "Product Performance"),
    ("insights", "Customer Insights (RFM, CLV, Churn)"),
]
# Names the HTTP API uses for the same reports (DESIGN.md section 8).
REPORT_ALIASES = {"rfm": "insights", "product": "products"}
EXPORT_FORMATS = [("xlsx", "Excel (XLSX)"), ("pdf", "PDF"), ("csv", "CSV")]
MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv",
}
RELATIVE_PERIODS = [
    ("yesterday", "Yesterday"),
    ("last_week", "Last Week"),
    ("last_month", "Last Month"),
    ("last_quarter", "Last Quarter"),
    ("month_to_date", "Month to Date"),
    ("last_12_months", "Last 12 Months"),
]
COMPARE_MODES = [
    ("previous_period", "Previous Period"),
    ("previous_year", "Previous Year"),
    ("none", "No Comparison"),
]
# Column kinds; "unit" takes the kind of each row from its "unit" key.
NUMERIC_KINDS = ("money", "int", "float", "pct", "ratio")
MAX_ROWS = 50_000  # any format
MAX_PDF_ROWS = 5_000  # wkhtmltopdf slows down badly on long tables
PDF_TABLE_BLOCK = 20  # rows printed under one table header

_pdf_header_support = {}


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
    return row.get("unit", "text") if col["kind"] == "unit" else col["kind"]


def relative_period(key, today):
    """The inclusive [date_from, date_to] a relative period names, seen from ``today``."""
    if key == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if key == "last_week":  # ISO weeks: Monday to Sunday
        monday = today - timedelta(days=today.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if key == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if key == "last_quarter":
        quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return quarter_start - relativedelta(months=3), quarter_start - timedelta(days=1)
    if key == "month_to_date":
        return today.replace(day=1), today
    if key == "last_12_months":
        return today - relativedelta(months=12) + timedelta(days=1), today
    raise UserError(
        _(
            "period must be one of %(choices)s, not %(value)r.",
            choices=", ".join(k for k, _label in RELATIVE_PERIODS),
            value=key,
        )
    )


class B2bReportExportService(models.AbstractModel):
    _name = "b2b.report.export.service"
    _description = "B2B Analytics Report Export"

    # Public API (DESIGN.md section 7) ------------------------------------------------

    @api.model
    def may_export(self):
        """Whether the user may export the reports of the backend screens: every B2B
        user may export what they see (DESIGN.md section 5); the screens show their
        export buttons from this."""
        return self.env.user.has_group("smart_dairy_b2b.group_b2b_user")

    @api.model
    def export_executive_report(
        self, format="xlsx", date_from=None, date_to=None, compare="previous_period"
    ):
        return self.export_report(
            "executive", format=format, date_from=date_from, date_to=date_to, compare=compare
        )

    @api.model
    def export_customer_report(self, customer_id, date_from=None, date_to=None, format="xlsx"):
        return self.export_report(
            "customer",
            format=format,
            date_from=date_from,
            date_to=date_to,
            customer_id=customer_id,
        )

    @api.model
    def export_product_report(self, format="xlsx", date_from=None, date_to=None):
        return self.export_report("products", format=format, date_from=date_from, date_to=date_to)

    @api.model
    def export_insights_report(self, format="xlsx"):
        """RFM segments with each customer's CLV and churn risk, as of today."""
        return self.export_report("insights", format=format)

    @api.model
    def export_report(
        self,
        report,
        format="xlsx",
        date_from=None,
        date_to=None,
        customer_id=None,
        compare="previous_period",
    ):
        """``{filename, mimetype, content}`` (content base64) of one report in one format.

        ``report``: executive, customer, products or insights (alias rfm); ``format``:
        xlsx, pdf or csv. The insights report is a snapshot as of today and takes no
        period.
        """
        report = self._check_report(report)
        # A company-wide report is for B2B users; a customer report for whoever may
        # read that customer (a portal buyer: their own, DESIGN.md section 5).
        if report != "customer" and not self.may_export():
            raise AccessError(
                _("Only B2B Analytics users may export company reports; ask a sales manager.")
            )
        export_format = self._check_format(format)
        document = self._build_document(
            report,
            date_from=date_from,
            date_to=date_to,
            customer_id=customer_id,
            compare=compare,
        )
        return self._export(document, export_format)

    # Arguments ------------------------------------------------------------------

    @api.model
    def _check_report(self, report):
        report = REPORT_ALIASES.get(report, report)
        return parse_choice(report, "report", [key for key, _label in REPORT_TYPES])

    @api.model
    def _check_format(self, export_format):
        return parse_choice(export_format, "format", list(MIMETYPES))

    def _analytics(self):
        return self.env["b2b.analytics.service"]

    # Documents -------------------------------------------------------------------

    @api.model
    def _build_document(
        self, report, date_from=None, date_to=None, customer_id=None, compare="previous_period"
    ):
        """The report's figures, computed once, as a format-independent document."""
        report = self._check_report(report)
        if report == "executive":
            document = self._executive_document(date_from, date_to, compare)
        elif report == "customer":
            if not customer_id:
                raise UserError(_("The customer report needs a customer (customer_id)."))
            document = self._customer_document(customer_id, date_from, date_to)
        elif report == "products":
            document = self._product_document(date_from, date_to)
        else:
            document = self._insights_document()
        company = self.env.company
        currency = company.currency_id
        document.update(
            report=report,
            company=company.name,
            currency=currency.name,
            currency_symbol=currency.symbol,
            currency_position=currency.position,
            currency_decimals=currency.decimal_places,
            generated_at=format_datetime(self.env, fields.Datetime.now(), dt_format="short"),
        )
        document["info"] = self._document_info(document)
        return document

    def _document_info(self, document):
        period = document["period"]
        info = []
        if document.get("subtitle"):
            info.append((_("Customer"), document["subtitle"]))
        if period.get("as_of"):
            info.append((_("As of"), period["as_of"]))
        else:
            info.append((_("Period"), f"{period['date_from']} – {period['date_to']}"))
        if period.get("compare_from"):
            info.append((_("Compared with"), f"{period['compare_from']} – {period['compare_to']}"))
        info.append((_("Currency"), document["currency"]))
        if period.get("timezone"):
            info.append((_("Timezone"), period["timezone"]))
        info.append((_("Company"), document["company"]))
        info.append((_("Generated"), document["generated_at"]))
        return info

    def _file_stem(self, name, period):
        if period.get("as_of"):
            return f"{name}_{period['as_of']}"
        return f"{name}_{period['date_from']}_{period['date_to']}"

    def _executive_document(self, date_from, date_to, compare):
        data = self._analytics().get_executive_dashboard(date_from, date_to, compare)
        period, kpis = data["period"], data["kpis"]
        has_previous = bool(period["compare_from"])
        kpi_rows = [
            {
                "label": label,
                "unit": unit,
                "unit_label": self._unit_label(unit),
                "value": kpis[key]["value"],
                "previous": kpis[key]["previous"],
                "change_pct": kpis[key]["change_pct"],
            }
            for key, label, unit in (
                ("revenue", _("Revenue"), "money"),
                ("orders", _("Orders"), "int"),
                ("aov", _("Average order value"), "money"),
                ("gross_margin", _("Gross margin"), "money"),
                ("margin_pct", _("Margin %"), "pct"),
                ("active_customers", _("Active customers"), "int"),
                ("new_customers", _("New customers"), "int"),
                ("retention_rate", _("Retention rate"), "pct"),
                ("churned_customers", _("Churned customers"), "int"),
                ("repeat_purchase_rate", _("Repeat purchase rate"), "pct"),
            )
        ]
        kpi_columns = [
            column("label", _("KPI")),
            column("unit_label", _("Unit"), formats=("csv",)),
            column("value", _("Value"), "unit"),
        ]
        if has_previous:
            kpi_columns += [
                column("previous", _("Previous"), "unit"),
                column("change_pct", _("Change %"), "pct"),
            ]
        risk_labels = self._risk_labels()
        sections = [
            {
                "key": "kpis",
                "title": _("Key Performance Indicators"),
                "columns": kpi_columns,
                "rows": kpi_rows,
                "style": "kpi",
            },
            {
                "key": "revenue_trend",
                "title": _("Revenue Trend (12 months)"),
                "columns": [
                    column("period", _("Month"), "month"),
                    column("revenue", _("Revenue"), "money"),
                    column("orders", _("Orders"), "int"),
                ],
                "rows": data["revenue_trend"],
                "chart": {
                    "type": "line",
                    "category": "period",
                    "values": ["revenue"],
                    "title": _("Revenue by month"),
                },
            },
            self._forecast_section(data["forecast"]),
            {
                "key": "top_customers",
                "title": _("Top Customers"),
                "columns": [
                    column("name", _("Customer")),
                    column("tier", _("Tier")),
                    column("revenue", _("Revenue"), "money"),
                    column("orders", _("Orders"), "int"),
                    column("share_pct", _("Share %"), "pct"),
                ],
                "rows": data["top_customers"],
                "chart": {
                    "type": "bar",
                    "category": "name",
                    "values": ["revenue"],
                    "title": _("Revenue by customer"),
                },
            },
            self._top_products_section(data["top_products"]),
            {
                "key": "tiers",
                "title": _("Tier Distribution"),
                "columns": [
                    column("name", _("Tier")),
                    column("customers", _("Customers"), "int"),
                    column("revenue", _("Revenue"), "money"),
                ],
                "rows": data["tier_distribution"],
                "chart": {
                    "type": "column",
                    "category": "name",
                    "values": ["revenue"],
                    "title": _("Revenue by tier"),
                },
            },
            {
                "key": "at_risk",
                "title": _("Customers at Risk"),
                "columns": [
                    column("name", _("Customer")),
                    column("tier", _("Tier")),
                    column("risk_label", _("Churn risk")),
                    column("probability_alive", _("P(alive)"), "ratio"),
                    column("days_since_last_order", _("Days since last order"), "int"),
                    column("revenue_12m", _("Revenue (12 months)"), "money"),
                ],
                "rows": [
                    dict(row, risk_label=risk_labels.get(row["risk"], row["risk"]))
                    for row in data["at_risk_customers"]
                ],
            },
        ]
        return {
            "title": _("Executive Report"),
            "period": period,
            "file_stem": self._file_stem("executive", period),
            "sections": [section for section in sections if section],
            "csv_section": "kpis",
        }

    def _top_products_section(self, rows):
        """The top-products table, the same in the executive and customer reports."""
        return {
            "key": "top_products",
            "title": _("Top Products"),
            "columns": [
                column("name", _("Product")),
                column("quantity", _("Quantity"), "float"),
                column("revenue", _("Revenue"), "money"),
                column("margin", _("Margin"), "money"),
            ],
            "rows": rows,
        }

    def _forecast_section(self, forecast):
        if not forecast.get("periods"):
            return None
        rows = [
            {
                "period": month,
                "point": forecast["point"][i],
                "lower_80": forecast["lower_80"][i],
                "upper_80": forecast["upper_80"][i],
                "lower_95": forecast["lower_95"][i],
                "upper_95": forecast["upper_95"][i],
            }
            for i, month in enumerate(forecast["periods"])
        ]
        return {
            "key": "forecast",
            "title": _("Revenue Forecast"),
            "note": _("Method: %(method)s.", method=self._method_label(forecast.get("method"))),
            "columns": [
                column("period", _("Month"), "month"),
                column("point", _("Forecast"), "money"),
                column("lower_80", _("Low (80%)"), "money"),
                column("upper_80", _("High (80%)"), "money"),
                column("lower_95", _("Low (95%)"), "money"),
                column("upper_95", _("High (95%)"), "money"),
            ],
            "rows": rows,
        }

    def _customer_document(self, customer_id, date_from, date_to):
        data = self._analytics().get_customer_summary(customer_id, date_from, date_to)
        customer, summary, period = data["customer"], data["summary"], data["period"]
        Customer = self.env["b2b.customer"]
        types = dict(Customer._fields["customer_type"]._description_selection(self.env))
        states = dict(Customer._fields["state"]._description_selection(self.env))
        risk_labels = self._risk_labels()

        clv = data["clv"]
        historical = clv.get("historical") or {}
        formula = clv.get("formula") or {}
        predictive = clv.get("predictive") or {}
        clv_rows = []
        if historical:
            clv_rows += [
                figure(_("Historical: lifespan (months)"), historical["lifespan_months"], "float"),
                figure(
                    _("Historical: average monthly revenue"),
                    historical["avg_monthly_revenue"],
                    "money",
                ),
                figure(
                    _("Historical: orders per month"), historical["purchase_frequency"], "float"
                ),
                figure(_("Historical: average order value"), historical["aov"], "money"),
                figure(
                    _("Historical: projected CLV (36 months)"),
                    historical["projected_clv_36m"],
                    "money",
                ),
            ]
        if formula:
            clv_rows += [
                figure(_("Formula: annual revenue"), formula["annual_revenue"], "money"),
                figure(_("Formula: margin %"), formula["margin_pct"], "pct"),
                figure(_("Formula: annual margin"), formula["annual_margin"], "money"),
                figure(_("Formula: discount rate"), formula["discount_rate"], "ratio"),
                figure(_("Formula: retention rate"), formula["retention_rate"], "ratio"),
                figure(
                    _("Formula: retention measured on"),
                    self._method_label(formula["retention_source"]),
                    "text",
                ),
                figure(_("Formula: CLV (margin)"), formula["clv"], "money"),
                figure(_("Formula: CLV (revenue)"), formula["clv_revenue"], "money"),
            ]
        clv_rows.append(
            figure(_("Predictive: model"), self._method_label(predictive.get("method")), "text")
        )
        if "clv_12m" in predictive:
            clv_rows += [
                figure(
                    _("Predictive: expected orders (12 months)"),
                    predictive["expected_orders_12m"],
                    "float",
                ),
                figure(_("Predictive: P(alive)"), predictive["probability_alive"], "ratio"),
                figure(_("Predictive: expected order value"), predictive["expected_aov"], "money"),
                figure(_("Predictive: CLV (12 months)"), predictive["clv_12m"], "money"),
            ]
        rfm, churn = data["rfm"], data["churn"]
        return {
            "title": _("Customer Report"),
            "subtitle": customer["name"],
            "period": period,
            "file_stem": self._file_stem(f"customer_{self._slug(customer['name'])}", period),
            "csv_section": "summary",
            "sections": [
                keyvalue_section(
                    self.env,
                    "summary",
                    _("Summary"),
                    [
                        figure(_("Customer"), customer["name"], "text"),
                        figure(_("Tier"), customer["tier"], "text"),
                        figure(_("Customer type"), types.get(customer["customer_type"]), "text"),
                        figure(_("Status"), states.get(customer["state"]), "text"),
                        figure(_("Revenue"), summary["total_revenue"], "money"),
                        figure(_("Orders"), summary["order_count"], "int"),
                        figure(_("Average order value"), summary["avg_order_value"], "money"),
                        figure(_("Gross margin"), summary["total_margin"], "money"),
                        figure(_("First order"), summary["first_order_date"], "date"),
                        figure(_("Last order"), summary["last_order_date"], "date"),
                        figure(_("Days since last order"), summary["days_since_last_order"], "int"),
                        figure(
                            _("Average days between orders"),
                            summary["avg_days_between_orders"],
                            "float",
                        ),
                    ],
                ),
                {
                    "key": "monthly_trend",
                    "title": _("Monthly Trend"),
                    "columns": [
                        column("month", _("Month"), "month"),
                        column("orders", _("Orders"), "int"),
                        column("revenue", _("Revenue"), "money"),
                    ],
                    "rows": data["monthly_trend"],
                    "chart": {
                        "type": "line",
                        "category": "month",
                        "values": ["revenue"],
                        "title": _("Revenue by month"),
                    },
                },
                self._top_products_section(data["top_products"]),
                keyvalue_section(
                    self.env,
                    "clv",
                    _("Customer Lifetime Value"),
                    clv_rows,
                ),
                keyvalue_section(
                    self.env,
                    "rfm_churn",
                    _("RFM and Churn Risk"),
                    [
                        figure(_("Recency score (R)"), rfm["r"], "int"),
                        figure(_("Frequency score (F)"), rfm["f"], "int"),
                        figure(_("Monetary score (M)"), rfm["m"], "int"),
                        figure(_("RFM segment"), rfm["segment"], "text"),
                        figure(_("P(alive)"), churn["probability_alive"], "ratio"),
                        figure(
                            _("Churn risk"), risk_labels.get(churn["risk"], churn["risk"]), "text"
                        ),
                    ],
                ),
            ],
        }

    def _product_document(self, date_from, date_to):
        data = self._analytics().get_product_performance(date_from, date_to)
        period = data["period"]
        return {
            "title": _("Product Performance Report"),
            "period": period,
            "file_stem": self._file_stem("products", period),
            "csv_section": "products",
            "sections": [
                {
                    "key": "products",
                    "title": _("Product Performance"),
                    "note": _(
                        "ABC: A = products making the first 80%% of revenue, B = the next "
                        "15%%, C = the rest. Change %% against %(start)s – %(end)s.",
                        start=period["compare_from"],
                        end=period["compare_to"],
                    ),
                    "columns": [
                        column("name", _("Product")),
                        column("abc_class", _("ABC")),
                        column("revenue", _("Revenue"), "money"),
                        column("quantity", _("Quantity"), "float"),
                        column("margin", _("Margin"), "money"),
                        column("margin_pct", _("Margin %"), "pct"),
                        column("orders", _("Orders"), "int"),
                        column("customers", _("Customers"), "int"),
                        column("share_pct", _("Share %"), "pct"),
                        column("previous_revenue", _("Previous revenue"), "money"),
                        column("change_pct", _("Change %"), "pct"),
                    ],
                    "rows": data["products"],
                    "chart": {
                        "type": "bar",
                        "category": "name",
                        "values": ["revenue"],
                        "limit": 10,
                        "title": _("Top 10 products by revenue"),
                    },
                },
            ],
        }

    def _insights_document(self):
        analytics = self._analytics()
        rfm = analytics.get_rfm_segments()
        figures = {row["customer_id"]: row for row in analytics._insight_rows()}
        risk_labels = self._risk_labels()
        customers = []
        for row in rfm["customers"]:
            insight = figures.get(row["customer_id"], {})
            customers.append(
                dict(
                    row,
                    churn_risk=risk_labels.get(
                        insight.get("churn_risk"), insight.get("churn_risk")
                    ),
                    probability_alive=insight.get("probability_alive"),
                    clv_36m=insight.get("clv_36m"),
                    clv_formula=insight.get("clv_formula"),
                    clv_12m=insight.get("clv_12m"),
                    expected_orders_12m=insight.get("expected_orders_12m"),
                )
            )
        customers.sort(key=lambda row: (-row["monetary"], row["name"] or ""))
        period = {"as_of": rfm["as_of"], "timezone": analytics._timezone()}
        return {
            "title": _("Customer Insights Report"),
            "period": period,
            "landscape": True,  # the customer list is 14 columns wide
            "file_stem": self._file_stem("insights", period),
            "csv_section": "customers",
            "sections": [
                {
                    "key": "segments",
                    "title": _("RFM Segments"),
                    "note": self._rfm_note(rfm),
                    "columns": [
                        column("segment", _("Segment")),
                        column("customers", _("Customers"), "int"),
                        column("revenue", _("Revenue (12 months)"), "money"),
                        column("share_pct", _("Share %"), "pct"),
                    ],
                    "rows": rfm["segments"],
                    "chart": {
                        "type": "bar",
                        "category": "segment",
                        "values": ["customers"],
                        "title": _("Customers by segment"),
                    },
                },
                {
                    "key": "customers",
                    "title": _("Customers"),
                    "columns": [
                        column("name", _("Customer")),
                        column("segment", _("Segment")),
                        column("r", _("R"), "int"),
                        column("f", _("F"), "int"),
                        column("m", _("M"), "int"),
                        column("recency_days", _("Days since last order"), "int"),
                        column("frequency", _("Orders (12 months)"), "int"),
                        column("monetary", _("Revenue (12 months)"), "money"),
                        column("churn_risk", _("Churn risk")),
                        column("probability_alive", _("P(alive)"), "ratio"),
                        column("clv_36m", _("Historical CLV (36 months)"), "money"),
                        column("clv_formula", _("CLV (retention formula)"), "money"),
                        column("clv_12m", _("Predicted CLV (12 months)"), "money"),
                        column("expected_orders_12m", _("Expected orders (12 months)"), "float"),
                    ],
                    "rows": customers,
                },
            ],
        }

    def _rfm_note(self, rfm):
        """Whom the scores rank: the whole population for who sees it (ranking_population),
        else the caller's own customers, ranked among a population they do not see."""
        if rfm.get("ranking_population") is not None:
            return _(
                "Scored among %(n)s approved customers with orders; revenue of the "
                "365 days up to %(as_of)s.",
                n=rfm["ranking_population"],
                as_of=rfm["as_of"],
            )
        return _(
            "%(n)s of your customers, scored among all approved customers with orders; "
            "revenue of the 365 days up to %(as_of)s.",
            n=rfm["population"],
            as_of=rfm["as_of"],
        )

    def _risk_labels(self):
        return {"high": _("High"), "medium": _("Medium"), "low": _("Low")}

    def _method_label(self, method):
        """Readable names of the service's model and source codes."""
        return {
            "bgnbd_gamma_gamma": _("BG/NBD + Gamma-Gamma"),
            "insufficient_data": _("Not enough data"),
            "no_orders": _("No orders"),
            "model_error": _("Model not usable"),
            "holt_winters": _("Holt-Winters (trend and season)"),
            "holt": _("Holt (trend)"),
            "mean": _("Mean"),
            "tier": _("the customer's tier"),
            "overall": _("all customers"),
            "fallback": _("the setting (not measurable)"),
        }.get(method, method)

    def _unit_label(self, unit):
        return {
            "money": self.env.company.currency_id.name,
            "int": _("count"),
            "pct": "%",
        }.get(unit, "")

    @staticmethod
    def _slug(name):
        return re.sub(r"\W+", "-", (name or "").lower()).strip("-")[:40] or "customer"

    # Formatting, shared by the PDF template and the CSV writer --------------------------

    def _format_value(self, value, kind):
        """A figure as the PDF prints it (language grouping, currency symbol)."""
        if value is None or value is False or value == "":
            return "—"
        env = self.env
        if kind == "money":
            return formatLang(env, value, currency_obj=env.company.currency_id)
        if kind == "int":
            return formatLang(env, value, digits=0)
        if kind == "float":
            return formatLang(env, value, digits=2)
        if kind == "pct":
            return f"{formatLang(env, value, digits=1)} %"
        if kind == "ratio":
            return formatLang(env, value, digits=2)
        return str(value)

    def _format_cell(self, row, col):
        return self._format_value(row.get(col["key"]), cell_kind(row, col))

    def _csv_value(self, value, kind):
        if value is None or value is False:
            return ""
        if kind == "money":
            return f"{value:.{self.env.company.currency_id.decimal_places}f}"
        if kind == "int":
            return str(int(value))
        if kind in ("float", "pct"):
            return f"{value:.2f}"
        if kind == "ratio":
            return f"{value:.4f}"
        text = str(value)
        # A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        return "'" + text if text[:1] in ("=", "+", "-", "@") else text

    @staticmethod
    def _columns(section, export_format):
        return [
            col
            for col in section["columns"]
            if not col.get("formats") or export_format in col["formats"]
        ]

    # Rendering -------------------------------------------------------------------

    def _export(self, document, export_format):
        self._check_size(document, export_format)
        render = {"xlsx": self._render_xlsx, "pdf": self._render_pdf, "csv": self._render_csv}
        content = render[export_format](document)
        return {
            "filename": f"{document['file_stem']}.{export_format}",
            "mimetype": MIMETYPES[export_format],
            "content": base64.b64encode(content).decode(),
        }

    def _check_size(self, document, export_format):
        rows = sum(len(section["rows"]) for section in document["sections"])
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

    def _render_csv(self, document):
        section = next(s for s in document["sections"] if s["key"] == document["csv_section"])
        columns = self._columns(section, "csv")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(
            [
                f"{col['label']} ({document['currency']})"
                if col["kind"] == "money"
                else col["label"]
                for col in columns
            ]
        )
        for row in section["rows"]:
            writer.writerow(
                [self._csv_value(row.get(col["key"]), cell_kind(row, col)) for col in columns]
            )
        # UTF-8 with a byte order mark, so spreadsheets read the taka sign and names right.
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def _render_xlsx(self, document):
        content, _kind = self.env["ir.actions.report"]._render_xlsx(
            "smart_dairy_b2b.b2b_report_xlsx", [], data={"document": document}
        )
        return content

    def _render_pdf(self, document):
        """The QWeb PDF. wkhtmltopdf built on an unpatched Qt ignores Odoo's separate
        header and footer, so then the company header is printed at the top of the body
        and the page numbers are stamped on the pages afterwards."""
        letterhead = not self._pdf_headers_supported()
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
        if letterhead:
            content = self._stamp_page_numbers(content)
        return content

    def _pdf_headers_supported(self):
        """Whether wkhtmltopdf prints Odoo's separate header and footer (patched Qt)."""
        try:
            binary = _get_wkhtmltopdf_bin()
        except OSError:  # not installed: Odoo reports that when rendering
            return False
        if binary not in _pdf_header_support:
            try:
                version = subprocess.run(
                    [binary, "--version"],
                    capture_output=True,
                    text=True,
                    timeout=30,
                    check=False,
                ).stdout
            except (OSError, subprocess.SubprocessError):
                version = ""
            _pdf_header_support[binary] = "patched qt" in version.lower()
        return _pdf_header_support[binary]

    @staticmethod
    def _stamp_page_numbers(content):
        """Write "Page n / N" at the foot of every page."""
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        modern = hasattr(reader, "pages")  # PyPDF2 2.x names; 1.x as the fallback
        pages = (
            list(reader.pages)
            if modern
            else [reader.getPage(i) for i in range(reader.getNumPages())]
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


class B2bReportDocumentPdf(models.AbstractModel):
    """Rendering values of the PDF template: the document and its formatting helpers."""

    _name = "report.smart_dairy_b2b.report_b2b_document"
    _description = "B2B Analytics Report (PDF)"

    # Chart units; the SVG scales them to the width of the page (viewBox).
    CHART_WIDTH, CHART_HEIGHT, BAR_HEIGHT = 900, 160, 16

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        service = self.env["b2b.report.export.service"]
        document = data.get("document")
        if not document and docids:  # printed from an export wizard
            document = self.env["b2b.report.export.wizard"].browse(docids[:1])._document()
        if not document:
            raise UserError(_("Export reports from B2B Analytics → Reports → Export Report."))
        letterhead = data.get("letterhead", not service._pdf_headers_supported())
        return {
            "document": document,
            "company": self.env.company,
            "letterhead": letterhead,
            # Without Odoo's header on each page, the body may start near the top.
            "data_report_margin_top": 12 if letterhead else None,
            "data_report_header_spacing": 5 if letterhead else None,
            "data_report_landscape": bool(document.get("landscape")),
            "fmt": service._format_cell,
            "fmt_value": service._format_value,
            "columns": lambda section: service._columns(section, "pdf"),
            "is_numeric": lambda row, col: cell_kind(row, col) in NUMERIC_KINDS,
            "chart": self._chart,
            "row_chunks": self._row_chunks,
        }

    def _row_chunks(self, rows):
        """Rows in blocks of at most PDF_TABLE_BLOCK (a short table stays whole)."""
        if len(rows) <= PDF_TABLE_BLOCK + 5:
            return [rows] if rows else []
        return [rows[i : i + PDF_TABLE_BLOCK] for i in range(0, len(rows), PDF_TABLE_BLOCK)]

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
        service = self.env["b2b.report.export.service"]
        if spec["type"] in ("line", "column"):
            slot = self.CHART_WIDTH / len(rows)
            width = max(slot * 0.7, 2)
            label_step = -(-len(rows) // 12)  # at most 12 axis labels
            bars = []
            for i, (row, value) in enumerate(zip(rows, values, strict=True)):
                height = value / top * (self.CHART_HEIGHT - 20)
                bars.append(
                    {
                        "x": round(i * slot + (slot - width) / 2, 1),
                        "y": round(self.CHART_HEIGHT - height, 1),
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
                "width": self.CHART_WIDTH,
                "height": self.CHART_HEIGHT + 18,
                "baseline": self.CHART_HEIGHT,
                "max_label": service._format_value(top, kind),
                "bars": bars,
            }
        label_width, value_width = 260, 130
        span = self.CHART_WIDTH - label_width - value_width
        bars = [
            {
                "y": i * (self.BAR_HEIGHT + 4),
                "width": round(max(value / top * span, 0.5), 1),
                "label": str(row.get(category) or "")[:42],
                "value": service._format_value(row.get(key), kind),
            }
            for i, (row, value) in enumerate(zip(rows, values, strict=True))
        ]
        return {
            "vertical": False,
            "title": spec.get("title"),
            "width": self.CHART_WIDTH,
            "height": len(bars) * (self.BAR_HEIGHT + 4),
            "label_width": label_width,
            "bar_height": self.BAR_HEIGHT,
            "bars": bars,
        }
