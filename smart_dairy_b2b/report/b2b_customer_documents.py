"""The documents of one customer: the dairy's internal customer report, and the
customer's own Purchase Report (what its buyers download from the portal and its
contacts receive by e-mail), built like the others in ``b2b_report_builders.py``.
"""

from odoo import _, models
from odoo.tools.misc import formatLang

from .b2b_report_document import column, figure, keyvalue_section, percent


class B2bReportBuilder(models.AbstractModel):
    _inherit = "b2b.report.builder"

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
                figure(_("Formula: discount rate"), percent(formula["discount_rate"]), "pct"),
                figure(_("Formula: retention rate"), percent(formula["retention_rate"]), "pct"),
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
                figure(_("Predictive: P(alive)"), percent(predictive["probability_alive"]), "pct"),
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
                        figure(_("P(alive)"), percent(churn["probability_alive"]), "pct"),
                        figure(
                            _("Churn risk (model)"),
                            risk_labels.get(churn["risk"], churn["risk"])
                            if customer["state"] == "approved"
                            else _("%(status)s: not assessed", status=states[customer["state"]]),
                            "text",
                        ),
                    ],
                ),
            ],
        }

    def _purchase_view(self, customer_id, date_from, date_to):
        """The customer-facing view behind a Purchase Report. A buyer's is always their
        own customer (another id is not found); an internal user's (a scheduled report
        to the customer's contacts, run as a manager) is a customer they may read."""
        portal = self.env["b2b.portal.analytics"]
        if self.env.user._is_portal():
            return portal._customer_view(date_from, date_to, customer_id)
        customer = self.env["b2b.customer"].browse(customer_id)
        customer.check_access_rights("read")
        customer.check_access_rule("read")
        return portal._view(customer, date_from, date_to)

    def _purchase_document(self, customer_id, date_from, date_to):
        """The customer's own Purchase Report: only the figures of the customer-facing
        view (``b2b.portal.analytics``), none of the dairy's internal assessments."""
        view = self._purchase_view(customer_id, date_from, date_to)
        customer, summary, period = view["customer"], view["summary"], view["period"]
        invoices, tier = view["invoices"], view["tier_progress"]
        company = self.env["b2b.customer"].browse(customer["id"]).sudo().company_id
        currency = company.currency_id
        generated_at = self._generated_at()
        invoice_types = {"invoice": _("Invoice"), "credit_note": _("Credit note")}

        tier_status = {}
        for step in tier["tiers"]:
            if step["current"]:
                tier_status[step["name"]] = _("Your tier")
            elif step["name"] == tier["next"]:
                tier_status[step["name"]] = _("Next tier")
        if tier["next"]:
            tier_note = _(
                "Spend before taxes over the last 12 months: %(spend)s; %(next)s from "
                "%(threshold)s a year.",
                spend=self._money(tier["spend_12m"], currency),
                next=tier["next"],
                threshold=self._money(tier["threshold"], currency),
            )
        else:
            tier_note = _(
                "Spend before taxes over the last 12 months: %(spend)s.",
                spend=self._money(tier["spend_12m"], currency),
            )
        slug = "".join(c if c.isalnum() else "-" for c in customer["name"].lower()).strip("-")
        return {
            "title": _("Purchase Report"),
            "subtitle": customer["name"],
            "period": period,
            "file_stem": f"purchases_{slug[:40] or 'customer'}_"
            f"{period['date_from']}_{period['date_to']}",
            "csv_section": "summary",
            "company": company.name,
            "currency": currency.name,
            "currency_symbol": currency.symbol,
            "currency_position": currency.position,
            "currency_decimals": currency.decimal_places,
            "generated_at": generated_at,
            "date_format": self._date_format(),
            "info": [
                (_("Customer"), customer["name"]),
                (_("Period"), f"{self._day(period['date_from'])} – {self._day(period['date_to'])}"),
                (_("Currency"), currency.name),
                (_("Supplier"), company.name),
                (_("Generated"), generated_at),
            ],
            "sections": [
                keyvalue_section(
                    self.env,
                    "summary",
                    _("Summary"),
                    [
                        figure(_("Customer"), customer["name"], "text"),
                        figure(_("Tier"), customer["tier"], "text"),
                        figure(_("Spend before taxes"), summary["spend_untaxed"], "money"),
                        figure(_("Spend including taxes"), summary["spend_total"], "money"),
                        figure(_("Orders"), summary["order_count"], "int"),
                        figure(
                            _("Average order before taxes"), summary["avg_order_value"], "money"
                        ),
                        figure(_("First order in the period"), summary["first_order_date"], "date"),
                        figure(_("Last order in the period"), summary["last_order_date"], "date"),
                        figure(_("Open balance"), invoices["open_balance"], "money"),
                        figure(_("Overdue"), invoices["overdue"], "money"),
                    ],
                ),
                {
                    "key": "monthly_trend",
                    "title": _("Monthly Spend"),
                    "columns": [
                        column("month", _("Month"), "month"),
                        column("orders", _("Orders"), "int"),
                        column("spend_untaxed", _("Spend before taxes"), "money"),
                        column("spend_total", _("Spend including taxes"), "money"),
                    ],
                    "rows": view["monthly_trend"],
                    "chart": {
                        "type": "column",
                        "category": "month",
                        "values": ["spend_untaxed"],
                        "title": _("Spend before taxes by month"),
                    },
                },
                {
                    "key": "products",
                    "title": _("Products"),
                    "columns": [
                        column("name", _("Product")),
                        column("quantity", _("Quantity"), "float"),
                        column("uom", _("Unit")),
                        column("spend_untaxed", _("Spend before taxes"), "money"),
                        column("orders", _("Orders"), "int"),
                    ],
                    "rows": view["products"],
                },
                {
                    "key": "tiers",
                    "title": _("Tier Progress"),
                    "note": tier_note,
                    "columns": [
                        column("name", _("Tier")),
                        column("min_annual_spend", _("Minimum annual spend"), "money"),
                        column("status", _("Status")),
                    ],
                    "rows": [
                        dict(step, status=tier_status.get(step["name"], ""))
                        for step in tier["tiers"]
                    ],
                },
                {
                    "key": "invoices",
                    "title": _("Invoices"),
                    "note": _(
                        "Latest %(shown)s of %(count)s posted invoices and credit notes.",
                        shown=len(invoices["items"]),
                        count=invoices["count"],
                    ),
                    "columns": [
                        column("name", _("Number")),
                        column("type_label", _("Type")),
                        column("date", _("Date"), "date"),
                        column("due_date", _("Due date"), "date"),
                        column("amount_total", _("Total"), "money"),
                        column("amount_due", _("Amount due"), "money"),
                        column("status", _("Status")),
                    ],
                    "rows": [
                        dict(item, type_label=invoice_types[item["type"]])
                        for item in invoices["items"]
                    ],
                },
                {
                    "key": "orders",
                    "title": _("Latest Orders"),
                    "columns": [
                        column("name", _("Order")),
                        column("date", _("Date"), "date"),
                        column("currency", _("Currency")),
                        column("amount_untaxed", _("Before taxes"), "float"),
                        column("amount_total", _("Including taxes"), "float"),
                    ],
                    "rows": view["recent_orders"],
                },
            ],
        }

    def _money(self, value, currency):
        return formatLang(self.env, value, currency_obj=currency)
