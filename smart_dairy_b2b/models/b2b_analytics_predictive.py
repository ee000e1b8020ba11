"""Predictive analytics (DESIGN.md section 6): CLV, RFM, churn risk and forecasts.

The numbers come from the plain-Python engine; this part only gathers its inputs with
one SQL pass over the analytics facts and caches the model fits per company.
"""

import threading
import time
from collections import OrderedDict
from datetime import date, timedelta

import numpy as np
from dateutil.relativedelta import relativedelta

from odoo import _, api, models
from odoo.tools import SQL

from ..engine import churn as churn_rule
from ..engine import clv as clv_engine
from ..engine import forecast as forecast_engine
from ..engine import periods as P
from ..engine import rfm as rfm_engine
from .analytics_params import parse_date, parse_flag
from .b2b_analytics_scope import analytics_method

DAYS_PER_WEEK = 7.0
WEEKS_PER_YEAR = 365.25 / 7
MIN_REPEAT_CUSTOMERS = 50  # fewer: the BG/NBD fit is not trusted
MIN_TIER_RETENTION_BASE = 30  # customers a tier needs for its own retention rate
SEASON = {"day": 7, "week": 52, "month": 12}
AT_RISK_LIMIT = 10
FIT_PENALIZERS = (0.0, 0.001, 0.01)


class ResultCache:
    """Results worth keeping between requests (model fits, RFM scores, the at-risk
    list, forecasts), per worker process: ``{key: (facts version, computed at,
    value)}``, at most ``max_entries`` entries and ``max_rows`` list rows in all, the
    least recently used dropped first, so callers inventing keys (any ``as_of``) cannot
    grow it."""

    def __init__(self, max_entries, max_rows):
        self.max_entries, self.max_rows = max_entries, max_rows
        self._entries = OrderedDict()
        self._rows = 0
        self._lock = threading.Lock()

    @staticmethod
    def _size(entry):
        value = entry[2]
        return len(value) if isinstance(value, list) else 1

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._rows -= self._size(old)
            self._entries[key] = entry
            self._rows += self._size(entry)
            while len(self._entries) > 1 and (
                len(self._entries) > self.max_entries or self._rows > self.max_rows
            ):
                _key, dropped = self._entries.popitem(last=False)
                self._rows -= self._size(dropped)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._rows = 0

    def __len__(self):
        return len(self._entries)

    @property
    def rows(self):
        return self._rows


_CACHE = ResultCache(max_entries=256, max_rows=250_000)


def _num(value):
    return float(value) if value is not None else 0.0


