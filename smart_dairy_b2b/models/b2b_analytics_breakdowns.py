"""The descriptive questions that break the figures down: spend by group, product
performance, trends over time, cohorts and the purchase patterns (weekday, hour,
basket, days between orders).

Part of the descriptive model (``b2b_analytics_descriptive.py``), kept apart for its
size; like it, it reads the facts through the reading layer and predicts nothing.
"""

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import periods as P
from .analytics_params import is_absent, parse_choice, parse_record_id
from .b2b_analytics_reading import num

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


class B2bAnalyticsDescriptive(models.AbstractModel):
    _inherit = "b2b.analytics.descriptive"

    # Spend and products ----------------------------------------------------------------

    def _spend(self, start, end, group_by):
        """Revenue, orders, margin and customers of [start, end] per ``group_by`` key
        (``SPEND_GROUPS``), with the Pareto shares of the customers."""
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
        total = sum(num(row["revenue"]) for row in rows)
        customer_revenues = [num(row["revenue"]) for row in per_customer]
        return {
            "period": self._period_info(start, end),
            "group_by": group_by,
            "total": {
                "revenue": total,
                "orders": sum(int(row["orders"]) for row in rows),
                "margin": sum(num(row["margin"]) for row in rows),
                "customers": len(customer_revenues),
            },
            "rows": [
                {
                    "key": row["key"],
                    "name": names.get(row["key"]) or _("Undefined"),
                    "revenue": num(row["revenue"]),
                    "orders": int(row["orders"]),
                    "customers": row["customers"],
                    "margin": num(row["margin"]),
                    "aov": P.safe_ratio(num(row["revenue"]), int(row["orders"])),
                    "share_pct": P.safe_ratio(num(row["revenue"]) * 100, total),
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

    def _product_performance(self, start, end, limit):
        """Each product's figures of [start, end] against the previous period, with its
        ABC class; the first ``limit`` products (None: all)."""
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
        total = sum(num(row["revenue"]) for row in rows)
        classes = P.abc_classes([num(row["revenue"]) for row in rows])
        rows = rows[:limit] if limit else rows
        names = self._names("product.product", [row["product_id"] for row in rows])
        products = []
        for row, abc in zip(rows, classes, strict=False):
            revenue, margin = num(row["revenue"]), num(row["margin"])
            previous_revenue = num(row["previous_revenue"])
            products.append(
                {
                    "product_id": row["product_id"],
                    "name": names.get(row["product_id"]),
                    "revenue": revenue,
                    "quantity": num(row["quantity"]),
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
        products = self._with_volume_weight(products)
        return {"period": self._period_info(start, end, previous), "products": products}

    # Trends ----------------------------------------------------------------------

    def _trend(self, metric, granularity, start, end, filters):
        """``metric`` per ``granularity`` bucket of [start, end], zero-filled, with the
        change and moving average of each bucket; ``filters`` checked by
        ``_trend_filters``."""
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
        values = [num(by_bucket.get(bucket)) for bucket, _end in P.buckets(start, end, granularity)]
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
        return {
            "metric": metric,
            "granularity": granularity,
            "period": self._period_info(start, end),
            "filters": filters,
            "series": series,
        }

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

    def _cohorts(self, start, end):
        """Monthly cohorts (by first order month) of [start, end]: their size, retention
        and revenue each month up to the current one."""
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
                    "revenue": [num(a.get("revenue")) for a in active],
                }
            )
        return {"period": self._period_info(start, end), "cohorts": result}

    def _purchase_patterns(self, customer, start, end):
        """Orders by weekday and hour, the basket and the days between orders in
        [start, end], of ``customer`` (None: every visible customer)."""
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
                    "revenue": num(by_day.get(index, {}).get("revenue")),
                }
                for index, name in enumerate(WEEKDAYS, start=1)
            ],
            "by_hour": [
                {
                    "hour": hour,
                    "orders": by_hour.get(hour, {}).get("orders", 0),
                    "revenue": num(by_hour.get(hour, {}).get("revenue")),
                }
                for hour in range(24)
            ],
            "basket": {
                "orders": basket["orders"],
                "avg_lines": num(basket["avg_lines"]),
                "avg_quantity": num(basket["avg_quantity"]),
                "avg_revenue": num(basket["avg_revenue"]),
                "median_revenue": num(basket["median_revenue"]),
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
