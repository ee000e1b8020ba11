"""The descriptive analytics of DESIGN.md sections 6-7, one SQL pass per question.

Every query reads the analytics facts through ``_daily()`` or ``_facts()``: rows of the
customers the user may read, in the selected companies, converted to the current
company's currency. The predictive part (CLV, RFM, churn, forecasts) extends this model
in ``b2b_analytics_predictive.py``.
"""

from datetime import datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, models
from odoo.exceptions import MissingError, UserError
from odoo.tools import SQL

from .. import vocabulary
from ..engine import periods as P
from .analytics_params import (
    is_absent,
    parse_choice,
    parse_int,
    parse_period,
    parse_record_id,
)
from .b2b_analytics_scope import analytics_method

SPEND_GROUPS = {
    "customer": SQL("d.customer_id"),
    "tier": SQL("d.tier_id"),
    "customer_type": SQL("c.customer_type"),
    "region": SQL("c.region"),
    "account_manager": SQL("c.user_id"),
}
TREND_METRICS = ("revenue", "orders", "margin", "quantity", "customers", "aov")
TREND_FILTERS = ("customer_id", "tier_id", "product_id", "customer_type", "region")
MOVING_AVERAGE_WINDOW = {"day": 7, "week": 4, "month": 3}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TOP = 10
# Who each customer KPI counts (docs/definitions.md), given a customer's orders in the
# period, its orders in the comparison period and whether it had none before the period.
KPI_CUSTOMER_SETS = {
    "active_customers": lambda c: c["orders"] > 0,
    "new_customers": lambda c: c["orders"] > 0 and c["first_ever"],
    "repeat_purchase_rate": lambda c: c["orders"] >= 2,
    "retention_rate": lambda c: c["orders"] > 0 and c["base_orders"] > 0,
    "churned_customers": lambda c: c["base_orders"] > 0 and not c["orders"],
}


def _num(value):
    """SQL numbers (Decimal, None) as JSON-friendly floats."""
    return float(value) if value is not None else 0.0


