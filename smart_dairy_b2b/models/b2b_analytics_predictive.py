"""The predictive questions of the analytics: each customer's purchase statistics, the
BG/NBD + Gamma-Gamma model fit (stored per company, ``b2b.analytics.model.fit``) and the
lifetime values (docs/definitions.md). The numbers come from the plain-Python engine;
this layer only gathers its inputs with one SQL pass over the facts. RFM, churn risk, the
at-risk list, forecasts and the insight rows build on it in ``b2b_analytics_scoring.py``.
"""

from datetime import timedelta

import numpy as np
from dateutil.relativedelta import relativedelta

from odoo import _, models
from odoo.tools import SQL

from ..engine import clv as clv_engine
from .b2b_analytics_reading import num

DAYS_PER_WEEK = 7.0
WEEKS_PER_YEAR = 365.25 / 7
MIN_REPEAT_CUSTOMERS = 50  # fewer: the BG/NBD fit is not trusted
MIN_TIER_RETENTION_BASE = 30  # customers a tier needs for its own retention rate
FIT_PENALIZERS = (0.0, 0.001, 0.01)


class B2bAnalyticsPredictive(models.AbstractModel):
    _name = "b2b.analytics.predictive"
    _inherit = "b2b.analytics.descriptive"
    _description = "B2B Analytics: Predictive Questions"

    # Per-customer purchase statistics ----------------------------------------------

    def _customer_stats(self, as_of, customer_ids=None):
        """Per customer with counted orders up to ``as_of``: first and last order date,
        order days, orders, revenue, margin, revenue of repeat days, revenue and orders
        of the last 365 days, the median gap between order days, and whether it is
        approved now (the ``_visibility_key()`` of kept statistics digests the state).

        Today's come from the statistics kept in step with the facts
        (b2b_sale_customer_stats, docs/facts.md): one row per customer, whatever the
        history. Another day's, or with a category filter (lines, not whole orders),
        are computed from the rollups."""
        if as_of != self._today() or self._category_lines() is not None:
            return self._customer_stats_from_rollups(as_of, customer_ids)
        if customer_ids is None:  # every customer: kept, computed again by customer
            rows = self._cached_by_customer(
                ("stats", self._visibility_key(), as_of),
                lambda ids: self._customer_stats_kept(as_of, ids),
            )
        else:
            rows = self._customer_stats_kept(as_of, customer_ids)
        ahead = [row["customer_id"] for row in rows if row["last_date"] > as_of]
        if not ahead:
            return rows
        # orders dated after today (confirmed ahead of their day) count from that day on:
        # those few customers from the rollups
        rows = [row for row in rows if row["last_date"] <= as_of]
        rows += self._customer_stats_from_rollups(as_of, ahead)
        return sorted(rows, key=lambda row: row["customer_id"])

    def _customer_stats_kept(self, as_of, customer_ids=None):
        """``_customer_stats`` of today from b2b_sale_customer_stats, in the current
        company's currency; the last 365 days from the rollups (a year of months)."""
        return self._fetch(
            SQL(
                """
                WITH kept AS (
                    SELECT s.customer_id, s.first_date, s.last_date, s.order_days, s.orders,
                           s.median_gap, s.days,
                           s.revenue * currency_table.rate AS revenue,
                           (s.revenue - s.cost) * currency_table.rate AS margin,
                           s.first_day_revenue * currency_table.rate AS first_day_revenue,
                           MIN(s.first_date) OVER (PARTITION BY s.customer_id) AS customer_first,
                           COUNT(*) OVER (PARTITION BY s.customer_id) AS companies
                      FROM b2b_sale_customer_stats s
                      JOIN %(currency_table)s ON currency_table.company_id = s.company_id
                     WHERE s.customer_id IN %(customers)s
                       AND (%(ids)s IS NULL OR s.customer_id = ANY(%(ids)s))
                ), merged AS (
                    SELECT customer_id, MIN(first_date) AS first_date,
                           MAX(last_date) AS last_date, MIN(order_days) AS order_days,
                           MIN(median_gap) AS median_gap, SUM(orders) AS orders,
                           SUM(revenue) AS revenue, SUM(margin) AS margin,
                           SUM(revenue) - SUM(first_day_revenue)
                               FILTER (WHERE first_date = customer_first) AS repeat_revenue,
                           MIN(companies) AS companies
                      FROM kept
                     GROUP BY customer_id
                ), last_year AS (
                    SELECT customer_id, SUM(order_count) AS orders_365,
                           SUM(revenue) AS revenue_365
                      FROM %(last_year)s y
                     WHERE %(ids)s IS NULL OR customer_id = ANY(%(ids)s)
                     GROUP BY customer_id
                )
                SELECT m.customer_id, m.first_date, m.last_date,
                       CASE WHEN m.companies > 1 THEN several.order_days
                            ELSE m.order_days END AS order_days,
                       CASE WHEN m.companies > 1 THEN several.median_gap
                            ELSE m.median_gap END AS median_gap,
                       m.orders, m.revenue, m.margin, y.orders_365, y.revenue_365,
                       m.repeat_revenue, c.state = 'approved' AS approved
                  FROM merged m
                  JOIN b2b_customer c ON c.id = m.customer_id
                  LEFT JOIN last_year y USING (customer_id)
                  -- a customer with orders in several of the selected companies (its
                  -- company changed): its order days merged
                  CROSS JOIN LATERAL (
                      SELECT COUNT(*) AS order_days,
                             percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_gap
                        FROM (SELECT day - lag(day) OVER (ORDER BY day) AS gap
                                FROM (SELECT DISTINCT unnest(k.days) AS day
                                        FROM kept k
                                       WHERE m.companies > 1
                                         AND k.customer_id = m.customer_id) merged_days
                             ) gaps
                  ) several
                 ORDER BY m.customer_id
                """,
                currency_table=self._currency_table(),
                customers=self._visible_customers(),
                last_year=self._period_rows(as_of - timedelta(days=364), as_of),
                ids=list(customer_ids) if customer_ids is not None else None,
            )
        )

    def _customer_stats_from_rollups(self, as_of, customer_ids=None):
        """``_customer_stats`` as of any day, from the rollups (of the selected
        companies, as the money)."""
        # Money from the rollups (whole months by month), dates from the customer index
        # (order days and their gaps) in one ordered pass: no pass over every day's money,
        # no DISTINCT whose size the planner cannot know.
        return self._fetch(
            SQL(
                """
                WITH history AS (
                    SELECT customer_id, SUM(order_count) AS orders,
                           SUM(revenue) AS revenue, SUM(margin) AS margin
                      FROM %(history)s h
                     WHERE %(ids)s IS NULL OR customer_id = ANY(%(ids)s)
                     GROUP BY customer_id
                ), last_year AS (
                    SELECT customer_id, SUM(order_count) AS orders_365,
                           SUM(revenue) AS revenue_365
                      FROM %(last_year)s y
                     WHERE %(ids)s IS NULL OR customer_id = ANY(%(ids)s)
                     GROUP BY customer_id
                ), days AS (
                    -- a day with two rows (the tier changed that day) has a gap of 0
                    -- on its second: it counts once, and no gap
                    SELECT customer_id, MIN(date) AS first_date, MAX(date) AS last_date,
                           COUNT(*) FILTER (WHERE gap IS DISTINCT FROM 0) AS order_days,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY gap)
                               FILTER (WHERE gap > 0) AS median_gap
                      FROM (SELECT customer_id, date,
                                   date - lag(date) OVER (PARTITION BY customer_id
                                                          ORDER BY date) AS gap
                              FROM %(all_daily)s d
                             WHERE customer_id IN %(customers)s
                               AND company_id = ANY(%(companies)s)
                               AND date <= %(as_of)s
                               AND (%(ids)s IS NULL OR customer_id = ANY(%(ids)s))
                           ) ordered
                     GROUP BY customer_id
                )
                SELECT days.*, history.orders, history.revenue, history.margin,
                       last_year.orders_365, last_year.revenue_365,
                       history.revenue - (SELECT SUM(revenue) FROM %(daily)s first_day
                                           WHERE first_day.customer_id = days.customer_id
                                             AND first_day.date = days.first_date)
                           AS repeat_revenue,
                       c.state = 'approved' AS approved
                  FROM days
                  JOIN b2b_customer c ON c.id = days.customer_id
                  JOIN history USING (customer_id)
                  LEFT JOIN last_year USING (customer_id)
                 ORDER BY customer_id
                """,
                history=self._period_rows(None, as_of),
                last_year=self._period_rows(as_of - timedelta(days=364), as_of),
                daily=self._daily(),
                all_daily=self._every_customers_rollup("daily"),
                customers=self._visible_customers(),
                companies=self.env.companies.ids,
                as_of=as_of,
                ids=list(customer_ids) if customer_ids is not None else None,
            )
        )

    @staticmethod
    def _bgnbd_inputs(stats, as_of):
        """frequency (repeat order days), recency and T in weeks, and the mean revenue
        of the repeat order days (the Gamma-Gamma monetary value)."""
        frequency = np.array([row["order_days"] - 1 for row in stats], dtype=float)
        recency = np.array(
            [(row["last_date"] - row["first_date"]).days for row in stats], dtype=float
        )
        age = np.array([(as_of - row["first_date"]).days for row in stats], dtype=float)
        monetary = np.array(
            [
                num(row["repeat_revenue"]) / (row["order_days"] - 1)
                if row["order_days"] > 1
                else 0.0
                for row in stats
            ]
        )
        return frequency, recency / DAYS_PER_WEEK, age / DAYS_PER_WEEK, monetary

    # Model fit, stored per company ---------------------------------------------------

    def _fitted_model(self):
        """The current company's stored BG/NBD + Gamma-Gamma parameters
        (``b2b.analytics.model.fit``), read as the user; ``method`` says when they are
        missing (``not_fitted``) or unusable (``insufficient_data``, ``not_converged``).
        Never fits: the cron and managers do (``_refit``)."""
        return self.env["b2b.analytics.model.fit"]._answer(self.env.company)

    def _fit_model(self):
        """Fit the model over the current company's B2B customers as of today (for
        ``b2b.analytics.model.fit._refit`` only: it takes seconds)."""
        company_scope = self._company_wide().with_context(allowed_company_ids=self.env.company.ids)
        as_of = self._today()
        stats = company_scope._customer_stats(as_of)
        frequency, recency, age, monetary = self._bgnbd_inputs(stats, as_of)
        repeaters = int(np.sum(frequency > 0))
        summary = {
            "customers": len(stats),
            "repeat_customers": repeaters,
            "fitted_on": as_of.isoformat(),
        }
        if repeaters < MIN_REPEAT_CUSTOMERS:
            return dict(
                summary,
                method="insufficient_data",
                message=_(
                    "The model needs at least %(n)s customers with a repeat order.",
                    n=MIN_REPEAT_CUSTOMERS,
                ),
            )
        # Pure maximum likelihood first; when the likelihood has no interior maximum
        # (e.g. no visible heterogeneity, parameters running to infinity) a small L2
        # penalty keeps them finite. The penalty used is reported. Gamma-Gamma first:
        # it takes a tenth of BG/NBD's time, which is not spent where it fails.
        for penalizer in FIT_PENALIZERS:
            try:
                gamma_gamma = clv_engine.fit_gamma_gamma(frequency, monetary, penalizer=penalizer)
                if not gamma_gamma["converged"]:
                    continue
                bgnbd = clv_engine.fit_bgnbd(frequency, recency, age, penalizer=penalizer)
            except ValueError as error:
                return dict(summary, method="not_converged", message=str(error))
            if bgnbd["converged"]:
                return dict(
                    summary,
                    method="bgnbd_gamma_gamma",
                    bgnbd=bgnbd,
                    gamma_gamma=gamma_gamma,
                    penalizer=penalizer,
                    converged=True,
                )
        return dict(
            summary,
            method="not_converged",
            message=_("The BG/NBD and Gamma-Gamma fits did not converge on this data."),
        )

    def _predictions(self, stats, as_of):
        """P(alive), expected orders and AOV and 12-month CLV for each stats row, from
        the fitted model; None values when it is not available."""
        fit = self._fitted_model()
        if fit["method"] != "bgnbd_gamma_gamma" or not stats:
            return fit, [None] * len(stats)
        frequency, recency, age, monetary = self._bgnbd_inputs(stats, as_of)
        try:
            alive = clv_engine.bgnbd_probability_alive(fit["bgnbd"], frequency, recency, age)
            expected = clv_engine.bgnbd_expected_purchases(
                fit["bgnbd"], WEEKS_PER_YEAR, frequency, recency, age
            )
        except ValueError as error:  # the engine refuses to return non-finite numbers
            return {"method": "model_error", "message": str(error)}, [None] * len(stats)
        aov = self._expected_aov(fit["gamma_gamma"], stats, frequency, monetary)
        clv = clv_engine.discounted_clv_12m(
            fit["bgnbd"], frequency, recency, age, aov, self._discount_rate()
        )
        rows = [
            {
                "probability_alive": float(a),
                "expected_orders_12m": float(e),
                "expected_aov": float(v),
                "clv_12m": float(c),
            }
            for a, e, v, c in zip(
                np.atleast_1d(alive),
                np.atleast_1d(expected),
                np.atleast_1d(aov),
                np.atleast_1d(clv),
                strict=True,
            )
        ]
        return fit, rows

    @staticmethod
    def _expected_aov(gamma_gamma, stats, frequency, monetary):
        """Gamma-Gamma's expected order value where it is defined (p x + q > 1); for a
        customer without a repeat order when the fitted q <= 1 (the population mean is
        then infinite), the value of its order days so far."""
        p, q = gamma_gamma["p"], gamma_gamma["q"]
        defined = p * frequency + q > 1
        observed = np.array([num(row["revenue"]) / row["order_days"] for row in stats])
        aov = observed.copy()
        if np.any(defined):
            aov[defined] = clv_engine.gamma_gamma_expected_aov(
                gamma_gamma, frequency[defined], monetary[defined]
            )
        return aov

    # Settings ------------------------------------------------------------------------

    def _discount_rate(self):
        return self._float_param("smart_dairy_b2b.discount_rate", 0.10)

    # CLV -------------------------------------------------------------------------

    def _customer_clv(self, customer, stats=None):
        """``calculate_clv`` of a visible customer; ``stats``: its ``_customer_stats``
        when the caller has them already."""
        as_of = self._today()
        if stats is None:
            stats = self._customer_stats(as_of, [customer.id])
        if not stats:
            return {
                "customer_id": customer.id,
                "currency": self.env.company.currency_id.name,
                "historical": None,
                "formula": None,
                "predictive": {"method": "no_orders"},
            }
        return self._clv_figures(stats, as_of)[0]

    def _clv_figures(self, stats, as_of):
        """Historical, formula and predictive CLV of each customer statistics row.

        The retention rate is measured over the company (or a tier): users who do not
        see every customer get the CLV it gives, not the rate (docs/security.md)."""
        customers = self.env["b2b.customer"].browse([row["customer_id"] for row in stats]).sudo()
        tiers = {customer.id: customer.tier_id.id for customer in customers}
        retention = self._retention_rates(as_of)
        shows_company_figures = self._sees_every_customer()
        discount = self._discount_rate()
        fit, predictions = self._predictions(stats, as_of)
        result = []
        for row, prediction in zip(stats, predictions, strict=True):
            revenue, margin = num(row["revenue"]), num(row["margin"])
            historical = clv_engine.historical_clv(
                row["first_date"], row["last_date"], revenue, int(row["orders"])
            )
            historical.update(
                total_revenue=revenue,
                orders=int(row["orders"]),
                first_order_date=row["first_date"].isoformat(),
                last_order_date=row["last_date"].isoformat(),
            )
            annual_revenue = historical["avg_monthly_revenue"] * 12
            margin_ratio = margin / revenue if revenue else 0.0
            rate, source = retention(tiers.get(row["customer_id"]))
            predictive = {"method": fit["method"]}
            if prediction:
                predictive.update(prediction, converged=fit["converged"])
                predictive["clv_12m_margin"] = prediction["clv_12m"] * margin_ratio
            result.append(
                {
                    "customer_id": row["customer_id"],
                    "currency": self.env.company.currency_id.name,
                    "historical": historical,
                    "formula": {
                        "annual_revenue": annual_revenue,
                        "margin_pct": margin_ratio * 100 if revenue else None,
                        "annual_margin": annual_revenue * margin_ratio,
                        "discount_rate": discount,
                        "retention_rate": rate if shows_company_figures else None,
                        "retention_source": source,
                        "clv": clv_engine.formula_clv(
                            annual_revenue * margin_ratio, discount, rate
                        ),
                        "clv_revenue": clv_engine.formula_clv(annual_revenue, discount, rate),
                    },
                    "predictive": predictive,
                }
            )
        return result

    def _retention_rates(self, as_of):
        """A function tier_id -> (annual retention, source), measured on the data:
        customers active in the 12 months before the last 12 who are active in the
        last 12. The tier's own rate when it has enough such customers ('tier'), else
        the selected companies' ('overall'), else the setting ('fallback')."""
        whole = self._company_wide()
        _rows, by_tier = whole._cached(
            ("retention", whole._visibility_key(), as_of),
            lambda: whole._retention_counts(as_of),
            update=lambda kept, ids: whole._retention_counts(as_of, kept, ids),
        )
        base = sum(counts[0] for counts in by_tier.values())
        overall = sum(counts[1] for counts in by_tier.values()) / base if base else None
        fallback = self._float_param("smart_dairy_b2b.retention_fallback", 0.85)

        def rate(tier_id):
            counts = by_tier.get(tier_id)
            if tier_id and counts and counts[0] >= MIN_TIER_RETENTION_BASE:
                return counts[1] / counts[0], "tier"
            if overall is not None:
                return overall, "overall"
            return fallback, "fallback"

        return rate

    def _retention_counts(self, as_of, kept=None, customer_ids=None):
        """``({customer_id: row of _retention_rows}, {tier_id: [base, retained]})``;
        from ``kept``, those counts after changes of ``customer_ids``' facts."""
        rows = dict(kept[0]) if kept else {}
        by_tier = {tier: list(counts) for tier, counts in kept[1].items()} if kept else {}
        for customer in customer_ids or ():
            row = rows.pop(customer, None)
            if row:
                by_tier[row["tier_id"]][0] -= 1
                by_tier[row["tier_id"]][1] -= row["retained"]
        for row in self._retention_rows(as_of, customer_ids):
            rows[row["customer_id"]] = row
            counts = by_tier.setdefault(row["tier_id"], [0, 0])
            counts[0] += 1
            counts[1] += row["retained"]
        return rows, by_tier

    def _retention_rows(self, as_of, customer_ids=None):
        """The customers (of ``customer_ids``, or all) active in the 12 months before
        the last 12, with their current tier and whether they ordered in the last 12
        (``retained``), from each customer's order days (b2b_sale_customer_stats:
        ``width_bucket`` counts a sorted array's days up to a date by bisection)."""
        return self._fetch(
            SQL(
                """
                SELECT p.customer_id, c.tier_id, p.recent AS retained
                  FROM (SELECT s.customer_id,
                               bool_or(width_bucket(%(one)s::date, s.days)
                                       > width_bucket(%(two)s::date, s.days)) AS before,
                               bool_or(width_bucket(%(now)s::date, s.days)
                                       > width_bucket(%(one)s::date, s.days)) AS recent
                          FROM b2b_sale_customer_stats s
                         WHERE s.customer_id IN %(customers)s
                           AND s.company_id = ANY(%(companies)s)
                           AND (%(ids)s IS NULL OR s.customer_id = ANY(%(ids)s))
                         GROUP BY s.customer_id) p
                  JOIN b2b_customer c ON c.id = p.customer_id
                 WHERE before
                 ORDER BY p.customer_id
                """,
                one=as_of - relativedelta(years=1),
                two=as_of - relativedelta(years=2),
                now=as_of,
                customers=self._visible_customers(),
                companies=self.env.companies.ids,
                ids=list(customer_ids) if customer_ids is not None else None,
            )
        )
