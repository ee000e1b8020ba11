"""Retention over time: month by month, who was kept, who came, who came back and who
left; and the categories the customers buy (docs/definitions.md, *Retention over time*,
*Category preferences*).

Descriptive questions like those of ``b2b_analytics_descriptive.py``, one pass each
through the reading layer: over the visible monthly rollup (the days of the last month
from the daily one) for retention, over the visible category rollups for categories.

Every figure of a month m comes from the customer's *active months* (at least one counted
order) and, for each, the customer's previous and next active month. Each group is a
condition on one such row (``RETENTION_CONDITIONS``): the trend counts them per month,
the drill-down lists the customers of one group and month, so both agree by
construction.

The category is the product's *current* one: a product moved to another category counts
under the new one for every sale, past ones included. The facts' ``categ_id`` is the
category when the line was last written, so it is not read here: the category rollups
(``b2b_sale_category_rollups.sql``) are keyed by the template's current category, and a
trigger on the product's category moves its past sales (order counts per customer and
day: additive, one pass over the whole months and edge days of P; each row knows the
customer's previous day in the category, so its customers are counted without
DISTINCT).
"""

from dateutil.relativedelta import relativedelta

from odoo import _, models
from odoo.tools import SQL

from .. import vocabulary
from ..engine import periods as P
from .b2b_analytics_reading import num


def retention_conditions(month):
    """The condition of each group of ``vocabulary.RETENTION_GROUPS`` on an active-month
    row (``month``, ``prev``, ``next`` of one customer) for the month ``month`` (SQL
    of a date, the month's first day)."""
    before = SQL("(%s - interval '1 month')::date", month)
    return {
        "starting": SQL("marked.month = %s", before),
        "retained": SQL("marked.month = %s AND marked.prev = %s", month, before),
        "new": SQL("marked.month = %s AND marked.prev IS NULL", month),
        "won_back": SQL("marked.month = %s AND marked.prev < %s", month, before),
        "churned": SQL(
            "marked.month = %s AND (marked.next IS NULL OR marked.next > %s)", before, month
        ),
    }


RETENTION_GROUPS = vocabulary.keys(vocabulary.RETENTION_GROUPS)