class B2bAnalyticsService(models.AbstractModel):
    _inherit = "b2b.analytics.service"

    # Seconds a fit is reused after the facts changed, so busy order entry does not
    # make every request refit.
    _refit_interval = 900

    # Per-customer purchase statistics ----------------------------------------------

    def _customer_stats(self, as_of, customer_ids=None):
        """Per customer with counted orders up to ``as_of``: first and last order date,
        order days, orders, revenue, margin, revenue of repeat days, revenue and orders
        of the last 365 days, and the median gap between order days."""
        if customer_ids is not None and not customer_ids:
            return []
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
                           AS repeat_revenue
                  FROM days
                  JOIN history USING (customer_id)
                  LEFT JOIN last_year USING (customer_id)
                 ORDER BY customer_id
                """,
                history=self._period_rows(None, as_of),
                last_year=self._period_rows(as_of - timedelta(days=364), as_of),
                daily=self._daily(),
                all_daily=self.env["b2b.sale.facts"]._rollup_rows("daily"),
                customers=self._visible_customers(),
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
                _num(row["repeat_revenue"]) / (row["order_days"] - 1)
                if row["order_days"] > 1
                else 0.0
                for row in stats
            ]
        )
        return frequency, recency / DAYS_PER_WEEK, age / DAYS_PER_WEEK, monetary

    # Model fit, cached per company -----------------------------------------------------

    def _facts_version(self):
        self.env.cr.execute("SELECT last_value FROM b2b_facts_version")
        return self.env.cr.fetchone()[0]

    @api.model
    @analytics_method
    def get_model_fit(self, refresh=False):
        """The BG/NBD + Gamma-Gamma fit of the current company: its parameters, how
        many customers it saw, whether it converged. ``refresh`` (managers) refits now,
        for each of their selected companies.

        The parameters and the population counts are company-wide figures: users who
        do not see every customer of the selected companies get only whether the
        model is available to score their customers (method, converged, fitted_on).
        """
        if parse_flag(refresh, "refresh"):
            self._check_analytics_manager(_("refit the model"))
            for company in self.env.companies:
                self.with_company(company).with_context(
                    allowed_company_ids=company.ids
                )._fitted_model(refresh=True)
        fit = self._fitted_model()
        if self._sees_every_customer():
            return fit
        return {
            key: fit[key] for key in ("method", "converged", "fitted_on", "message") if key in fit
        }

    def _cached(self, key, compute, max_age, refresh=False):
        """``compute()``, reused while the facts are unchanged, or changed less than
        ``max_age`` seconds ago (busy order entry must not make every call recompute).
        ``key`` must hold everything else the result depends on (whose customers:
        ``_visibility_key()``; as of when)."""
        key = (self.env.cr.dbname, tuple(self.env.companies.ids), *key)
        version = self._facts_version()
        cached = _CACHE.get(key)
        if (
            cached
            and not refresh
            and (cached[0] == version or time.monotonic() - cached[1] < max_age)
        ):
            return cached[2]
        value = compute()
        _CACHE.put(key, (version, time.monotonic(), value))
        return value

    def _fitted_model(self, refresh=False):
        """BG/NBD + Gamma-Gamma fitted over the current company's B2B customers, or a
        dict with ``method: 'insufficient_data'``."""
        company = self.with_context(allowed_company_ids=self.env.company.ids)
        return company._cached(("fit",), self._fit_model, self._refit_interval, refresh)

    def _fit_model(self):
        company_scope = self.sudo().with_context(allowed_company_ids=self.env.company.ids)
        as_of = self._today()
        stats = company_scope._customer_stats(as_of)
        frequency, recency, age, monetary = self._bgnbd_inputs(stats, as_of)
        repeaters = int(np.sum(frequency > 0))
        if repeaters < MIN_REPEAT_CUSTOMERS:
            return {
                "method": "insufficient_data",
                "customers": len(stats),
                "repeat_customers": repeaters,
                "message": _(
                    "The model needs at least %(n)s customers with a repeat order.",
                    n=MIN_REPEAT_CUSTOMERS,
                ),
            }
        summary = {
            "customers": len(stats),
            "repeat_customers": repeaters,
            "fitted_on": as_of.isoformat(),
        }
        # Pure maximum likelihood first; when the likelihood has no interior maximum
        # (e.g. no visible heterogeneity, parameters running to infinity) a small L2
        # penalty keeps them finite. The penalty used is reported.
        for penalizer in FIT_PENALIZERS:
            try:
                bgnbd = clv_engine.fit_bgnbd(frequency, recency, age, penalizer=penalizer)
                gamma_gamma = clv_engine.fit_gamma_gamma(frequency, monetary, penalizer=penalizer)
            except ValueError as error:
                return dict(summary, method="not_converged", message=str(error))
            if bgnbd["converged"] and gamma_gamma["converged"]:
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
        observed = np.array([_num(row["revenue"]) / row["order_days"] for row in stats])
        aov = observed.copy()
        if np.any(defined):
            aov[defined] = clv_engine.gamma_gamma_expected_aov(
                gamma_gamma, frequency[defined], monetary[defined]
            )
        return aov

    # Settings ------------------------------------------------------------------------

    def _float_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return float(value) if value not in (None, False, "") else default
        except ValueError:
            return default

    def _discount_rate(self):
        return self._float_param("smart_dairy_b2b.discount_rate", 0.10)

    # CLV -------------------------------------------------------------------------

    @api.model
    @analytics_method
    def calculate_clv(self, customer_id):
        return self._customer_clv(self._customer(customer_id))

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
        see every customer get the CLV it gives, not the rate (DESIGN.md section 5)."""
        customers = self.env["b2b.customer"].browse([row["customer_id"] for row in stats]).sudo()
        tiers = {customer.id: customer.tier_id.id for customer in customers}
        retention = self._retention_rates(as_of)
        shows_company_figures = self._sees_every_customer()
        discount = self._discount_rate()
        fit, predictions = self._predictions(stats, as_of)
        result = []
        for row, prediction in zip(stats, predictions, strict=True):
            revenue, margin = _num(row["revenue"]), _num(row["margin"])
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
        rows = self._cached(("retention", as_of), lambda: self._retention_rows(as_of), 900)
        by_tier = {row["tier_id"]: row for row in rows}
        base = sum(row["base"] for row in rows)
        overall = sum(row["retained"] for row in rows) / base if base else None
        fallback = self._float_param("smart_dairy_b2b.retention_fallback", 0.85)

        def rate(tier_id):
            row = by_tier.get(tier_id)
            if tier_id and row and row["base"] >= MIN_TIER_RETENTION_BASE:
                return row["retained"] / row["base"], "tier"
            if overall is not None:
                return overall, "overall"
            return fallback, "fallback"

        return rate

    def _retention_rows(self, as_of):
        """Per current tier: customers active in the 12 months before the last 12
        (base) and how many of them ordered in the last 12 (retained)."""
        year_ago = as_of - relativedelta(years=1)
        two_years_ago = as_of - relativedelta(years=2)
        return self.sudo()._fetch(
            SQL(
                """
                WITH per_customer AS (
                    SELECT customer_id,
                           bool_or(date > %(two)s AND date <= %(one)s) AS before,
                           bool_or(date > %(one)s AND date <= %(now)s) AS recent
                      FROM %(daily)s d
                     WHERE date > %(two)s AND date <= %(now)s
                     GROUP BY customer_id
                )
                SELECT c.tier_id, COUNT(*) AS base, COUNT(*) FILTER (WHERE recent) AS retained
                  FROM per_customer p JOIN b2b_customer c ON c.id = p.customer_id
                 WHERE before
                 GROUP BY c.tier_id
                """,
                daily=self.sudo()._daily(),
                two=two_years_ago,
                one=year_ago,
                now=as_of,
            )
        )

    # RFM -------------------------------------------------------------------------

    @api.model
    @analytics_method
    def get_rfm_segments(self, as_of=None):
        """Segments of the customers the user sees, scored among the whole population
        (approved customers of the selected companies with orders). ``population``:
        the scored customers in the answer; ``ranking_population``: the size of the
        population they were ranked in, for users who see all of it (else None)."""
        as_of = parse_date(as_of, "as_of") or self._today()
        scored = self._cached_rfm_scores(as_of)
        visible = set(
            self.env["b2b.customer"]
            .with_context(active_test=False)
            ._search([("id", "in", [row["customer_id"] for row in scored])])
        )
        rows = [row for row in scored if row["customer_id"] in visible]
        names = self._names("b2b.customer", [row["customer_id"] for row in rows])
        total = sum(row["monetary"] for row in rows)
        segments = []
        for name in rfm_engine.SEGMENTS:
            members = [row for row in rows if row["segment"] == name]
            revenue = sum(row["monetary"] for row in members)
            segments.append(
                {
                    "segment": name,
                    "customers": len(members),
                    "revenue": revenue,
                    "share_pct": P.safe_ratio(revenue * 100, total),
                }
            )
        return {
            "as_of": as_of.isoformat(),
            "population": len(rows),
            "ranking_population": len(scored) if self._sees_every_customer() else None,
            "segments": segments,
            "customers": [dict(row, name=names.get(row["customer_id"])) for row in rows],
        }

    def _rfm_scores(self, as_of):
        """Score every approved customer of the selected companies with an order up to
        ``as_of`` (the population ranks the company, whoever looks at it)."""
        rows = self.sudo()._fetch(
            SQL(
                """
                SELECT d.customer_id, %(as_of)s - MAX(d.date) AS recency_days,
                       COALESCE(SUM(d.order_count) FILTER (WHERE d.date > %(year_ago)s), 0)
                           AS frequency,
                       COALESCE(SUM(d.revenue) FILTER (WHERE d.date > %(year_ago)s), 0)
                           AS monetary
                  FROM %(daily)s d JOIN b2b_customer c ON c.id = d.customer_id
                 WHERE c.state = 'approved' AND d.date <= %(as_of)s
                 GROUP BY d.customer_id
                 ORDER BY d.customer_id
                """,
                daily=self.sudo()._daily(),
                as_of=as_of,
                year_ago=as_of - timedelta(days=365),
            )
        )
        for row in rows:
            row["frequency"] = int(row["frequency"])
            row["monetary"] = _num(row["monetary"])
        return rfm_engine.score_rfm(rows) if rows else []

    def _cached_rfm_scores(self, as_of):
        """RFM scores of the whole population, kept for minutes while orders come in."""
        return self._cached(("rfm", as_of), lambda: self._rfm_scores(as_of), 300)

    def _customer_rfm(self, customer):
        row = next(
            (r for r in self._cached_rfm_scores(self._today()) if r["customer_id"] == customer.id),
            None,
        )
        if not row:
            return {"r": None, "f": None, "m": None, "segment": None}
        return {key: row[key] for key in ("r", "f", "m", "segment")}

    # Churn -----------------------------------------------------------------------

    def _churn_rows(self, customer_ids=None, stats=None):
        """Churn risk with its inputs for the visible customers with orders (``stats``:
        their ``_customer_stats`` when the caller has them already)."""
        as_of = self._today()
        if stats is None:
            stats = self._customer_stats(as_of, customer_ids)
        fit, predictions = self._predictions(stats, as_of)
        rows = []
        for row, prediction in zip(stats, predictions, strict=True):
            days = (as_of - row["last_date"]).days
            alive = prediction["probability_alive"] if prediction else None
            rows.append(
                {
                    "customer_id": row["customer_id"],
                    "probability_alive": alive,
                    "risk": churn_rule.churn_risk(alive, days, row["median_gap"]),
                    "method": fit["method"] if prediction else "order_gap",
                    "days_since_last_order": days,
                    "median_gap_days": row["median_gap"],
                    "revenue_12m": _num(row["revenue_365"]),
                }
            )
        return rows

    def _customer_churn(self, customer, stats=None):
        rows = self._churn_rows([customer.id], stats)
        if not rows:
            return {"probability_alive": None, "risk": None}
        return {key: rows[0][key] for key in ("probability_alive", "risk", "method")}

    def _at_risk_customers(self, visibility, limit=AT_RISK_LIMIT):
        """Approved customers at high or medium risk, the most valuable first (kept
        for up to five minutes while orders come in, for the same ``visibility``: the
        caller's ``_visibility_key()``)."""
        return self._cached(
            ("at_risk", visibility, self._today(), limit),
            lambda: self._compute_at_risk(limit),
            300,
        )

    def _compute_at_risk(self, limit):
        rows = [row for row in self._churn_rows() if row["risk"] in ("high", "medium")]
        customers = self.env["b2b.customer"].browse([r["customer_id"] for r in rows]).sudo()
        by_id = {c.id: c for c in customers if c.state == "approved"}
        rows = [row for row in rows if row["customer_id"] in by_id]
        rows.sort(key=lambda row: (row["risk"] != "high", -row["revenue_12m"]))
        return [
            dict(
                row,
                name=by_id[row["customer_id"]].name,
                tier=by_id[row["customer_id"]].tier_id.name or None,
            )
            for row in rows[:limit]
        ]

    # Forecasts -------------------------------------------------------------------

    def _forecast_series(self, values, labels, granularity, periods):
        """Forecast ``periods`` buckets after a zero-filled series."""
        result = forecast_engine.forecast(values, periods, SEASON[granularity])
        last = date.fromisoformat(labels[-1]) if labels else self._today()
        step = {
            "day": relativedelta(days=1),
            "week": relativedelta(weeks=1),
            "month": relativedelta(months=1),
        }[granularity]
        result["periods"] = [(last + step * (i + 1)).isoformat() for i in range(periods)]
        return result

    def _revenue_forecast(self, end, visibility, months=3):
        """Monthly revenue forecast after the last complete month before ``end``
        (``visibility``: the caller's ``_visibility_key()``)."""
        return self._cached(
            ("forecast", visibility, end.replace(day=1), months),
            lambda: self._compute_revenue_forecast(end, months),
            900,
        )

    def _compute_revenue_forecast(self, end, months):
        last_complete = end.replace(day=1) - timedelta(days=1)
        history = self._monthly_trend(
            (last_complete - relativedelta(months=35)).replace(day=1), last_complete
        )
        while history and not history[0]["revenue"]:
            history.pop(0)  # months before the first sale are not zero sales
        if not history:
            return {"method": "no_data", "periods": [], "point": []}
        result = self._forecast_series(
            [month["revenue"] for month in history],
            [f"{month['period']}-01" for month in history],
            "month",
            months,
        )
        result["periods"] = [label[:7] for label in result["periods"]]
        return result

    # Customer insights -------------------------------------------------------------

    def _insight_rows(self):
        """RFM, CLV, P(alive) and churn risk of every visible customer with orders, each
        customer's amounts in its own company's currency and predicted by its own
        company's model (the insight rows carry their company's currency)."""
        rows = []
        for company in self.env.companies:
            rows += (
                self.with_company(company)
                .with_context(allowed_company_ids=company.ids)
                ._company_insight_rows()
            )
        return rows

    def _company_insight_rows(self):
        as_of = self._today()
        stats = self._customer_stats(as_of)
        rfm = {row["customer_id"]: row for row in self._rfm_scores(as_of)}
        rows = []
        for row, clv in zip(stats, self._clv_figures(stats, as_of), strict=True):
            alive = clv["predictive"].get("probability_alive")
            days = (as_of - row["last_date"]).days
            scores = rfm.get(row["customer_id"], {})
            rows.append(
                {
                    "customer_id": row["customer_id"],
                    "last_order_date": row["last_date"],
                    "days_since_last_order": days,
                    "orders_12m": int(row["orders_365"] or 0),
                    "revenue_12m": _num(row["revenue_365"]),
                    "r_score": scores.get("r"),
                    "f_score": scores.get("f"),
                    "m_score": scores.get("m"),
                    "segment": scores.get("segment"),
                    "clv_36m": clv["historical"]["projected_clv_36m"],
                    "clv_formula": clv["formula"]["clv"],
                    "clv_12m": clv["predictive"].get("clv_12m"),
                    "expected_orders_12m": clv["predictive"].get("expected_orders_12m"),
                    "probability_alive": alive,
                    "churn_risk": churn_rule.churn_risk(alive, days, row["median_gap"]),
                }
            )
        return rows