class B2bAnalyticsService(models.AbstractModel):
    _name = "b2b.analytics.service"
    _inherit = "b2b.analytics.scope"
    _description = "B2B Analytics Service"

    # Building blocks -------------------------------------------------------

    def _timezone(self):
        return (
            self.env["ir.config_parameter"].sudo().get_param("smart_dairy_b2b.analytics_timezone")
            or "UTC"
        )

    def _today(self):
        return datetime.now(pytz.timezone(self._timezone())).date()

    def _fetch(self, query):
        """Run a query on up-to-date facts and return its rows as dicts."""
        self.env.flush_all()  # pending ORM writes reach the facts through their triggers
        # These queries run in milliseconds; compiling them (PostgreSQL's JIT, which
        # their cost estimates over many chunks can trigger) takes half a second.
        self.env.cr.execute("SET LOCAL jit = off")
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    def _daily(self):
        """Visible daily rollup rows (date x customer x tier), company currency."""
        return self._rollup("daily")

    def _monthly(self):
        """Visible monthly rollup rows (month x customer x tier, dated the month's first
        day), company currency."""
        return self._rollup("monthly")

    def _period_rows(self, start, end):
        """Visible rollup rows covering [start, end] (``start`` None: all up to ``end``):
        the whole months from the monthly rollup, the days around them from the daily
        one. For sums only: a row's date is its month's first day or its own day."""
        after = end + timedelta(days=1)
        months_end = after if after.day == 1 else end.replace(day=1)
        months_start = (
            start if start is None or start.day == 1 else start + relativedelta(months=1, day=1)
        )
        if months_start is not None and months_start >= months_end:
            return SQL(
                "(SELECT * FROM %s d WHERE date BETWEEN %s AND %s)", self._daily(), start, end
            )
        return SQL(
            """(SELECT * FROM %(monthly)s m
                 WHERE (%(months_start)s::date IS NULL OR date >= %(months_start)s)
                   AND date < %(months_end)s
                UNION ALL
                SELECT * FROM %(daily)s d
                 WHERE date >= %(start)s::date AND date < %(months_start)s::date
                    OR date >= %(months_end)s AND date <= %(end)s)""",
            monthly=self._monthly(),
            daily=self._daily(),
            start=start,
            months_start=months_start,
            months_end=months_end,
            end=end,
        )

    def _rollup(self, name):
        return SQL(
            """(SELECT d.date, d.customer_id, d.tier_id, d.company_id, d.order_count,
                       d.line_count, d.quantity,
                       d.revenue * currency_table.rate AS revenue,
                       (d.revenue - d.cost) * currency_table.rate AS margin
                  FROM %s d
                  JOIN %s ON currency_table.company_id = d.company_id
                 WHERE d.customer_id IN %s)""",
            self.env["b2b.sale.facts"]._rollup_rows(name),
            self._currency_table(),
            self._visible_customers(),
        )

    def _facts(self):
        """Visible counted lines, company currency."""
        return SQL(
            """(SELECT f.line_id, f.order_id, f.date, f.hour, f.customer_id, f.tier_id,
                       f.company_id, f.product_id, f.quantity,
                       f.revenue * currency_table.rate AS revenue,
                       (f.revenue - f.cost) * currency_table.rate AS margin
                  FROM b2b_sale_fact f
                  JOIN %s ON currency_table.company_id = f.company_id
                 WHERE f.customer_id IN %s)""",
            self._currency_table(),
            self._visible_customers(),
        )

    def _product_rollup(self):
        """Product rollup rows (date x company x product), company currency, shaped like
        ``_facts()``; only for users who see every customer (it has no customer)."""
        return SQL(
            """(SELECT p.date, p.company_id, p.product_id, NULL::integer AS customer_id,
                       p.quantity, p.revenue * currency_table.rate AS revenue,
                       (p.revenue - p.cost) * currency_table.rate AS margin
                  FROM %s p
                  JOIN %s ON currency_table.company_id = p.company_id)""",
            self.env["b2b.sale.facts"]._rollup_rows("product_daily"),
            self._currency_table(),
        )

    def _customer(self, customer_id):
        """The visible B2B customer with this id; the same error whether it does not
        exist or may not be read, so ids cannot be probed."""
        customer_id = parse_record_id(customer_id, "customer_id")
        customer = (
            self.env["b2b.customer"]
            .with_context(active_test=False)
            .search([("id", "=", customer_id), ("company_id", "in", self.env.companies.ids)])
        )
        if not customer:
            raise MissingError(_("No B2B customer %(id)s is available to you.", id=customer_id))
        return customer

    def _period(self, date_from, date_to, default_start=None):
        """The checked period; by default the 12 months up to ``date_to`` (today when
        absent), or ``default_start(date_to)`` when given."""
        return parse_period(
            date_from,
            date_to,
            default_start or (lambda end: end - relativedelta(months=12) + timedelta(days=1)),
            self._today(),
        )

    def _period_info(self, start, end, compare_period=None):
        return {
            "date_from": start.isoformat(),
            "date_to": end.isoformat(),
            "compare_from": compare_period[0].isoformat() if compare_period else None,
            "compare_to": compare_period[1].isoformat() if compare_period else None,
            "currency": self.env.company.currency_id.name,
            "timezone": self._timezone(),
        }

    def _names(self, model, ids):
        records = self.env[model].browse([i for i in ids if i]).with_context(active_test=False)
        return {record.id: record.display_name for record in records.sudo()}

    @api.model
    def _selection_labels(self, field_name):
        field = self.env["b2b.customer"]._fields[field_name]
        return dict(field._description_selection(self.env))

    # Executive dashboard ---------------------------------------------------

    @api.model
    @analytics_method
    def get_executive_dashboard(self, date_from=None, date_to=None, compare="previous_period"):
        compare = parse_choice(compare, "compare", P.COMPARE_MODES, default="previous_period")
        # month to date by default; a date_to alone: its month up to it
        start, end = self._period(date_from, date_to, lambda end: end.replace(day=1))
        previous = P.comparison_period(start, end, compare)
        visibility = self._visibility_key()  # keys the results kept between calls
        return {
            "period": self._period_info(start, end, previous),
            "kpis": self._kpis(start, end, previous, compare),
            "revenue_trend": self._monthly_trend(
                (end - relativedelta(months=11)).replace(day=1), end
            ),
            "top_customers": self._top_customers(start, end),
            "top_products": self._top_products(start, end),
            "tier_distribution": self._tier_distribution(start, end),
            "at_risk_customers": self._at_risk_customers(visibility),
            "forecast": self._revenue_forecast(end, visibility),
        }

    @api.model
    @analytics_method
    def get_definitions(self):
        """The vocabularies the screens show (KPIs, churn risks, comparison modes, report
        types, formats), in the user's language: the client asks, never keeps a copy."""
        return vocabulary.definitions(self.env)

    @api.model
    @analytics_method
    def get_kpi_customers(self, kpi, date_from=None, date_to=None, compare="previous_period"):
        """Ids of the B2B customers a customer KPI of the dashboard counts, for the same
        period and comparison as ``get_executive_dashboard``."""
        kpi = parse_choice(kpi, "kpi", KPI_CUSTOMER_SETS)
        compare = parse_choice(compare, "compare", P.COMPARE_MODES, default="previous_period")
        start, end = self._period(date_from, date_to, lambda end: end.replace(day=1))
        previous = P.comparison_period(start, end, compare) or (None, None)
        if kpi in ("retention_rate", "churned_customers") and previous[0] is None:
            return []
        first = min(start, previous[0] or start)
        last = max(end, previous[1] or end)
        rows = self._fetch(
            SQL(
                """
                SELECT customer_id,
                       COALESCE(SUM(order_count) FILTER (WHERE date BETWEEN %(start)s AND %(end)s),
                                0) AS orders,
                       COALESCE(SUM(order_count) FILTER (WHERE date BETWEEN %(pf)s AND %(pt)s),
                                0) AS base_orders,
                       NOT EXISTS (SELECT FROM %(history)s h
                                    WHERE h.customer_id = d.customer_id
                                      AND h.date < %(start)s) AS first_ever
                  FROM %(daily)s d
                 WHERE date BETWEEN %(first)s AND %(last)s
                 GROUP BY customer_id
                 ORDER BY customer_id
                """,
                daily=self._daily(),
                history=self.env["b2b.sale.facts"]._rollup_rows("daily"),
                start=start,
                end=end,
                pf=previous[0],
                pt=previous[1],
                first=first,
                last=last,
            )
        )
        member = KPI_CUSTOMER_SETS[kpi]
        return [row["customer_id"] for row in rows if member(row)]

    def _kpis(self, start, end, previous, compare):
        """KPIs of P and P' from one pass over the daily rollup.

        Retention and churn compare a period with its base: P with P', P' with its own
        comparison period. Without P' (``compare`` 'none') they are None, like every
        figure needing P' (DESIGN.md section 6).
        """
        base_of_previous = P.comparison_period(*previous, compare) if previous else (None, None)
        previous = base = previous or (None, None)
        periods = [(start, end), previous, base, base_of_previous]
        known = [day for period in periods for day in period if day]
        # orders of every period (o0..o3); revenue and margin of P and P' only (r0, m0, r1, m1)
        columns = [
            SQL(
                "SUM(%s) FILTER (WHERE date BETWEEN %s AND %s) AS %s",
                SQL.identifier(measure),
                date_from,
                date_to,
                SQL.identifier(f"{measure[0]}{i}"),
            )
            for i, (date_from, date_to) in enumerate(periods)
            for measure in ("order_count", "revenue", "margin")[: 3 if i < 2 else 1]
        ]
        row = self._fetch(
            SQL(
                """
                WITH per_customer AS (
                    SELECT customer_id, %(columns)s
                      FROM %(daily)s d
                     WHERE date BETWEEN %(first)s AND %(last)s
                     GROUP BY customer_id
                ), firsts AS (
                    -- a customer is new in a period it is active in when it has no order
                    -- before: one index probe each, not a scan of its whole history
                    SELECT customer_id,
                           o0 > 0 AND NOT EXISTS (
                               SELECT FROM %(history)s h
                                WHERE h.customer_id = per_customer.customer_id
                                  AND h.date < %(p0f)s) AS new0,
                           o1 > 0 AND NOT EXISTS (
                               SELECT FROM %(history)s h
                                WHERE h.customer_id = per_customer.customer_id
                                  AND h.date < %(p1f)s) AS new1
                      FROM per_customer
                )
                SELECT SUM(r0) AS revenue, SUM(o0) AS orders, SUM(m0) AS margin,
                       COUNT(*) FILTER (WHERE o0 > 0) AS active,
                       COUNT(*) FILTER (WHERE o0 >= 2) AS repeat,
                       COUNT(*) FILTER (WHERE new0) AS new,
                       COUNT(*) FILTER (WHERE o2 > 0) AS base_active,
                       COUNT(*) FILTER (WHERE o0 > 0 AND o2 > 0) AS retained,
                       SUM(r1) AS prev_revenue, SUM(o1) AS prev_orders, SUM(m1) AS prev_margin,
                       COUNT(*) FILTER (WHERE o1 > 0) AS prev_active,
                       COUNT(*) FILTER (WHERE o1 >= 2) AS prev_repeat,
                       COUNT(*) FILTER (WHERE new1) AS prev_new,
                       COUNT(*) FILTER (WHERE o3 > 0) AS prev_base_active,
                       COUNT(*) FILTER (WHERE o1 > 0 AND o3 > 0) AS prev_retained
                  FROM per_customer LEFT JOIN firsts USING (customer_id)
                """,
                columns=SQL(", ").join(columns),
                daily=self._daily(),
                history=self.env["b2b.sale.facts"]._rollup_rows("daily"),
                first=min(known),
                last=max(known),
                p0f=start,
                p1f=previous[0],
            )
        )[0]
        has_previous = previous[0] is not None

        def figures(prefix):
            revenue, orders = _num(row[f"{prefix}revenue"]), int(row[f"{prefix}orders"] or 0)
            margin, active = _num(row[f"{prefix}margin"]), row[f"{prefix}active"]
            base_active, retained = row[f"{prefix}base_active"], row[f"{prefix}retained"]
            return {
                "revenue": revenue,
                "orders": orders,
                "aov": P.safe_ratio(revenue, orders),
                "gross_margin": margin,
                "margin_pct": P.safe_ratio(margin * 100, revenue),
                "active_customers": active,
                "new_customers": row[f"{prefix}new"],
                "retention_rate": P.safe_ratio(retained * 100, base_active),
                "churned_customers": base_active - retained,
                "repeat_purchase_rate": P.safe_ratio(row[f"{prefix}repeat"] * 100, active),
            }

        current = figures("")
        if not has_previous:
            current.update(retention_rate=None, churned_customers=None)
        before = figures("prev_") if has_previous else {}
        if has_previous and base_of_previous[0] is None:
            before.update(retention_rate=None, churned_customers=None)
        return {
            name: {
                "value": value,
                "previous": before.get(name),
                "change_pct": P.change_pct(value, before.get(name)),
            }
            for name, value in current.items()
        }

    def _monthly_trend(self, start, end, customer_id=None):
        """[{period: 'YYYY-MM', revenue, orders}] for every month of [start, end]: the
        first and last month count only their days within it."""
        rows = self._fetch(
            SQL(
                """
                SELECT to_char(month, 'YYYY-MM') AS month, revenue, orders
                  FROM (SELECT date_trunc('month', date) AS month, SUM(revenue) AS revenue,
                               SUM(order_count) AS orders
                          FROM %(rows)s r
                         WHERE %(customer)s IS NULL OR customer_id = %(customer)s
                         GROUP BY 1) by_month
                """,
                rows=self._period_rows(start, end),
                customer=customer_id,
            )
        )
        by_month = {row["month"]: row for row in rows}
        return [
            {
                "period": month,
                "revenue": _num(by_month.get(month, {}).get("revenue")),
                "orders": int(by_month.get(month, {}).get("orders") or 0),
            }
            for month in P.month_range(start, end)
        ]

    def _top_customers(self, start, end, limit=TOP):
        rows = self._fetch(
            SQL(
                """
                SELECT customer_id, SUM(revenue) AS revenue, SUM(order_count) AS orders,
                       SUM(SUM(revenue)) OVER () AS total
                  FROM %s d
                 WHERE date BETWEEN %s AND %s
                 GROUP BY customer_id
                 ORDER BY revenue DESC, customer_id
                 LIMIT %s
                """,
                self._daily(),
                start,
                end,
                limit,
            )
        )
        customers = self.env["b2b.customer"].browse([r["customer_id"] for r in rows]).sudo()
        by_id = {customer.id: customer for customer in customers}
        return [
            {
                "customer_id": row["customer_id"],
                "name": by_id[row["customer_id"]].name,
                "tier": by_id[row["customer_id"]].tier_id.name or None,
                "revenue": _num(row["revenue"]),
                "orders": int(row["orders"]),
                "share_pct": P.safe_ratio(_num(row["revenue"]) * 100, _num(row["total"])),
            }
            for row in rows
        ]

    def _top_products(self, start, end, customer_id=None, limit=TOP):
        # per product and day for users who see every customer; else line by line
        whole_company = customer_id is None and self._sees_every_customer()
        rows = self._fetch(
            SQL(
                """
                SELECT product_id, SUM(quantity) AS quantity, SUM(revenue) AS revenue,
                       SUM(margin) AS margin
                  FROM %s f
                 WHERE date BETWEEN %s AND %s AND (%s IS NULL OR customer_id = %s)
                 GROUP BY product_id
                 ORDER BY revenue DESC, product_id
                 LIMIT %s
                """,
                self._product_rollup() if whole_company else self._facts(),
                start,
                end,
                customer_id,
                customer_id,
                limit,
            )
        )
        names = self._names("product.product", [row["product_id"] for row in rows])
        return [
            {
                "product_id": row["product_id"],
                "name": names.get(row["product_id"]),
                "quantity": _num(row["quantity"]),
                "revenue": _num(row["revenue"]),
                "margin": _num(row["margin"]),
            }
            for row in rows
        ]

    def _tier_distribution(self, start, end):
        rows = self._fetch(
            SQL(
                """
                SELECT tier_id, COUNT(DISTINCT customer_id) AS customers,
                       SUM(revenue) AS revenue
                  FROM %s d
                 WHERE date BETWEEN %s AND %s
                 GROUP BY tier_id
                """,
                self._daily(),
                start,
                end,
            )
        )
        tiers = self.env["b2b.customer.tier"].browse([r["tier_id"] for r in rows if r["tier_id"]])
        order = {tier.id: (tier.sequence, tier.id) for tier in tiers.sudo()}
        names = self._names("b2b.customer.tier", order)
        rows.sort(key=lambda row: order.get(row["tier_id"], (10**9, 0)))
        return [
            {
                "tier_id": row["tier_id"] or None,
                "name": names.get(row["tier_id"]) or _("No Tier"),
                "customers": row["customers"],
                "revenue": _num(row["revenue"]),
            }
            for row in rows
        ]

    # Customer summary --------------------------------------------------------

    @api.model
    @analytics_method
    def get_customer_summary(self, customer_id, date_from=None, date_to=None):
        customer = self._customer(customer_id)
        start, end = self._period(date_from, date_to)
        row = self._fetch(
            SQL(
                """
                SELECT SUM(revenue) FILTER (WHERE date BETWEEN %(start)s AND %(end)s) AS revenue,
                       SUM(order_count) FILTER (WHERE date BETWEEN %(start)s AND %(end)s)
                           AS orders,
                       SUM(margin) FILTER (WHERE date BETWEEN %(start)s AND %(end)s) AS margin,
                       COUNT(DISTINCT date) FILTER (WHERE date BETWEEN %(start)s AND %(end)s)
                           AS order_days,
                       MIN(date) FILTER (WHERE date BETWEEN %(start)s AND %(end)s)
                           AS first_in_period,
                       MAX(date) FILTER (WHERE date BETWEEN %(start)s AND %(end)s)
                           AS last_in_period,
                       MIN(date) AS first_order_date, MAX(date) AS last_order_date
                  FROM %(daily)s d
                 WHERE customer_id = %(customer)s
                """,
                daily=self._daily(),
                customer=customer.id,
                start=start,
                end=end,
            )
        )[0]
        revenue, orders = _num(row["revenue"]), int(row["orders"] or 0)
        first, last = row["first_order_date"], row["last_order_date"]
        stats = self._customer_stats(self._today(), [customer.id])  # for CLV and churn
        gaps = row["order_days"] - 1 if row["order_days"] else 0
        return {
            "customer": {
                "id": customer.id,
                "name": customer.name,
                "tier": customer.tier_id.name or None,
                "customer_type": customer.customer_type,
                "state": customer.state,
            },
            "period": self._period_info(start, end),
            "summary": {
                "total_revenue": revenue,
                "order_count": orders,
                "avg_order_value": P.safe_ratio(revenue, orders),
                "total_margin": _num(row["margin"]),
                "first_order_date": first.isoformat() if first else None,
                "last_order_date": last.isoformat() if last else None,
                "days_since_last_order": (self._today() - last).days if last else None,
                "avg_days_between_orders": (
                    (row["last_in_period"] - row["first_in_period"]).days / gaps if gaps else None
                ),
            },
            "top_products": self._top_products(start, end, customer_id=customer.id),
            "monthly_trend": [
                {"month": m["period"], "orders": m["orders"], "revenue": m["revenue"]}
                for m in self._monthly_trend(start, end, customer_id=customer.id)
            ],
            "clv": self._customer_clv(customer, stats),
            "rfm": self._customer_rfm(customer),
            "churn": self._customer_churn(customer, stats),
        }

    # Spend analytics -----------------------------------------------------------

    @api.model
    @analytics_method
    def get_spend_analytics(self, date_from=None, date_to=None, group_by="customer"):
        group_by = parse_choice(group_by, "group_by", list(SPEND_GROUPS), default="customer")
        start, end = self._period(date_from, date_to)
        rows = self._fetch(
            SQL(
                """
                SELECT %(key)s AS key, SUM(d.revenue) AS revenue,
                       SUM(d.order_count) AS orders, SUM(d.margin) AS margin,
                       COUNT(DISTINCT d.customer_id) AS customers
                  FROM %(daily)s d
                  JOIN b2b_customer c ON c.id = d.customer_id
                 WHERE d.date BETWEEN %(start)s AND %(end)s
                 GROUP BY 1
                 ORDER BY revenue DESC
                """,
                key=SPEND_GROUPS[group_by],
                daily=self._daily(),
                start=start,
                end=end,
            )
        )
        per_customer = self._fetch(
            SQL(
                """SELECT SUM(revenue) AS revenue FROM %s d
                    WHERE date BETWEEN %s AND %s GROUP BY customer_id""",
                self._daily(),
                start,
                end,
            )
        )
        names = self._group_names(group_by, [row["key"] for row in rows])
        total = sum(_num(row["revenue"]) for row in rows)
        customer_revenues = [_num(row["revenue"]) for row in per_customer]
        return {
            "period": self._period_info(start, end),
            "group_by": group_by,
            "total": {
                "revenue": total,
                "orders": sum(int(row["orders"]) for row in rows),
                "margin": sum(_num(row["margin"]) for row in rows),
                "customers": len(customer_revenues),
            },
            "rows": [
                {
                    "key": row["key"],
                    "name": names.get(row["key"]) or _("Undefined"),
                    "revenue": _num(row["revenue"]),
                    "orders": int(row["orders"]),
                    "customers": row["customers"],
                    "margin": _num(row["margin"]),
                    "aov": P.safe_ratio(_num(row["revenue"]), int(row["orders"])),
                    "share_pct": P.safe_ratio(_num(row["revenue"]) * 100, total),
                }
                for row in rows
            ],
            "pareto": {
                "top_10_pct_share": P.pareto_share(customer_revenues, 0.1),
                "top_20_pct_share": P.pareto_share(customer_revenues, 0.2),
            },
        }

    def _group_names(self, group_by, keys):
        if group_by == "customer":
            return self._names("b2b.customer", keys)
        if group_by == "tier":
            return self._names("b2b.customer.tier", keys)
        if group_by == "account_manager":
            return self._names("res.users", keys)
        return self._selection_labels(group_by)

    # Product performance -------------------------------------------------------

    @api.model
    @analytics_method
    def get_product_performance(self, date_from=None, date_to=None, limit=None):
        limit = parse_int(limit, "limit", minimum=1, maximum=10000, default=0) or None
        start, end = self._period(date_from, date_to)
        previous = P.comparison_period(start, end, "previous_period")
        rows = self._fetch(
            SQL(
                """
                SELECT product_id,
                       SUM(revenue) FILTER (WHERE date >= %(start)s) AS revenue,
                       SUM(quantity) FILTER (WHERE date >= %(start)s) AS quantity,
                       SUM(margin) FILTER (WHERE date >= %(start)s) AS margin,
                       COUNT(DISTINCT order_id) FILTER (WHERE date >= %(start)s) AS orders,
                       COUNT(DISTINCT customer_id) FILTER (WHERE date >= %(start)s)
                           AS customers,
                       SUM(revenue) FILTER (WHERE date BETWEEN %(previous_from)s
                                                           AND %(previous_to)s)
                           AS previous_revenue
                  FROM %(facts)s f
                 WHERE date BETWEEN %(previous_from)s AND %(end)s
                 GROUP BY product_id
                HAVING COUNT(*) FILTER (WHERE date >= %(start)s) > 0
                 ORDER BY revenue DESC, product_id
                """,
                facts=self._facts(),
                start=start,
                end=end,
                previous_from=previous[0],
                previous_to=previous[1],
            )
        )
        total = sum(_num(row["revenue"]) for row in rows)
        classes = P.abc_classes([_num(row["revenue"]) for row in rows])
        rows = rows[:limit] if limit else rows
        names = self._names("product.product", [row["product_id"] for row in rows])
        products = []
        for row, abc in zip(rows, classes, strict=False):
            revenue, margin = _num(row["revenue"]), _num(row["margin"])
            previous_revenue = _num(row["previous_revenue"])
            products.append(
                {
                    "product_id": row["product_id"],
                    "name": names.get(row["product_id"]),
                    "revenue": revenue,
                    "quantity": _num(row["quantity"]),
                    "margin": margin,
                    "margin_pct": P.safe_ratio(margin * 100, revenue),
                    "orders": row["orders"],
                    "customers": row["customers"],
                    "share_pct": P.safe_ratio(revenue * 100, total),
                    "previous_revenue": previous_revenue,
                    "change_pct": P.change_pct(revenue, previous_revenue),
                    "abc_class": abc,
                }
            )
        return {"period": self._period_info(start, end, previous), "products": products}

    # Trends ----------------------------------------------------------------------

    @api.model
    @analytics_method
    def get_trend(
        self,
        metric="revenue",
        granularity="month",
        date_from=None,
        date_to=None,
        forecast_periods=0,
        filters=None,
    ):
        metric = parse_choice(metric, "metric", TREND_METRICS, default="revenue")
        granularity = parse_choice(granularity, "granularity", P.GRANULARITIES, default="month")
        forecast_periods = parse_int(forecast_periods, "forecast_periods", 0, 36, default=0)
        filters = self._trend_filters(filters)
        start, end = self._period(date_from, date_to)
        if granularity == "day" and (end - start).days > 3 * 366:
            raise UserError(_("A daily trend may span at most 3 years; use weeks or months."))
        value_sql = {
            "revenue": SQL("SUM(revenue)"),
            "margin": SQL("SUM(margin)"),
            "quantity": SQL("SUM(quantity)"),
            "customers": SQL("COUNT(DISTINCT customer_id)"),
            "orders": SQL("COUNT(DISTINCT order_id)")
            if "product_id" in filters
            else SQL("SUM(order_count)"),
        }
        value_sql["aov"] = SQL("%s / NULLIF(%s, 0)", value_sql["revenue"], value_sql["orders"])
        conditions = [SQL("date BETWEEN %s AND %s", start, end)] + [
            SQL(
                "%s = %s",
                SQL.identifier("c", key)
                if key in ("customer_type", "region")
                else SQL.identifier("d", key),
                value,
            )
            for key, value in filters.items()
        ]
        rows = self._fetch(
            SQL(
                """
                SELECT date_trunc(%s, date)::date AS bucket, %s AS value
                  FROM %s d JOIN b2b_customer c ON c.id = d.customer_id
                 WHERE %s
                 GROUP BY 1
                """,
                granularity,
                value_sql[metric],
                self._facts() if "product_id" in filters else self._daily(),
                SQL(" AND ").join(conditions),
            )
        )
        by_bucket = {row["bucket"]: row["value"] for row in rows}
        values = [
            _num(by_bucket.get(bucket)) for bucket, _end in P.buckets(start, end, granularity)
        ]
        window = MOVING_AVERAGE_WINDOW[granularity]
        series = []
        for index, ((bucket, _end), value) in enumerate(
            zip(P.buckets(start, end, granularity), values, strict=True)
        ):
            recent = values[max(0, index - window + 1) : index + 1]
            series.append(
                {
                    "period": bucket.isoformat(),
                    "value": value,
                    "change_pct": P.change_pct(value, values[index - 1]) if index else None,
                    "moving_average": sum(recent) / len(recent),
                }
            )
        result = {
            "metric": metric,
            "granularity": granularity,
            "period": self._period_info(start, end),
            "filters": filters,
            "series": series,
        }
        if forecast_periods:
            result["forecast"] = self._forecast_series(
                values, [s["period"] for s in series], granularity, forecast_periods
            )
        return result

    def _trend_filters(self, filters):
        if is_absent(filters):
            return {}
        if not isinstance(filters, dict):
            raise UserError(_('filters must be an object such as {"tier_id": 3}.'))
        unknown = set(filters) - set(TREND_FILTERS)
        if unknown:
            raise UserError(
                _(
                    "Unknown filter %(names)s; filters are %(known)s.",
                    names=", ".join(sorted(map(str, unknown))),
                    known=", ".join(TREND_FILTERS),
                )
            )
        clean = {}
        for key, value in filters.items():
            if key in ("customer_type", "region"):
                clean[key] = parse_choice(value, key, list(self._selection_labels(key)))
            else:
                clean[key] = parse_record_id(value, key)
        return clean

    # Cohorts and purchase patterns ---------------------------------------------

    @api.model
    @analytics_method
    def get_cohort_retention(self, date_from=None, date_to=None):
        start, end = self._period(date_from, date_to)
        current_month = self._today().replace(day=1)
        rows = self._fetch(
            SQL(
                """
                WITH visible AS %(daily)s,
                firsts AS (
                    SELECT customer_id, date_trunc('month', MIN(date))::date AS cohort
                      FROM visible GROUP BY customer_id
                ), activity AS (
                    SELECT customer_id, date_trunc('month', date)::date AS month,
                           SUM(revenue) AS revenue
                      FROM visible GROUP BY 1, 2
                )
                SELECT f.cohort, a.month, COUNT(*) AS customers, SUM(a.revenue) AS revenue
                  FROM firsts f JOIN activity a USING (customer_id)
                 WHERE f.cohort BETWEEN %(start)s AND %(end)s AND a.month <= %(now)s
                 GROUP BY 1, 2
                 ORDER BY 1, 2
                """,
                daily=self._daily(),
                start=start.replace(day=1),
                end=end,
                now=current_month,
            )
        )
        cohorts = {}
        for row in rows:
            cohorts.setdefault(row["cohort"], {})[row["month"].strftime("%Y-%m")] = row
        result = []
        for cohort, months in cohorts.items():
            size = months[cohort.strftime("%Y-%m")]["customers"]
            active = [months.get(month, {}) for month in P.month_range(cohort, current_month)]
            result.append(
                {
                    "cohort": cohort.strftime("%Y-%m"),
                    "size": size,
                    "retention": [P.safe_ratio(a.get("customers", 0) * 100, size) for a in active],
                    "revenue": [_num(a.get("revenue")) for a in active],
                }
            )
        return {"period": self._period_info(start, end), "cohorts": result}

    @api.model
    @analytics_method
    def get_purchase_patterns(self, date_from=None, date_to=None, customer_id=None):
        customer = None if is_absent(customer_id) else self._customer(customer_id)
        start, end = self._period(date_from, date_to)
        params = {
            "facts": self._facts(),
            "start": start,
            "end": end,
            "customer": customer.id if customer else None,
        }
        scoped = SQL(
            """(SELECT * FROM %(facts)s f WHERE date BETWEEN %(start)s AND %(end)s
                  AND (%(customer)s IS NULL OR customer_id = %(customer)s))""",
            **params,
        )
        weekdays = self._fetch(
            SQL(
                """SELECT extract(isodow FROM date)::int AS day, COUNT(DISTINCT order_id) AS orders,
                          SUM(revenue) AS revenue
                     FROM %s f GROUP BY 1""",
                scoped,
            )
        )
        hours = self._fetch(
            SQL(
                """SELECT hour, COUNT(DISTINCT order_id) AS orders, SUM(revenue) AS revenue
                     FROM %s f GROUP BY 1""",
                scoped,
            )
        )
        basket = self._fetch(
            SQL(
                """
                WITH orders AS (
                    SELECT order_id, COUNT(*) AS lines, SUM(quantity) AS quantity,
                           SUM(revenue) AS revenue
                      FROM %s f GROUP BY order_id
                )
                SELECT COUNT(*) AS orders, AVG(lines) AS avg_lines,
                       AVG(quantity) AS avg_quantity, AVG(revenue) AS avg_revenue,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY revenue) AS median_revenue,
                       COUNT(*) FILTER (WHERE lines = 1) AS l1,
                       COUNT(*) FILTER (WHERE lines BETWEEN 2 AND 3) AS l2_3,
                       COUNT(*) FILTER (WHERE lines BETWEEN 4 AND 6) AS l4_6,
                       COUNT(*) FILTER (WHERE lines BETWEEN 7 AND 10) AS l7_10,
                       COUNT(*) FILTER (WHERE lines > 10) AS l11
                  FROM orders
                """,
                scoped,
            )
        )[0]
        gaps = self._fetch(
            SQL(
                """
                WITH days AS (SELECT DISTINCT customer_id, date FROM %s f),
                gaps AS (
                    SELECT date - lag(date) OVER (PARTITION BY customer_id ORDER BY date) AS gap
                      FROM days
                )
                SELECT AVG(gap) AS mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median,
                       COUNT(*) FILTER (WHERE gap = 1) AS d1,
                       COUNT(*) FILTER (WHERE gap BETWEEN 2 AND 3) AS d2_3,
                       COUNT(*) FILTER (WHERE gap BETWEEN 4 AND 7) AS d4_7,
                       COUNT(*) FILTER (WHERE gap BETWEEN 8 AND 14) AS d8_14,
                       COUNT(*) FILTER (WHERE gap BETWEEN 15 AND 30) AS d15_30,
                       COUNT(*) FILTER (WHERE gap > 30) AS d31
                  FROM gaps WHERE gap IS NOT NULL
                """,
                scoped,
            )
        )[0]
        by_day = {row["day"]: row for row in weekdays}
        by_hour = {row["hour"]: row for row in hours}
        return {
            "period": self._period_info(start, end),
            "customer_id": customer.id if customer else None,
            "by_weekday": [
                {
                    "weekday": index,
                    "name": name,
                    "orders": by_day.get(index, {}).get("orders", 0),
                    "revenue": _num(by_day.get(index, {}).get("revenue")),
                }
                for index, name in enumerate(WEEKDAYS, start=1)
            ],
            "by_hour": [
                {
                    "hour": hour,
                    "orders": by_hour.get(hour, {}).get("orders", 0),
                    "revenue": _num(by_hour.get(hour, {}).get("revenue")),
                }
                for hour in range(24)
            ],
            "basket": {
                "orders": basket["orders"],
                "avg_lines": _num(basket["avg_lines"]),
                "avg_quantity": _num(basket["avg_quantity"]),
                "avg_revenue": _num(basket["avg_revenue"]),
                "median_revenue": _num(basket["median_revenue"]),
                "lines_histogram": [
                    {"lines": label, "orders": basket[key]}
                    for label, key in (
                        ("1", "l1"),
                        ("2-3", "l2_3"),
                        ("4-6", "l4_6"),
                        ("7-10", "l7_10"),
                        ("11+", "l11"),
                    )
                ],
            },
            "days_between_orders": {
                "mean": float(gaps["mean"]) if gaps["mean"] is not None else None,
                "median": float(gaps["median"]) if gaps["median"] is not None else None,
                "histogram": [
                    {"days": label, "count": gaps[key]}
                    for label, key in (
                        ("1", "d1"),
                        ("2-3", "d2_3"),
                        ("4-7", "d4_7"),
                        ("8-14", "d8_14"),
                        ("15-30", "d15_30"),
                        ("31+", "d31"),
                    )
                ],
            },
        }
