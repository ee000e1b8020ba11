"""The descriptive questions of the analytics: what happened, one SQL pass each.

KPIs and the customers behind them, monthly trend, top customers and products, tiers
and a customer's figures (docs/definitions.md); spend by group, product performance,
trends, cohorts and purchase patterns are in ``b2b_analytics_breakdowns.py``. Every query
reads the facts through the reading layer; nothing here predicts (the predictive
questions build on these, never the reverse).
"""

from odoo import _, models
from odoo.tools import SQL

from .. import vocabulary
from ..engine import periods as P
from .b2b_analytics_reading import num

TOP = 10


def customer_sets(period, base):
    """Who each customer KPI of period number ``period`` counts, against its comparison
    period number ``base`` (docs/definitions.md): conditions on a row of
    ``_customer_activity``. The dashboard counts these sets, the drill-down lists them."""
    orders, base_orders = SQL.identifier(f"o{period}"), SQL.identifier(f"o{base}")
    return {
        "active_customers": SQL("%s > 0", orders),
        "new_customers": SQL.identifier(f"new{period}"),
        "repeat_purchase_rate": SQL("%s >= 2", orders),
        "retention_rate": SQL("%s > 0 AND %s > 0", orders, base_orders),
        "churned_customers": SQL("%s > 0 AND %s = 0", base_orders, orders),
    }


CUSTOMER_KPIS = tuple(name for name in vocabulary.KPI_NAMES if name in customer_sets(0, 1))