# One module per question, as the layers ask (docs/architecture.md): a model extended
# from several files on purpose.
# pylint: disable=consider-merging-classes-inherited
class B2bAnalyticsRetention(models.AbstractModel):
    _inherit = "b2b.analytics.descriptive"

    def _active_months(self, start, end):
        """CTEs ``customers`` (customer, first and last date, orders: each visible
        customer with counted orders up to ``end``; the dates a month's first day or a
        day), ``activity`` (customer, month,
        orders: their active months from ``start``'s to ``end``'s, the last one cut at
        ``end``) and ``marked`` (the same with the customer's previous and next active
        month; before ``start``'s month, the previous is the customer's first month:
        as earlier as the real one for every group's condition, and one pass over the
        history per customer instead of one per month and customer)."""
        history = self._period_rows(None, end, money=False)
        customers = SQL(
            """SELECT customer_id, MIN(date) AS first_date, MAX(date) AS last_date,
                      SUM(order_count) AS orders
                 FROM %s h
                GROUP BY customer_id""",
            history,
        )
        if self._category_lines() is None:
            # a customer with no order after ``end`` (in the selected companies): its
            # statistics, kept in step with the facts (one row per company), not its
            # whole history; the others' from the rollups
            customers = SQL(
                """SELECT customer_id, MIN(first_date) AS first_date,
                          MAX(last_date) AS last_date, SUM(orders) AS orders
                     FROM b2b_sale_customer_stats s
                    WHERE s.customer_id IN %(visible)s AND s.company_id = ANY(%(companies)s)
                    GROUP BY customer_id
                   HAVING MAX(last_date) <= %(end)s
                   UNION ALL
                   SELECT customer_id, MIN(date), MAX(date), SUM(order_count)
                     FROM %(history)s h
                    WHERE customer_id IN (SELECT customer_id FROM b2b_sale_customer_stats
                                           WHERE company_id = ANY(%(companies)s)
                                             AND last_date > %(end)s)
                    GROUP BY customer_id""",
                visible=self._visible_customers(),
                companies=self.env.companies.ids,
                end=end,
                history=history,
            )
        return SQL(
            """customers AS MATERIALIZED (%(customers)s), activity AS (
                   SELECT customer_id, date_trunc('month', date::timestamp)::date AS month,
                          SUM(order_count) AS orders
                     FROM %(recent)s r
                    GROUP BY 1, 2
               ), marked AS (
                   SELECT a.customer_id, a.month, a.orders,
                          COALESCE(lag(a.month) OVER customer_months,
                                   NULLIF(date_trunc('month', c.first_date::timestamp)::date,
                                          a.month)) AS prev,
                          lead(a.month) OVER customer_months AS next
                     FROM activity a
                     JOIN customers c USING (customer_id)
                   WINDOW customer_months AS (PARTITION BY a.customer_id ORDER BY a.month)
               )""",
            customers=customers,
            recent=self._period_rows(start.replace(day=1), end, money=False),
        )

    def _retention_trend(self, start, end):
        """Each month of [start, end] (whole calendar months, the last cut at ``end``):
        its groups, retention, churn and win-back %; and the one-time and repeat
        buyers and average lifespan of the customers active in those months."""
        first_month, last_month = start.replace(day=1), end.replace(day=1)
        conditions = retention_conditions(SQL("months.month"))
        rows = self._fetch(
            SQL(
                """
                WITH %(active_months)s,
                months AS (
                    SELECT month::date FROM generate_series(
                        %(first_month)s::date, %(last_month)s::date, interval '1 month') month
                ), counts AS (
                    -- an active month counts in its own month and in the next one
                    SELECT months.month, %(counts)s
                      FROM marked
                     CROSS JOIN LATERAL (VALUES (marked.month),
                                                ((marked.month + interval '1 month')::date)
                                        ) months (month)
                     WHERE months.month BETWEEN %(first_month)s AND %(last_month)s
                     GROUP BY months.month
                ), firsts AS MATERIALIZED (
                    SELECT date_trunc('month', first_date::timestamp)::date AS month,
                           COUNT(*) AS customers
                      FROM customers GROUP BY 1
                ), buyers AS (
                    SELECT COUNT(*) FILTER (WHERE c.orders = 1) AS one_time_buyers,
                           COUNT(*) FILTER (WHERE c.orders > 1) AS repeat_buyers,
                           AVG(span.days) AS avg_lifespan_days
                      FROM customers c
                     CROSS JOIN LATERAL (
                            -- first and last order day: the customer's statistics when
                            -- it has no order after ``end``, else two probes of its
                            -- days (index on customer and date), not a scan
                            SELECT CASE WHEN MAX(s.last_date) <= %(end)s
                                        THEN MAX(s.last_date) - MIN(s.first_date)
                                        ELSE (SELECT MAX(h.date) - MIN(h.date)
                                                FROM %(daily)s h
                                               WHERE h.customer_id = c.customer_id
                                                 AND h.date <= %(end)s)
                                   END AS days
                              FROM b2b_sale_customer_stats s
                             WHERE s.customer_id = c.customer_id
                     ) span
                     WHERE c.last_date >= %(first_month)s
                )
                SELECT months.month, %(zeros)s,
                       (SELECT COALESCE(SUM(customers), 0) FROM firsts
                         WHERE firsts.month < months.month) AS earlier_customers,
                       buyers.one_time_buyers, buyers.repeat_buyers, buyers.avg_lifespan_days
                  FROM months
                  LEFT JOIN counts USING (month)
                 CROSS JOIN buyers
                 ORDER BY months.month
                """,
                active_months=self._active_months(first_month - relativedelta(months=1), end),
                first_month=first_month,
                last_month=last_month,
                daily=self._every_customers_rollup("daily"),
                end=end,
                counts=SQL(", ").join(
                    SQL("COUNT(*) FILTER (WHERE %s) AS %s", conditions[name], SQL.identifier(name))
                    for name in RETENTION_GROUPS
                ),
                zeros=SQL(", ").join(
                    SQL("COALESCE(counts.%s, 0) AS %s", SQL.identifier(name), SQL.identifier(name))
                    for name in RETENTION_GROUPS
                ),
            )
        )
        months = []
        for row in rows:
            starting = row["starting"]
            # customers with an earlier order who were not active the month before
            lapsed = row["earlier_customers"] - starting
            months.append(
                {
                    "month": row["month"].strftime("%Y-%m"),
                    **{name: row[name] for name in RETENTION_GROUPS},
                    "retention_pct": P.safe_ratio(row["retained"] * 100, starting),
                    "churn_pct": P.safe_ratio(row["churned"] * 100, starting),
                    "win_back_pct": P.safe_ratio(row["won_back"] * 100, lapsed),
                }
            )
        summary = rows[0] if rows else {}
        lifespan = summary.get("avg_lifespan_days")
        return {
            # whole months: the answer's period starts on the first month's first day
            "period": self._period_info(first_month, end),
            "months": months,
            "one_time_buyers": summary.get("one_time_buyers") or 0,
            "repeat_buyers": summary.get("repeat_buyers") or 0,
            "avg_lifespan_days": num(lifespan) if lifespan is not None else None,
        }

    def _retention_customers(self, group, month, end):
        """Ids of the customers of ``group`` in ``month`` (its first day), activity counted
        up to ``end``, as ``_retention_trend`` counts them."""
        rows = self._fetch(
            SQL(
                """WITH %s
                   SELECT DISTINCT customer_id FROM marked WHERE %s ORDER BY customer_id""",
                self._active_months(
                    month - relativedelta(months=1),
                    min(end, month + relativedelta(months=1, days=-1)),
                ),
                retention_conditions(SQL("%s::date", month))[group],
            )
        )
        return [row["customer_id"] for row in rows]

    # Category preferences ------------------------------------------------------------

    def _category_preferences(self, start, end, customer=None):
        """Revenue, orders and customers of [start, end] per current product category,
        of ``customer`` (None: every visible customer), by revenue."""
        rows = self._fetch(
            SQL(
                """
                SELECT c.categ_id, SUM(c.revenue * currency_table.rate) AS revenue,
                       SUM(c.orders)::integer AS orders, SUM(c.customers)::integer AS customers
                  FROM (SELECT r.categ_id, r.company_id, SUM(r.revenue) AS revenue,
                               SUM(r.order_count) AS orders,
                               -- each customer's first row in P (a customer has one
                               -- company): no DISTINCT over a year's 100,000 rows
                               COUNT(*) FILTER (WHERE r.prev_date IS NULL
                                                   OR r.prev_date < %(start)s) AS customers
                          FROM %(rows)s r
                         WHERE (%(customer)s::integer IS NULL OR r.customer_id = %(customer)s)
                         GROUP BY r.categ_id, r.company_id) c
                  JOIN %(currency_table)s ON currency_table.company_id = c.company_id
                 GROUP BY c.categ_id
                 ORDER BY revenue DESC, c.categ_id
                """,
                rows=self._period_rows(start, end, by_category=True),
                start=start,
                customer=customer.id if customer else None,
                currency_table=self._currency_table(),
            )
        )
        names = self._names("product.category", [row["categ_id"] for row in rows])
        total = sum(num(row["revenue"]) for row in rows)
        return {
            "period": self._period_info(start, end),
            "customer_id": customer.id if customer else None,
            "categories": [
                {
                    "category_id": row["categ_id"] or None,
                    "name": names.get(row["categ_id"]) or _("No category"),
                    "revenue": num(row["revenue"]),
                    "orders": row["orders"],
                    "customers": row["customers"],
                    "share_pct": P.safe_ratio(num(row["revenue"]) * 100, total),
                }
                for row in rows
            ],
        }
