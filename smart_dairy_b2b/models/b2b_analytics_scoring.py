"""Scores of the predictive questions: each customer's RFM segment and churn risk, the
at-risk list, the revenue forecast and the rows of the Customer Insights snapshot.

Part of the predictive model (``b2b_analytics_predictive.py``), kept apart for its size;
it builds on the statistics and the model fit there.
"""

import heapq
from datetime import date, timedelta

import numpy as np
from dateutil.relativedelta import relativedelta

from odoo import models

from .. import vocabulary
from ..engine import churn as churn_rule
from ..engine import forecast as forecast_engine
from ..engine import periods as P
from ..engine import rfm as rfm_engine
from .b2b_analytics_reading import num

SEASON = {"day": 7, "week": 52, "month": 12}
AT_RISK_LIMIT = 10
RFM_MOVES = 64  # changed customers moved in the RFM population; more: scored again


class B2bAnalyticsPredictive(models.AbstractModel):
    _inherit = "b2b.analytics.predictive"  # pylint: disable=consider-merging-classes-inherited

    _RFM_VALUES = ("recency_days", "frequency", "monetary")

    # RFM -------------------------------------------------------------------------

    def _rfm_segments(self, as_of):
        """Segments of the customers the user sees, scored among the whole population
        (approved customers of the selected companies with orders)."""
        scored = self._cached_rfm_scores(as_of)
        Customer = self.env["b2b.customer"].with_context(active_test=False)
        visible = Customer._search(
            [("company_id", "in", self.env.companies.ids), *self._customer_filter_domain()]
        )
        ids = scored.get("customer_id", np.array([], dtype=int))
        rows = self._rfm_rows(scored, np.flatnonzero(np.isin(ids, list(visible))))
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
            "ranking_population": len(ids) if self._sees_every_customer() else None,
            "segments": segments,
            "customers": [dict(row, name=names.get(row["customer_id"])) for row in rows],
        }

    def _rfm_scores(self, as_of):
        """Score every approved customer of the selected companies with an order up to
        ``as_of`` (the population ranks the company, whoever looks at it): recency from
        the last order day, frequency and monetary value of the last 365 days, from the
        customers' statistics. Arrays in the order of the customers' ids
        (``customer_id``, ``recency_days``, ``frequency``, ``monetary``) and the
        ``population`` they are ranked in (``rfm_engine.population``); the scores
        themselves are read by ``_rfm_rows``. ``{}`` without any customer."""
        inputs = self._rfm_inputs(self._company_wide()._customer_stats(as_of), as_of)
        if not len(inputs["customer_id"]):
            return {}
        return dict(inputs, population=rfm_engine.population(*self._rfm_values(inputs)))

    def _rfm_rescored(self, scored, as_of, customer_ids):
        """``_rfm_scores`` after changes of ``customer_ids``' facts, from the ``scored``
        arrays before them: their inputs read again and moved in the population. None
        when one of them joins or leaves the population, or when so many changed that
        moving each costs more than scoring everyone again (a copy of the arrays each)."""
        ids = scored.get("customer_id")
        if ids is None or len(customer_ids) > RFM_MOVES:
            return None
        changed = self._rfm_inputs(self._company_wide()._customer_stats(as_of, customer_ids), as_of)
        positions = np.searchsorted(ids, customer_ids)
        present = ids[np.minimum(positions, len(ids) - 1)] == customer_ids
        if not np.array_equal(np.asarray(customer_ids)[present], changed["customer_id"]):
            return None
        positions = positions[present]
        inputs = {key: scored[key].copy() for key in changed}
        for key, values in changed.items():
            inputs[key][positions] = values
        population = rfm_engine.moved(
            scored["population"],
            self._rfm_values(scored, positions),
            self._rfm_values(changed),
        )
        return dict(inputs, population=population)

    @staticmethod
    def _rfm_inputs(stats, as_of):
        """The RFM inputs of the approved customers of ``stats`` (ordered by customer),
        as arrays."""
        stats = [row for row in stats if row["approved"]]
        return {
            "customer_id": np.array([row["customer_id"] for row in stats], dtype=int),
            "recency_days": as_of.toordinal()
            - np.array([row["last_date"].toordinal() for row in stats], dtype=int),
            "frequency": np.array([int(row["orders_365"] or 0) for row in stats], dtype=int),
            "monetary": np.array([num(row["revenue_365"]) for row in stats], dtype=float),
        }

    @classmethod
    def _rfm_values(cls, inputs, positions=None):
        return tuple(
            inputs[key] if positions is None else inputs[key][positions] for key in cls._RFM_VALUES
        )

    @classmethod
    def _rfm_rows(cls, scored, positions=None):
        """The scored customers (at ``positions`` of ``_rfm_scores``'s arrays, else all)
        as dicts: their inputs, scores and segment."""
        if not scored:
            return []
        inputs = {key: scored[key] for key in ("customer_id", *cls._RFM_VALUES)}
        if positions is not None:
            inputs = {key: values[positions] for key, values in inputs.items()}
        scores = rfm_engine.scores_in(scored["population"], *cls._rfm_values(inputs))
        columns = {key: values.tolist() for key, values in (inputs | scores).items()}
        return [
            dict(row, segment=rfm_engine.segment(row["r"], row["fm"]))
            for row in (
                dict(zip(columns, values, strict=True))
                for values in zip(*columns.values(), strict=True)
            )
        ]

    def _cached_rfm_scores(self, as_of):
        """RFM scores of the whole population, kept while the facts and the customers
        are unchanged."""
        whole = self._company_wide()
        return whole._cached(
            ("rfm", whole._visibility_key(), as_of),
            lambda: whole._rfm_scores(as_of),
            update=lambda scored, ids: whole._rfm_rescored(scored, as_of, ids),
        )

    def _customer_rfm(self, customer):
        scored = self._cached_rfm_scores(self._today())
        ids = scored.get("customer_id", np.array([], dtype=int))
        n = int(np.searchsorted(ids, customer.id))
        if n == len(ids) or ids[n] != customer.id:
            return {"r": None, "f": None, "m": None, "segment": None}
        (row,) = self._rfm_rows(scored, [n])
        return {key: row[key] for key in ("r", "f", "m", "segment")}

    # Churn -----------------------------------------------------------------------

    def _churn_rows(self, stats=None):
        """Churn risk with its inputs for the visible customers with orders (``stats``:
        the ``_customer_stats`` of some of them, when the caller has them already)."""
        as_of = self._today()
        if stats is None:  # every visible customer: kept, computed again by customer
            return self._cached_by_customer(
                ("churn", self._visibility_key(), as_of, repr(self._fitted_model())),
                lambda ids: self._churn_rows(self._customer_stats(as_of, ids)),
            )
        fit, predictions = self._predictions(stats, as_of)
        assessed = self._assessed_ids(stats)
        rows = []
        for row, prediction in zip(stats, predictions, strict=True):
            days = (as_of - row["last_date"]).days
            alive = prediction["probability_alive"] if prediction else None
            rows.append(
                {
                    "customer_id": row["customer_id"],
                    "probability_alive": alive,
                    "risk": (
                        churn_rule.churn_risk(alive, days, row["median_gap"])
                        if row["customer_id"] in assessed
                        else None
                    ),
                    "method": fit["method"] if prediction else "order_gap",
                    "days_since_last_order": days,
                    "median_gap_days": row["median_gap"],
                    "revenue_12m": num(row["revenue_365"]),
                }
            )
        return rows

    @staticmethod
    def _assessed_ids(stats):
        """Ids of the customers of ``stats`` whose churn risk is assessed: the approved
        ones. A pending or suspended customer is not "Low risk": the screens and files
        show its status instead (docs/definitions.md, "Risk: three measures")."""
        return {row["customer_id"] for row in stats if row["approved"]}

    def _customer_churn(self, stats):
        """Churn risk of the customer whose ``_customer_stats`` are ``stats``."""
        rows = self._churn_rows(stats)
        if not rows:
            return {"probability_alive": None, "risk": None}
        return {key: rows[0][key] for key in ("probability_alive", "risk", "method")}

    def _at_risk_customers(self, visibility, limit=AT_RISK_LIMIT):
        """Approved customers at high or medium risk, the most valuable first (kept
        while the facts, the stored model parameters and the ``visibility``, the
        caller's ``_visibility_key()``, are unchanged)."""
        return self._cached(
            ("at_risk", visibility, self._today(), limit, repr(self._fitted_model())),
            lambda: self._compute_at_risk(limit),
        )

    def _compute_at_risk(self, limit):
        # a risk is assessed for approved customers only (``_assessed_ids``)
        rows = heapq.nsmallest(  # the first ``limit`` of the sorted rows, without the sort
            limit,
            (row for row in self._churn_rows() if row["risk"] in vocabulary.AT_RISK),
            key=lambda row: (row["risk"] != churn_rule.HIGH, -row["revenue_12m"]),
        )
        customers = self.env["b2b.customer"].browse([r["customer_id"] for r in rows]).sudo()
        by_id = {customer.id: customer for customer in customers}
        return [
            dict(
                row,
                name=by_id[row["customer_id"]].name,
                tier=by_id[row["customer_id"]].tier_id.name or None,
            )
            for row in rows
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
            lambda: self._compute_revenue_forecast(self._monthly_history(end, visibility), months),
            before=end.replace(day=1),
        )

    def _monthly_history(self, end, visibility):
        """The 36 complete months before ``end``'s month ([{period, revenue, orders}]),
        kept while no order before that month changes, like the forecast made from them
        (the dashboard's last year too): an order of the month does not recompute them."""
        last_complete = end.replace(day=1) - timedelta(days=1)
        return self._cached(
            ("history", visibility, end.replace(day=1)),
            lambda: self._monthly_trend(
                (last_complete - relativedelta(months=35)).replace(day=1), last_complete
            ),
            before=end.replace(day=1),
        )

    def _compute_revenue_forecast(self, history, months):
        history = list(history)
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
        rfm = {row["customer_id"]: row for row in self._rfm_rows(self._rfm_scores(as_of))}
        assessed = self._assessed_ids(stats)
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
                    "revenue_12m": num(row["revenue_365"]),
                    "r_score": scores.get("r"),
                    "f_score": scores.get("f"),
                    "m_score": scores.get("m"),
                    "segment": scores.get("segment"),
                    "clv_36m": clv["historical"]["projected_clv_36m"],
                    "clv_formula": clv["formula"]["clv"],
                    "clv_12m": clv["predictive"].get("clv_12m"),
                    "expected_orders_12m": clv["predictive"].get("expected_orders_12m"),
                    "probability_alive": alive,
                    "churn_risk": (
                        churn_rule.churn_risk(alive, days, row["median_gap"])
                        if row["customer_id"] in assessed
                        else None
                    ),
                }
            )
        return rows
