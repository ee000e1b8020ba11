"""Discounts, channels and campaigns (docs/definitions.md, *Discounts* and *Channels and
campaigns*): what the tier discounts cost and which sales team, medium and campaign
bring revenue and new customers. One query each over the visible rollups (keyed by the
orders' sales team and UTM fields, with the lines' discount); a period and its
comparison period are two sets of rollup rows (whole months and days) in one query.
"""

from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import SQL

from .. import vocabulary
from ..engine import periods as P
from .b2b_analytics_reading import num


def _pct(numerator, denominator):
    return P.safe_ratio(numerator * 100, denominator)


# A topic's module of its layer, as docs/architecture.md lays them out: not merged.
# pylint: disable=consider-merging-classes-inherited
class B2bAnalyticsDeals(models.AbstractModel):
    _inherit = "b2b.analytics.descriptive"

    def _deals_period(self, date_from, date_to):
        """The checked period (month to date by default, like the dashboard) and the
        previous period it is compared with."""
        start, end = self._period(date_from, date_to, lambda end: end.replace(day=1))
        return start, end, P.comparison_period(start, end, "previous_period")

    def _rows_of_periods(self, start, end, previous, trend_start=None):
        """Visible rollup rows of P (``p`` = 0), of P' (``p`` = 1) and, from
        ``trend_start`` to the end of P, of the trend (``p`` = 2)."""
        trend = (
            SQL("UNION ALL SELECT 2 AS p, r.* FROM %s r", self._period_rows(trend_start, end))
            if trend_start
            else SQL()
        )
        return SQL(
            "(SELECT 0 AS p, r.* FROM %s r UNION ALL SELECT 1 AS p, r.* FROM %s r %s)",
            self._period_rows(start, end),
            self._period_rows(*previous),
            trend,
        )

    def _none_label(self, kind):
        return vocabulary.labels(self.env, vocabulary.NONE_LABELS)[kind]

    # Discounts -----------------------------------------------------------------------

    def _discount_analysis(self, start, end):
        rows = self._fetch(
            SQL(
                """
                SELECT GROUPING(tier_id) = 1 AS is_total, tier_id,
                       COUNT(DISTINCT customer_id) AS customers,
                       SUM(order_count) AS orders, SUM(revenue) AS revenue,
                       SUM(discount) AS discount, SUM(margin) AS margin
                  FROM %s r
                 GROUP BY GROUPING SETS ((tier_id), ())
                """,
                self._period_rows(start, end),
            )
        )
        total = next((row for row in rows if row["is_total"]), {})
        tiers = [row for row in rows if not row["is_total"]]
        records = self.env["b2b.customer.tier"].browse(
            [r["tier_id"] for r in tiers if r["tier_id"]]
        )
        configured = {tier.id: tier.discount_percent for tier in records.sudo()}
        names = self._names("b2b.customer.tier", configured)

        def figures(row):
            revenue, discount = num(row.get("revenue")), num(row.get("discount"))
            return {
                "revenue": revenue,
                "gross": revenue + discount,
                "discount": discount,
                "discount_pct": _pct(discount, revenue + discount),
            }

        result = []
        for row in tiers:
            customers = row["customers"]
            result.append(
                {
                    "tier_id": row["tier_id"] or None,
                    "name": names.get(row["tier_id"]) or self._none_label("tier"),
                    "customers": customers,
                    **figures(row),
                    "configured_discount_pct": configured.get(row["tier_id"]),
                    "revenue_per_customer": P.safe_ratio(num(row["revenue"]), customers),
                    "orders_per_customer": P.safe_ratio(int(row["orders"] or 0), customers),
                    "margin_pct": _pct(num(row["margin"]), num(row["revenue"])),
                }
            )
        result.sort(key=lambda tier: (-tier["revenue"], tier["tier_id"] or 0))
        return {
            "period": self._period_info(start, end),
            "total": figures(total),
            "tiers": result,
        }

    # Channels --------------------------------------------------------------------------

    def _channel_analysis(self, start, end, previous):
        """Revenue, orders and customers by sales team and by medium in P, with the
        previous period's revenue for the change, and the revenue by month and team of
        the 12 months up to the end of P (of every month of P when it is longer; like
        the dashboard's trend): one query, three grouping sets."""
        trend_start = min(start, end - relativedelta(months=11)).replace(day=1)
        rows = self._fetch(
            SQL(
                """
                SELECT GROUPING(team_id, medium_id, month) AS grouping_set,
                       team_id, medium_id, month,
                       SUM(revenue) FILTER (WHERE p = 2) AS trend_revenue,
                       SUM(revenue) FILTER (WHERE p = 0) AS revenue,
                       SUM(order_count) FILTER (WHERE p = 0) AS orders,
                       COUNT(DISTINCT customer_id) FILTER (WHERE p = 0) AS customers,
                       SUM(revenue) FILTER (WHERE p = 1) AS previous_revenue
                  FROM (SELECT r.*,
                               CASE WHEN p = 2
                                    THEN to_char(r.date, 'YYYY-MM') END AS month
                          FROM %s r) r
                 GROUP BY GROUPING SETS ((team_id), (medium_id), (team_id, month))
                """,
                self._rows_of_periods(start, end, previous, trend_start),
            )
        )
        # GROUPING(team, medium, month): bits of the columns *not* grouped
        # a team or medium seen only in the trend's months has no row of its own
        in_periods = [
            row for row in rows if row["revenue"] is not None or row["previous_revenue"] is not None
        ]
        by_team = [row for row in in_periods if row["grouping_set"] == 0b011]
        by_medium = [row for row in in_periods if row["grouping_set"] == 0b101]
        trend = [row for row in rows if row["grouping_set"] == 0b010 and row["month"]]
        teams = self._names("crm.team", [row["team_id"] for row in by_team + trend])
        mediums = self._names("utm.medium", [row["medium_id"] for row in by_medium])
        return {
            "period": self._period_info(start, end, previous),
            "channels": self._revenue_streams(by_team, "team_id", teams, "team"),
            "mediums": self._revenue_streams(by_medium, "medium_id", mediums, "medium"),
            "trend": [
                {
                    "month": row["month"],
                    "team_id": row["team_id"] or None,
                    "name": teams.get(row["team_id"]) or self._none_label("team"),
                    "revenue": num(row["trend_revenue"]),
                }
                for row in sorted(trend, key=lambda r: (r["month"], r["team_id"] or 0))
            ],
        }

    def _revenue_streams(self, rows, key, names, kind):
        total = sum(num(row["revenue"]) for row in rows)
        streams = [
            {
                key: row[key] or None,
                "name": names.get(row[key]) or self._none_label(kind),
                "revenue": num(row["revenue"]),
                "orders": int(row["orders"] or 0),
                "customers": row["customers"],
                "previous_revenue": num(row["previous_revenue"]),
                "change_pct": P.change_pct(num(row["revenue"]), num(row["previous_revenue"])),
                "share_pct": _pct(num(row["revenue"]), total),
            }
            for row in rows
        ]
        streams.sort(key=lambda stream: (-stream["revenue"], stream[key] or 0))
        return streams

    # Campaigns ---------------------------------------------------------------------------

    def _campaign_performance(self, start, end, previous):
        """Per campaign (and "no campaign"): P's orders, revenue, margin and customers,
        the previous period's revenue, and the customers it acquired: those whose first
        counted order ever (earliest day and hour, then lowest order id) falls in P and
        carries it."""
        rows = self._fetch(
            SQL(
                """
                WITH r AS %(rows)s,
                per_campaign AS (
                    SELECT campaign_id,
                           SUM(order_count) FILTER (WHERE p = 0) AS orders,
                           SUM(revenue) FILTER (WHERE p = 0) AS revenue,
                           SUM(margin) FILTER (WHERE p = 0) AS margin,
                           COUNT(DISTINCT customer_id) FILTER (WHERE p = 0) AS customers,
                           SUM(revenue) FILTER (WHERE p = 1) AS previous_revenue
                      FROM r
                     GROUP BY campaign_id
                ), newcomers AS (
                    -- active in P, first order day in P: one index probe each
                    SELECT active.customer_id, first.date
                      FROM (SELECT DISTINCT customer_id FROM r WHERE p = 0) active
                     CROSS JOIN LATERAL (SELECT MIN(h.date) AS date FROM %(history)s h
                                          WHERE h.customer_id = active.customer_id) first
                     WHERE first.date >= %(start)s
                ), first_orders AS (
                    -- the first order of that day: only its facts are read
                    SELECT n.customer_id, first_order.campaign_id
                      FROM newcomers n
                     CROSS JOIN LATERAL (SELECT f.campaign_id FROM b2b_sale_fact f
                                          WHERE f.customer_id = n.customer_id
                                            AND f.date = n.date
                                          ORDER BY f.hour, f.order_id
                                          LIMIT 1) first_order
                ), acquired AS (
                    SELECT campaign_id, COUNT(*) AS acquired_customers
                      FROM first_orders
                     GROUP BY campaign_id
                )
                SELECT c.*, COALESCE(a.acquired_customers, 0) AS acquired_customers
                  FROM per_campaign c
                  LEFT JOIN acquired a ON a.campaign_id IS NOT DISTINCT FROM c.campaign_id
                """,
                rows=self._rows_of_periods(start, end, previous),
                history=self._every_customers_rollup("daily"),
                start=start,
            )
        )
        names = self._names("utm.campaign", [row["campaign_id"] for row in rows])
        campaigns = []
        for row in rows:
            revenue, orders = num(row["revenue"]), int(row["orders"] or 0)
            campaigns.append(
                {
                    "campaign_id": row["campaign_id"] or None,
                    "name": names.get(row["campaign_id"]) or self._none_label("campaign"),
                    "orders": orders,
                    "revenue": revenue,
                    "margin": num(row["margin"]),
                    "aov": P.safe_ratio(revenue, orders),
                    "customers": row["customers"],
                    "acquired_customers": row["acquired_customers"],
                    "previous_revenue": num(row["previous_revenue"]),
                    "change_pct": P.change_pct(revenue, num(row["previous_revenue"])),
                }
            )
        campaigns.sort(key=lambda campaign: (-campaign["revenue"], campaign["campaign_id"] or 0))
        return {"period": self._period_info(start, end, previous), "campaigns": campaigns}
