"""Each customer's ordering rhythm and who is overdue today (docs/definitions.md,
*Rhythm*): one pass over the daily rollup of the window for every visible customer; the
rule itself is the engine's (``engine/rhythm.py``)."""

from odoo import models
from odoo.tools import SQL

from ..engine import rhythm as rhythm_rule


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
                WITH candidates AS (
                    -- the lists show approved customers; a customer asked by id its own.
                    -- Whose last order falls in the window, and late enough: one index
                    -- probe each, so the window is read only for the customers it may flag
                    SELECT c.id FROM b2b_customer c
                     CROSS JOIN LATERAL (SELECT MAX(h.date) AS last_date FROM %(all_daily)s h
                                          WHERE h.customer_id = c.id AND h.date <= %(as_of)s
                                        ) last
                     WHERE (%(ids)s IS NULL AND c.state = 'approved' AND c.active
                            OR c.id = ANY(%(ids)s))
                       AND last.last_date BETWEEN %(start)s AND %(latest)s
                )
                -- order days as day numbers from the window's start (small integers are
                -- what the driver reads fastest); a day with two rollup rows (the tier
                -- changed that day) comes twice, and the engine counts it once
                SELECT customer_id, array_agg(date - %(start)s ORDER BY date) AS days,
                       array_agg(revenue::float8 ORDER BY date) AS revenues
                  FROM %(daily)s d
                 WHERE date BETWEEN %(start)s AND %(as_of)s
                   AND customer_id IN (SELECT id FROM candidates)
                 GROUP BY customer_id
                HAVING COUNT(*) >= %(min_days)s
                """,
                daily=self._daily(),
                all_daily=self.env["b2b.sale.facts"]._rollup_rows("daily"),
                start=start,
                as_of=as_of,
                ids=list(customer_ids) if customer_ids is not None else None,
                min_days=rhythm_rule.MIN_ORDER_DAYS,
                latest=as_of.fromordinal(as_of.toordinal() - min_days_since),
            )
        )
        result = {}
        for row in rows:
            rhythm = rhythm_rule.rhythm_from_offsets(row["days"], row["revenues"], as_of)
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
        # plain columns in one query, the few tiers' and managers' names by the ORM:
        # no field access per customer for thousands of them
        self.env["b2b.customer"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT id, name, tier_id, user_id, customer_type, region, company_id
                     FROM b2b_customer WHERE id = ANY(%s)""",
                ordered,
            )
        )
        customers = {row["id"]: row for row in self.env.cr.dictfetchall()}
        tiers = self._names("b2b.customer.tier", {c["tier_id"] for c in customers.values()})
        managers = self._names("res.users", {c["user_id"] for c in customers.values()})
        rows = []
        for customer_id in ordered:
            customer = customers[customer_id]
            rows.append(
                dict(
                    rhythms[customer_id],
                    customer_id=customer_id,
                    name=customer["name"],
                    tier_id=customer["tier_id"],
                    tier=tiers.get(customer["tier_id"]),
                    user_id=customer["user_id"],
                    account_manager=managers.get(customer["user_id"]),
                    customer_type=customer["customer_type"],
                    region=customer["region"],
                    company_id=customer["company_id"],
                )
            )
        return rows
