"""Each customer's ordering rhythm and who is overdue today (docs/definitions.md,
*Rhythm*): one pass over the daily rollup of the window for every visible customer; the
rule itself is the engine's (``engine/rhythm.py``)."""

from odoo import models
from odoo.tools import SQL

from ..engine import rhythm as rhythm_rule

# ISO weekdays, as PostgreSQL's isodow numbers them and the engine takes them
WEEKDAYS = range(1, 8)


class B2bAnalyticsRhythm(models.AbstractModel):
    _inherit = "b2b.analytics.descriptive"

    def _rhythms(self, as_of, customer_ids=None, overdue_only=False):
        """``{customer_id: rhythm}`` of the visible customers with a rhythm as of ``as_of``
        (the engine's dict): the approved ones, or those of ``customer_ids``.
        ``overdue_only`` leaves out the customers whose last order is too recent to be
        overdue whatever their gap (no gap is under a day, so none is overdue before 3
        days)."""
        start = rhythm_rule.window_start(as_of)
        min_days_since = rhythm_rule.overdue_threshold(1) + 1 if overdue_only else 0
        rows = self._fetch(
            SQL(
                """
                WITH days AS (
                    -- a day with two rollup rows (the tier changed that day) is one day
                    SELECT customer_id, date, SUM(revenue) AS revenue
                      FROM %(daily)s d
                     WHERE date BETWEEN %(start)s AND %(as_of)s
                       AND (%(ids)s IS NULL OR customer_id = ANY(%(ids)s))
                     GROUP BY customer_id, date
                ), gaps AS (
                    SELECT customer_id, date, revenue,
                           date - lag(date) OVER (PARTITION BY customer_id ORDER BY date) AS gap
                      FROM days
                )
                SELECT customer_id, COUNT(*) AS order_days, MAX(date) AS last_date,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_gap,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY revenue) AS median_revenue,
                       %(weekdays)s
                  FROM gaps
                  JOIN b2b_customer c ON c.id = gaps.customer_id
                 -- the lists show approved customers; a customer asked by id shows its own
                 WHERE %(ids)s IS NOT NULL OR (c.state = 'approved' AND c.active)
                 GROUP BY customer_id
                HAVING COUNT(*) >= %(min_days)s AND MAX(date) <= %(latest)s
                """,
                daily=self._daily(),
                start=start,
                as_of=as_of,
                ids=list(customer_ids) if customer_ids is not None else None,
                weekdays=SQL(", ").join(
                    SQL(
                        "COUNT(*) FILTER (WHERE extract(isodow FROM date) = %s) AS %s",
                        day,
                        SQL.identifier(f"wd{day}"),
                    )
                    for day in WEEKDAYS
                ),
                min_days=rhythm_rule.MIN_ORDER_DAYS,
                latest=as_of.fromordinal(as_of.toordinal() - min_days_since),
            )
        )
        result = {}
        for row in rows:
            rhythm = rhythm_rule.rhythm(
                row["order_days"],
                row["last_date"],
                row["median_gap"],
                row["median_revenue"],
                [row[f"wd{day}"] for day in WEEKDAYS],
                as_of,
            )
            if rhythm:
                result[row["customer_id"]] = rhythm
        return result

    def _overdue_rows(self, as_of, limit=None):
        """The visible customers overdue on ``as_of``, the most revenue at stake first,
        with their tier and account manager (names and ids)."""
        rhythms = {
            customer_id: rhythm
            for customer_id, rhythm in self._rhythms(as_of, overdue_only=True).items()
            if rhythm["overdue"]
        }
        ordered = sorted(rhythms, key=lambda cid: (-rhythms[cid]["revenue_at_stake"], cid))[
            : limit or None
        ]
        customers = self.env["b2b.customer"].sudo().browse(ordered)
        rows = []
        for customer in customers:
            rhythm = rhythms[customer.id]
            rows.append(
                dict(
                    rhythm,
                    customer_id=customer.id,
                    name=customer.name,
                    tier_id=customer.tier_id.id or None,
                    tier=customer.tier_id.name or None,
                    user_id=customer.user_id.id or None,
                    account_manager=customer.user_id.name or None,
                    customer_type=customer.customer_type,
                    region=customer.region or None,
                    company_id=customer.company_id.id,
                )
            )
        return rows
