"""Document builders: each report's figures, read once from the analytics' answers and
laid out as a report document (``b2b_report_document.py``) that the XLSX, PDF and CSV
renderers print. The builders read the public answers of ``b2b.analytics.service``
and ``b2b.portal.analytics`` and never render; the export service
(``models/b2b_report_export_service.py``) has checked the arguments before they run.
The documents of one customer are in ``b2b_customer_documents.py``.
"""

import re

from odoo import _, api, fields, models
from odoo.tools import format_date, format_datetime

from .. import vocabulary
from .b2b_report_document import column, percent

# The export's unit of each KPI kind of the vocabulary.
KPI_UNITS = {"money": "money", "count": "int", "pct": "pct"}


class B2bReportBuilder(models.AbstractModel):
    _name = "b2b.report.builder"
    _description = "B2B Analytics Report Documents"

    def _analytics(self):
        return self.env["b2b.analytics.service"]

    @api.model
    def _build(self, report, date_from=None, date_to=None, customer_id=None, compare=None):
        """The document of one report (a key of ``vocabulary.REPORT_TYPES``, or
        "purchases": the customer's own Purchase Report), from checked arguments."""
        if report == "purchases":
            return self._purchase_document(customer_id, date_from, date_to)
        if report == "executive":
            document = self._executive_document(date_from, date_to, compare)
        elif report == "customer":
            document = self._customer_document(customer_id, date_from, date_to)
        elif report == "products":
            document = self._product_document(date_from, date_to)
        elif report == "overdue":
            document = self._overdue_document()  # report/b2b_report_rhythm.py
        elif report == "campaigns":  # b2b_report_deals.py
            document = self._campaigns_document(date_from, date_to)
        elif report == "credit":
            document = self._credit_document(date_from, date_to)
        else:
            document = self._insights_document()
        company = self.env.company
        currency = company.currency_id
        document.update(
            company=company.name,
            currency=currency.name,
            currency_symbol=currency.symbol,
            currency_position=currency.position,
            currency_decimals=currency.decimal_places,
            date_format=self._date_format(),
            generated_at=self._generated_at(),
        )
        document["info"] = self._document_info(document)
        return document

    def _date_format(self):
        """The user's language's date format (strftime), for the files' dates."""
        return self.env["res.lang"]._lang_get(self.env.lang or "en_US").date_format

    def _generated_at(self):
        """Now, in the analytics timezone the figures count in, the zone named."""
        timezone = self.env["b2b.analytics.reading"]._timezone()
        now = format_datetime(self.env, fields.Datetime.now(), tz=timezone, dt_format=False)
        return f"{now} ({timezone})"

    def _day(self, value):
        """An ISO date in the user's language."""
        return format_date(self.env, value) if value else ""

    def _document_info(self, document):
        period = document["period"]
        info = []
        if document.get("subtitle"):
            info.append((_("Customer"), document["subtitle"]))
        if period.get("as_of"):
            info.append((_("As of"), self._day(period["as_of"])))
        else:
            period_text = f"{self._day(period['date_from'])} – {self._day(period['date_to'])}"
            info.append((_("Period"), period_text))
        if period.get("compare_from"):
            compared = f"{self._day(period['compare_from'])} – {self._day(period['compare_to'])}"
            info.append((_("Compared with"), compared))
        filters = self._analytics()._filters_label()
        if filters:
            info.append((_("Filters"), filters))
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
                "label": vocabulary.text(self.env, label),
                "unit": KPI_UNITS[kind],
                "unit_label": self._unit_label(KPI_UNITS[kind]),
                "value": kpis[key]["value"],
                "previous": kpis[key]["previous"],
                "change_pct": kpis[key]["change_pct"],
            }
            for key, label, kind, _higher_is_better, _definition in vocabulary.KPIS
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
                "note": _(
                    "Approved customers whose churn risk (model) is high or medium, as of "
                    "today; not the RFM segment 'At Risk' (docs/definitions.md)."
                ),
                "columns": [
                    column("name", _("Customer")),
                    column("tier", _("Tier")),
                    column("risk_label", _("Churn risk (model)")),
                    column("probability_alive", _("P(alive)"), "pct"),
                    column("days_since_last_order", _("Days since last order"), "int"),
                    column("revenue_12m", _("Revenue (12 months)"), "money"),
                ],
                "rows": [
                    dict(
                        row,
                        risk_label=risk_labels.get(row["risk"], row["risk"]),
                        probability_alive=percent(row["probability_alive"]),
                    )
                    for row in data["at_risk_customers"]
                ],
            },
            *self._executive_credit_sections(period),
        ]
        sections += self._retention_sections(period)
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
                column("volume_l", _("Volume (L)"), "float"),
                column("weight_kg", _("Weight (kg)"), "float"),
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
                        column("volume_l", _("Volume (L)"), "float"),
                        column("weight_kg", _("Weight (kg)"), "float"),
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
                    probability_alive=percent(insight.get("probability_alive")),
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
                        column("segment", _("RFM segment")),
                        column("r", _("R"), "int"),
                        column("f", _("F"), "int"),
                        column("m", _("M"), "int"),
                        column("recency_days", _("Days since last order"), "int"),
                        column("frequency", _("Orders (12 months)"), "int"),
                        column("monetary", _("Revenue (12 months)"), "money"),
                        column("churn_risk", _("Churn risk (model)")),
                        column("probability_alive", _("P(alive)"), "pct"),
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
        return vocabulary.labels(self.env, vocabulary.CHURN_RISKS)

    def _method_label(self, method):
        """Readable names of the service's model and source codes."""
        return {
            "bgnbd_gamma_gamma": _("BG/NBD + Gamma-Gamma"),
            "insufficient_data": _("Not enough data"),
            "not_fitted": _("Not fitted yet"),
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