class B2bAnalyticsDescriptive(models.AbstractModel):
    _name = "b2b.analytics.descriptive"
    _inherit = "b2b.analytics.reading"
    _description = "B2B Analytics: Descriptive Questions"

    # KPIs and their customers ------------------------------------------------------

    def _customer_activity(self, periods, new_in):
        """One row per visible customer with orders in any of ``periods`` (one pass over
        the daily rollup): its orders in period i as ``o<i>`` (0 when none), revenue and
        margin of the first two periods (``r0``, ``m0``, ``r1``, ``m1``), and for each i
        of ``new_in`` whether it is new in period i (``new<i>``: active in it, no order
        before). A period may be (None, None): no orders in it."""
        columns = []
        for i, (date_from, date_to) in enumerate(periods):
            in_period = SQL("date BETWEEN %s AND %s", date_from, date_to)
            columns.append(
                SQL(
                    "COALESCE(SUM(order_count) FILTER (WHERE %s), 0) AS %s",
                    in_period,
                    SQL.identifier(f"o{i}"),
                )
            )
            if i < 2:
                columns += [
                    SQL(
                        "SUM(%s) FILTER (WHERE %s) AS %s",
                        SQL.identifier(measure),
                        in_period,
                        SQL.identifier(f"{measure[0]}{i}"),
                    )
                    for measure in ("revenue", "margin")
                ]
        # a customer is new in a period it is active in when it has no order before,
        # in any company: its first order day (b2b_sale_customer_stats) is in it; read
        # for the active customers only, by the statistics' key
        new = [
            SQL(
                """%s > 0 AND (SELECT MIN(s.first_date) FROM b2b_sale_customer_stats s
                                WHERE s.customer_id = per_customer.customer_id) >= %s AS %s""",
                SQL.identifier(f"o{i}"),
                periods[i][0],
                SQL.identifier(f"new{i}"),
            )
            for i in new_in
        ]
        # the periods' days only (a month to date and its comparisons: not the weeks
        # between them), each an index range
        days = [SQL("date BETWEEN %s AND %s", *period) for period in periods if all(period)]
        return SQL(
            """(SELECT per_customer.*, %(new)s
                  FROM (SELECT customer_id, %(columns)s
                          FROM %(daily)s d
                         WHERE %(days)s
                         GROUP BY customer_id) per_customer)""",
            new=SQL(", ").join(new),
            columns=SQL(", ").join(columns),
            daily=self._daily(),
            days=SQL(" OR ").join(days),
        )

    def _kpi_customers(self, kpi, start, end, previous):
        """Ids of the customers KPI ``kpi`` counts in [start, end] against ``previous``
        (None: no comparison: nobody is retained or churned)."""
        activity = self._customer_activity([(start, end), previous or (None, None)], [0])
        rows = self._fetch(
            SQL(
                "SELECT customer_id FROM %s activity WHERE %s ORDER BY customer_id",
                activity,
                customer_sets(0, 1)[kpi],
            )
        )
        return [row["customer_id"] for row in rows]

    def _kpis(self, start, end, previous, compare):
        """KPIs of P and P' from one pass over the daily rollup.

        Retention and churn compare a period with its base: P with P', P' with its own
        comparison period P''. Without P' (``compare`` 'none') they are None, like every
        figure needing P' (docs/definitions.md).
        """
        base_of_previous = P.comparison_period(*previous, compare) if previous else None
        periods = [(start, end), previous or (None, None), base_of_previous or (None, None)]

        def counts(period, base, prefix):
            sets = customer_sets(period, base)
            return [
                SQL("COUNT(*) FILTER (WHERE %s) AS %s", condition, SQL.identifier(prefix + name))
                for name, condition in sets.items()
            ] + [
                SQL(
                    "COUNT(*) FILTER (WHERE %s > 0) AS %s",
                    SQL.identifier(f"o{base}"),
                    SQL.identifier(prefix + "base_active"),
                )
            ]

        row = self._fetch(
            SQL(
                """
                SELECT SUM(r0) AS revenue, SUM(o0) AS orders, SUM(m0) AS margin,
                       SUM(r1) AS prev_revenue, SUM(o1) AS prev_orders, SUM(m1) AS prev_margin,
                       %s
                  FROM %s activity
                """,
                SQL(", ").join(counts(0, 1, "") + counts(1, 2, "prev_")),
                self._customer_activity(periods, [0, 1]),
            )
        )[0]
        has_previous = previous is not None

        def figures(prefix):
            revenue, orders = num(row[f"{prefix}revenue"]), int(row[f"{prefix}orders"] or 0)
            margin, active = num(row[f"{prefix}margin"]), row[f"{prefix}active_customers"]
            return {
                "revenue": revenue,
                "orders": orders,
                "aov": P.safe_ratio(revenue, orders),
                "gross_margin": margin,
                "margin_pct": P.safe_ratio(margin * 100, revenue),
                "active_customers": active,
                "new_customers": row[f"{prefix}new_customers"],
                "retention_rate": P.safe_ratio(
                    row[f"{prefix}retention_rate"] * 100, row[f"{prefix}base_active"]
                ),
                "churned_customers": row[f"{prefix}churned_customers"],
                "repeat_purchase_rate": P.safe_ratio(
                    row[f"{prefix}repeat_purchase_rate"] * 100, active
                ),
            }

        current = figures("")
        if not has_previous:
            current.update(retention_rate=None, churned_customers=None)
        before = figures("prev_") if has_previous else {}
        return {
            name: {
                "value": current[name],
                "previous": before.get(name),
                "change_pct": P.change_pct(current[name], before.get(name)),
            }
            for name in vocabulary.KPI_NAMES
        }

    # Dashboard pieces ------------------------------------------------------------------

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
                "revenue": num(by_month.get(month, {}).get("revenue")),
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
                "revenue": num(row["revenue"]),
                "orders": int(row["orders"]),
                "share_pct": P.safe_ratio(num(row["revenue"]) * 100, num(row["total"])),
            }
            for row in rows
        ]

    def _top_products(self, start, end, customer_id=None, limit=TOP):
        # per product and day for users who see (and filter) every customer; else
        # line by line
        whole_company = customer_id is None and self._reads_whole_company()
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
        return self._with_volume_weight(
            [
                {
                    "product_id": row["product_id"],
                    "name": names.get(row["product_id"]),
                    "quantity": num(row["quantity"]),
                    "revenue": num(row["revenue"]),
                    "margin": num(row["margin"]),
                }
                for row in rows
            ]
        )

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
                "revenue": num(row["revenue"]),
            }
            for row in rows
        ]

    # A customer ------------------------------------------------------------------------

    def _customer_figures(self, customer, start, end):
        """What ``customer`` bought in [start, end]: its summary, top products and
        monthly trend."""
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
        revenue, orders = num(row["revenue"]), int(row["orders"] or 0)
        first, last = row["first_order_date"], row["last_order_date"]
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
                "total_margin": num(row["margin"]),
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
        }
