"""The public methods of the analytics (XML-RPC, the HTTP API, the exports and the OWL
client call these): each checks its arguments and composes the questions below it.

The layers, top to bottom: this service; the predictive questions
(``b2b_analytics_predictive.py``, ``b2b_analytics_scoring.py``); the descriptive ones
(``b2b_analytics_descriptive.py``, ``b2b_analytics_breakdowns.py``); the reading layer
(``b2b_analytics_reading.py``) on the visibility scope; the facts. A method needing both
kinds of question composes them here; no layer calls one above it
(``tests/repo/test_layers.py``).
"""

from dateutil.relativedelta import relativedelta

from odoo import _, api, models
from odoo.exceptions import UserError

from .. import vocabulary
from ..engine import periods as P
from .analytics_params import (
    is_absent,
    parse_choice,
    parse_date,
    parse_flag,
    parse_int,
    parse_month,
)
from .b2b_analytics_breakdowns import SPEND_GROUPS, TREND_METRICS
from .b2b_analytics_descriptive import CUSTOMER_KPIS
from .b2b_analytics_filters import FILTERS_KEY
from .b2b_analytics_retention import RETENTION_GROUPS
from .b2b_analytics_scope import analytics_method


class B2bAnalyticsService(models.AbstractModel):
    _name = "b2b.analytics.service"
    _inherit = "b2b.analytics.predictive"
    _description = "B2B Analytics Service"

    # Executive dashboard ---------------------------------------------------

    def _dashboard_period(self, date_from, date_to, compare):
        """The dashboard's checked period and its comparison period (None: none)."""
        compare = parse_choice(
            compare, "compare", vocabulary.keys(vocabulary.COMPARE_MODES), default="previous_period"
        )
        # month to date by default; a date_to alone: its month up to it
        start, end = self._period(date_from, date_to, lambda end: end.replace(day=1))
        return compare, start, end, P.comparison_period(start, end, compare)

    @api.model
    @analytics_method
    def get_executive_dashboard(
        self, date_from=None, date_to=None, compare="previous_period", filters=None
    ):
        """The dashboard of a period; ``filters`` (or the context's ``b2b_filters``)
        narrow every figure (``b2b_analytics_filters.py``)."""
        if not is_absent(filters):
            return self.with_context(b2b_filters=filters).get_executive_dashboard(
                date_from, date_to, compare
            )
        compare, start, end, previous = self._dashboard_period(date_from, date_to, compare)
        visibility = self._visibility_key()  # keys the results kept between calls
        trend_start = (end - relativedelta(months=11)).replace(day=1)
        trend_months = [trend_start + relativedelta(months=i) for i in range(12)]
        # the 11 complete months from the kept history, the current one from its days
        history = self._monthly_history(end, visibility)
        trend = [dict(month) for month in history[-11:]]
        trend += self._monthly_trend(end.replace(day=1), end)
        kpis = self._kpis(start, end, previous, compare)
        return {
            "period": self._period_info(start, end, previous),
            "filters": {key: list(value) for key, value in self._filters().items()},
            "kpis": kpis,
            "revenue_trend": trend,
            "revenue_trend_last_year": self._last_year_of(trend, history),
            "targets": self._targets(trend_months, (start, end), kpis["revenue"]["value"]),
            "top_customers": self._top_customers(start, end),
            "top_products": self._top_products(start, end),
            "tier_distribution": self._tier_distribution(start, end),
            "at_risk_customers": self._at_risk_customers(visibility),
            "forecast": self._revenue_forecast(end, visibility),
        }

    @api.model
    @analytics_method
    def get_filter_options(self):
        """What the dashboard's filters offer the user: regions, customer types, the
        tiers, account managers and product categories of their visible customers'
        companies, each as ``[{id, name}]`` (ids are the filters' values)."""
        Customer = self.env["b2b.customer"].with_context(active_test=False)
        customers = Customer.search([("company_id", "in", self.env.companies.ids)])
        tiers = self.env["b2b.customer.tier"].search(
            [("company_id", "in", [*self.env.companies.ids, False])]
        )
        categories = self.env["product.category"].search([])

        def choices(field):
            return [
                {"id": key, "name": label} for key, label in self._selection_labels(field).items()
            ]

        return {
            "region": choices("region"),
            "customer_type": choices("customer_type"),
            "tier_id": [{"id": tier.id, "name": tier.display_name} for tier in tiers],
            "account_manager_id": [
                {"id": user.id, "name": user.display_name}
                for user in customers.user_id.sorted("name")
            ],
            "categ_id": [
                {"id": category.id, "name": category.display_name}
                for category in categories.sorted("complete_name")
            ],
        }

    @api.model
    @analytics_method
    def get_definitions(self):
        """The vocabularies the screens show (KPIs, churn risks, comparison modes, report
        types, formats), in the user's language, and the analytics timezone the screens
        resolve their period presets in: the client asks, never keeps a copy."""
        return dict(vocabulary.definitions(self.env), timezone=self._timezone())

    @api.model
    @analytics_method
    def get_kpi_customers(self, kpi, date_from=None, date_to=None, compare="previous_period"):
        """Ids of the B2B customers a customer KPI of the dashboard counts, for the same
        period and comparison as ``get_executive_dashboard``."""
        kpi = parse_choice(kpi, "kpi", CUSTOMER_KPIS)
        _compare, start, end, previous = self._dashboard_period(date_from, date_to, compare)
        return self._kpi_customers(kpi, start, end, previous)

    # A customer --------------------------------------------------------------

    @api.model
    @analytics_method
    def get_customer_summary(self, customer_id, date_from=None, date_to=None):
        """The customer's purchases in the period, narrowed by the filters of the
        context (a product category: that category's lines); its scores (CLV, RFM,
        churn, rhythm) are the customer's whole, whatever the filters."""
        customer = self._customer(customer_id)
        start, end = self._period(date_from, date_to)
        whole = self.with_context(**{FILTERS_KEY: None})
        stats = whole._customer_stats(self._today(), [customer.id])  # for CLV and churn
        return dict(
            self._customer_figures(customer, start, end),
            clv=whole._customer_clv(customer, stats),
            rfm=whole._customer_rfm(customer),
            churn=whole._customer_churn(stats),
            rhythm=whole._customer_rhythm(customer),
        )

    def _customer_rhythm(self, customer):
        """The customer's rhythm as JSON (None without one: fewer than 3 order days in
        the window)."""
        rhythm = self._rhythms(self._today(), [customer.id]).get(customer.id)
        if not rhythm:
            return None
        return {
            "usual_gap_days": rhythm["usual_gap_days"],
            "usual_weekdays": rhythm["usual_weekdays"],
            "order_days": rhythm["order_days"],
            "last_order_date": rhythm["last_order_date"].isoformat(),
            "due_date": rhythm["due_date"].isoformat(),
            "overdue": rhythm["overdue"],
            "days_overdue": rhythm["days_overdue"] if rhythm["overdue"] else 0,
            "revenue_at_stake": rhythm["revenue_at_stake"],
        }

    @api.model
    @analytics_method
    def calculate_clv(self, customer_id):
        return self._customer_clv(self._customer(customer_id))

    # Descriptive analyses ----------------------------------------------------

    @api.model
    @analytics_method
    def get_spend_analytics(self, date_from=None, date_to=None, group_by="customer"):
        group_by = parse_choice(group_by, "group_by", list(SPEND_GROUPS), default="customer")
        start, end = self._period(date_from, date_to)
        return self._spend(start, end, group_by)

    @api.model
    @analytics_method
    def get_product_performance(self, date_from=None, date_to=None, limit=None):
        limit = parse_int(limit, "limit", minimum=1, maximum=10000, default=0) or None
        start, end = self._period(date_from, date_to)
        return self._product_performance(start, end, limit)

    @api.model
    @analytics_method
    def get_trend(
        self,
        metric="revenue",
        granularity="month",
        date_from=None,
        date_to=None,
        forecast_periods=0,
        filters=None,
    ):
        metric = parse_choice(metric, "metric", TREND_METRICS, default="revenue")
        granularity = parse_choice(granularity, "granularity", P.GRANULARITIES, default="month")
        forecast_periods = parse_int(forecast_periods, "forecast_periods", 0, 36, default=0)
        filters = self._trend_filters(filters)
        start, end = self._period(date_from, date_to)
        result = self._trend(metric, granularity, start, end, filters)
        if forecast_periods:
            series = result["series"]
            result["forecast"] = self._forecast_series(
                [s["value"] for s in series],
                [s["period"] for s in series],
                granularity,
                forecast_periods,
            )
        return result

    @api.model
    @analytics_method
    def get_cohort_retention(self, date_from=None, date_to=None):
        start, end = self._period(date_from, date_to)
        return self._cohorts(start, end)

    @api.model
    @analytics_method
    def get_purchase_patterns(self, date_from=None, date_to=None, customer_id=None):
        customer = None if is_absent(customer_id) else self._customer(customer_id)
        start, end = self._period(date_from, date_to)
        return self._purchase_patterns(customer, start, end)

    # Rhythm and action ---------------------------------------------------------

    @api.model
    @analytics_method
    def get_overdue_customers(self, limit=None):
        """The visible approved customers overdue today against their own rhythm, the
        most revenue at stake first (docs/definitions.md, *Rhythm*)."""
        limit = parse_int(limit, "limit", minimum=1, maximum=100000, default=0) or None
        as_of = self._today()
        return {
            "as_of": as_of.isoformat(),
            "currency": self.env.company.currency_id.name,
            "customers": [
                {
                    "customer_id": row["customer_id"],
                    "name": row["name"],
                    "tier": row["tier"],
                    "account_manager": row["account_manager"],
                    "usual_gap_days": row["usual_gap_days"],
                    "usual_weekdays": row["usual_weekdays"],
                    "last_order_date": row["last_order_date"].isoformat(),
                    "due_date": row["due_date"].isoformat(),
                    "days_overdue": row["days_overdue"],
                    "revenue_at_stake": row["revenue_at_stake"],
                }
                for row in self._overdue_rows(as_of, limit)
            ],
        }

    @api.model
    @analytics_method
    def get_account_manager_performance(self, date_from=None, date_to=None):
        """Each account manager's book in the period (default month to date) against the
        previous period, with today's high-risk and overdue customers and the follow-ups
        opened and won back in the period. A user who does not see every customer gets
        the rows of the customers they see: their own and the unassigned ones."""
        _compare, start, end, previous = self._dashboard_period(
            date_from, date_to, "previous_period"
        )
        rows = self._account_managers(start, end, previous)
        actions = self.env["b2b.customer.followup"]._counts_by_manager(start, end)
        managers = self._manager_rows(rows)
        for manager in managers:
            opened, won_back = actions.get(manager["user_id"], (0, 0))
            manager.update(actions_opened=opened, won_back=won_back)
        return {"period": self._period_info(start, end, previous), "managers": managers}

    # Retention over time and category preferences (docs/definitions.md) ------

    @api.model
    @analytics_method
    def get_category_preferences(self, date_from=None, date_to=None, customer_id=None):
        customer = None if is_absent(customer_id) else self._customer(customer_id)
        start, end = self._period(date_from, date_to, lambda end: end.replace(day=1))
        return self._category_preferences(start, end, customer)

    @api.model
    @analytics_method
    def get_retention_trend(self, date_from=None, date_to=None):
        start, end = self._period(date_from, date_to, lambda end: end.replace(day=1))
        return self._retention_trend(start, end)

    @api.model
    @analytics_method
    def get_retention_customers(self, group, month, date_to=None):
        """Ids of the B2B customers a group (starting, retained, new, won_back,
        churned) of a month ('YYYY-MM') of ``get_retention_trend`` counts, orders
        counted up to ``date_to`` (today when absent)."""
        group = parse_choice(group, "group", RETENTION_GROUPS)
        month = parse_month(month, "month")
        if month is None:
            raise UserError(_("month is required, written YYYY-MM."))
        _start, end = self._period(None, date_to, lambda end: end)
        if month > end:
            raise UserError(
                _("month (%(month)s) must not be after date_to (%(end)s).", month=month, end=end)
            )
        return self._retention_customers(group, month, end)

    # Discounts, channels and campaigns -----------------------------------------

    @api.model
    @analytics_method
    def get_discount_analysis(self, date_from=None, date_to=None):
        start, end, _previous = self._deals_period(date_from, date_to)
        return self._discount_analysis(start, end)

    @api.model
    @analytics_method
    def get_channel_analysis(self, date_from=None, date_to=None):
        return self._channel_analysis(*self._deals_period(date_from, date_to))

    @api.model
    @analytics_method
    def get_campaign_performance(self, date_from=None, date_to=None):
        return self._campaign_performance(*self._deals_period(date_from, date_to))

    # Credit, receivables and payments (live accounting) ------------------------------

    @api.model
    @analytics_method
    def get_credit_analysis(self, as_of=None, customer_id=None):
        """Outstanding, ageing, utilisation and credit segments of the visible customers
        as of a date (default today); ``customer_id`` (optional, for the customer
        screen): that customer's row alone, the totals and segments then its own."""
        customer = None if is_absent(customer_id) else self._customer(customer_id)
        return self._credit_analysis(parse_date(as_of, "as_of") or self._today(), customer)

    @api.model
    @analytics_method
    def get_payment_preferences(self, date_from=None, date_to=None, customer_id=None):
        customer = None if is_absent(customer_id) else self._customer(customer_id)
        start, end = self._period(date_from, date_to)
        return self._payment_preferences(start, end, customer)

    # Predictive analyses -----------------------------------------------------

    @api.model
    @analytics_method
    def get_model_fit(self, refresh=False):
        """The stored BG/NBD + Gamma-Gamma fit of the current company
        (``b2b.analytics.model.fit``): its parameters, how many customers it saw, on
        which day, whether it converged; ``method: 'not_fitted'`` before the first fit.
        ``refresh`` (managers) refits now, for each of their selected companies (the
        daily cron does it otherwise).

        The parameters and the population counts are company-wide figures: users who
        do not see every customer of the selected companies get only whether the
        model is available to score their customers (method, converged, fitted_on).
        """
        if parse_flag(refresh, "refresh"):
            self._check_analytics_manager(_("refit the model"))
            self.env["b2b.analytics.model.fit"]._refit(self.env.companies)
        fit = self._fitted_model()
        if self._sees_every_customer():
            return fit
        return {
            key: fit[key] for key in ("method", "converged", "fitted_on", "message") if key in fit
        }

    @api.model
    @analytics_method
    def get_rfm_segments(self, as_of=None):
        """Segments of the customers the user sees, scored among the whole population
        (approved customers of the selected companies with orders). ``population``:
        the scored customers in the answer; ``ranking_population``: the size of the
        population they were ranked in, for users who see all of it (else None)."""
        return self._rfm_segments(parse_date(as_of, "as_of") or self._today())
