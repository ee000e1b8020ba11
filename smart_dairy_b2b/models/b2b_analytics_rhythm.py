"""Each customer's ordering rhythm and who is overdue today (docs/definitions.md,
*Rhythm*): for every visible customer, the window's slice of its order days and their
revenues, kept in step with the facts in b2b_sale_customer_stats (a binary search in
each customer's days: no pass over the window's rollup rows); the rule itself is the
engine's (``engine/rhythm.py``). The rhythm is the customer's whole: the category
filter does not narrow it."""

import numpy as np

from odoo import models
from odoo.tools import SQL

from ..engine import rhythm as rhythm_rule


def binary_array_values(arrays, element):
    """The values of one-dimensional PostgreSQL arrays without NULLs in their binary form
    (``array_send``), concatenated: ``element`` is the numpy type of one value as sent,
    big-endian (``">i4"``: a date, days since 2000-01-01; ``">f8"``: a float). Each
    array is a header of five integers (dimensions, NULLs flag, element type, length,
    lower bound), then each value after its length."""
    return np.frombuffer(
        b"".join(bytes(array)[20:] for array in arrays),
        dtype=[("length", ">i4"), ("value", element)],
    )["value"]


class B2bAnalyticsRhythm(models.AbstractModel):
    _inherit = "b2b.analytics.descriptive"

    def _rhythms(self, as_of, customer_ids=None, overdue_only=False, listed=False):
        """``{customer_id: rhythm}`` of the visible customers with a rhythm as of ``as_of``
        (the engine's dict): the approved ones, or those of ``customer_ids`` (with
        ``listed``, its approved ones). ``overdue_only`` leaves out the customers that
        are not overdue, first those whose last order is too recent whatever their gap
        (no gap is under a day, so none is overdue before 3 days)."""
        start = rhythm_rule.window_start(as_of)
        min_days_since = rhythm_rule.overdue_threshold(1) + 1 if overdue_only else 0
        rows = self._fetch(
            SQL(
                """
                SELECT customer_id, rate, last - first + 1 AS length,
                       -- binary: read as they are (binary_array_values), not as text
                       array_send(days[first:last]) AS days,
                       array_send(day_revenues[first:last]) AS revenues
                  FROM (SELECT *, width_bucket(%(before)s::date, days) + 1 AS first
                          FROM (SELECT s.customer_id, currency_table.rate, s.days,
                                       s.day_revenues, w.last,
                                       MAX(w.last_day) OVER (PARTITION BY s.customer_id)
                                           AS last_date
                                  FROM b2b_sale_customer_stats s
                                  JOIN b2b_customer c ON c.id = s.customer_id
                                  JOIN %(currency_table)s
                                    ON currency_table.company_id = s.company_id
                                 -- the last order day up to as_of and its place in the
                                 -- days: the row's own unless orders are dated later
                                 -- (then a binary search of the ascending days)
                                 CROSS JOIN LATERAL (
                                        SELECT CASE WHEN s.last_date <= %(as_of)s
                                                    THEN s.order_days
                                                    ELSE width_bucket(%(as_of)s::date, s.days)
                                               END AS last,
                                               CASE WHEN s.last_date <= %(as_of)s
                                                    THEN s.last_date
                                                    ELSE s.days[width_bucket(%(as_of)s::date,
                                                                             s.days)]
                                               END AS last_day
                                 ) w
                                 WHERE s.customer_id IN %(customers)s
                                   -- the lists show approved customers; by id, its own
                                   AND (%(any_state)s OR c.state = 'approved' AND c.active)
                                   AND (%(ids)s IS NULL OR c.id = ANY(%(ids)s))
                                   AND w.last_day >= %(start)s) in_window
                         -- the days read only for the customers whose last order may
                         -- make them overdue
                         WHERE last_date <= %(latest)s) windows
                """,
                currency_table=self._currency_table(),
                customers=self._visible_customers(),
                before=start.fromordinal(start.toordinal() - 1),
                start=start,
                as_of=as_of,
                ids=list(customer_ids) if customer_ids is not None else None,
                any_state=customer_ids is not None and not listed,
                latest=as_of.fromordinal(as_of.toordinal() - min_days_since),
            )
        )
        if not rows:
            return {}
        lengths = [row["length"] for row in rows]
        return rhythm_rule.rhythms(
            np.repeat([row["customer_id"] for row in rows], lengths),
            binary_array_values([row["days"] for row in rows], ">i4").astype("timedelta64[D]")
            + np.datetime64("2000-01-01", "D"),
            binary_array_values([row["revenues"] for row in rows], ">f8")
            * np.repeat([float(row["rate"]) for row in rows], lengths),
            as_of,
            overdue_only,
        )

    def _overdue_rhythms(self, as_of, customer_ids=None):
        """The rhythms (with their ``customer_id``) of the listed customers overdue on
        ``as_of``, of ``customer_ids`` or all."""
        rhythms = self._rhythms(as_of, customer_ids, overdue_only=True, listed=True)
        return [
            dict(rhythm, customer_id=customer_id)
            for customer_id, rhythm in rhythms.items()
            if rhythm["overdue"]
        ]

    def _overdue_rows(self, as_of, limit=None):
        """The visible customers overdue on ``as_of``, the most revenue at stake first,
        with their tier and account manager (names and ids)."""
        rhythms = {
            row["customer_id"]: row
            for row in self._cached_by_customer(
                ("overdue", self._visibility_key(), as_of),
                lambda ids: self._overdue_rhythms(as_of, ids),
            )
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
        # tuples, not a dict per row: thousands of them
        customers = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        tiers = self._names("b2b.customer.tier", {c[1] for c in customers.values()})
        managers = self._names("res.users", {c[2] for c in customers.values()})
        rows = []
        for customer_id in ordered:
            name, tier_id, user_id, customer_type, region, company_id = customers[customer_id]
            rows.append(
                dict(
                    rhythms[customer_id],
                    customer_id=customer_id,
                    name=name,
                    tier_id=tier_id,
                    tier=tiers.get(tier_id),
                    user_id=user_id,
                    account_manager=managers.get(user_id),
                    customer_type=customer_type,
                    region=region,
                    company_id=company_id,
                )
            )
        return rows
