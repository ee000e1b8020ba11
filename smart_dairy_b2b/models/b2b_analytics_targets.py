"""Targets on the dashboard (docs/definitions.md, *Targets*): the current month's
target, actual, % reached and run-rate projection, the target of each month of the
trend, and last year's same months."""

import calendar

from dateutil.relativedelta import relativedelta

from odoo import _, fields, models
from odoo.tools import SQL

from ..engine import periods as P
from .b2b_analytics_filters import CATEGORY_FILTER
from .b2b_analytics_reading import num

# filters a target can be set for; with any other filter no target applies
TARGET_FILTERS = {"tier_id": "tier_id", "account_manager_id": "user_id"}


class B2bAnalyticsTargets(models.AbstractModel):
    _inherit = "b2b.analytics.descriptive"

    def _matching_targets(self, months):
        """{month: (revenue target, quantity target)} of the targets matching the
        filters, in the current company's currency; None when the filters narrow by
        something targets are not set for (region, customer type, category).

        A target matches when its tier is the tier filter's (none: the tier is empty)
        and its account manager the account manager filter's (none: empty, or the
        user themselves when the user sees only their own customers)."""
        filters = self._filters()
        if set(filters) - set(TARGET_FILTERS):
            return None
        domain = [
            ("company_id", "in", self.env.companies.ids),
            ("month", "in", [month.isoformat() for month in months]),
        ]
        managers = filters.get("account_manager_id")
        if not managers and not self._sees_every_customer():
            managers = (self.env.uid,)
        for key, field in TARGET_FILTERS.items():
            value = managers if key == "account_manager_id" else filters.get(key)
            domain.append((field, "in", list(value)) if value else (field, "=", False))
        result = {}
        today = fields.Date.context_today(self)
        for target in self.env["b2b.sales.target"].search(domain):
            revenue = target.currency_id._convert(
                target.revenue_target, self.env.company.currency_id, target.company_id, today
            )
            previous = result.get(target.month, (0.0, 0.0))
            result[target.month] = (previous[0] + revenue, previous[1] + target.volume_target)
        return result

    def _current_target(self):
        """This month (analytics timezone) to today: target, actual, % reached and the
        run-rate projection = actual / elapsed days x days in the month, today counted
        as elapsed. As of today, whatever the dashboard's period."""
        today = self._today()
        first = today.replace(day=1)
        days_in_month = calendar.monthrange(today.year, today.month)[1]
        row = self._fetch(
            SQL(
                """SELECT SUM(revenue) AS revenue, SUM(quantity) AS quantity
                     FROM %s d WHERE date BETWEEN %s AND %s""",
                self._daily(),
                first,
                today,
            )
        )[0]
        actual, quantity = num(row["revenue"]), num(row["quantity"])
        targets = self._matching_targets([first])
        target, volume_target = (targets or {}).get(first, (None, None))
        run_rate = actual / today.day * days_in_month
        volume_run_rate = quantity / today.day * days_in_month
        return {
            "month": first.strftime("%Y-%m"),
            "as_of": today.isoformat(),
            "elapsed_days": today.day,
            "days_in_month": days_in_month,
            "actual": actual,
            "run_rate": run_rate,
            "target": target,
            "pct_reached": P.safe_ratio(actual * 100, target) if target else None,
            "run_rate_pct": P.safe_ratio(run_rate * 100, target) if target else None,
            "volume_actual": quantity,
            "volume_run_rate": volume_run_rate,
            "volume_target": volume_target or None,
            "volume_pct_reached": (
                P.safe_ratio(quantity * 100, volume_target) if volume_target else None
            ),
            "applies": targets is not None,
            "note": None if targets is not None else self._no_target_note(),
        }

    def _no_target_note(self):
        filters = self._filters()
        names = [key for key in filters if key not in TARGET_FILTERS]
        if CATEGORY_FILTER in names:
            return _("Targets are set per company, tier and account manager, not per category.")
        return _("Targets are set per company, tier and account manager, not per region or type.")

    def _trend_targets(self, months):
        """[{period: 'YYYY-MM', target}] for ``months`` (first days); target None where
        no target matches."""
        targets = self._matching_targets(months) or {}
        return [
            {"period": month.strftime("%Y-%m"), "target": targets.get(month, (None,))[0]}
            for month in months
        ]

    def _last_year_trend(self, first_month, last_month):
        """The same months a year earlier, whole: [{period (this year's month),
        revenue, orders}]."""
        year_ago = relativedelta(years=1)
        rows = self._monthly_trend(
            first_month - year_ago, last_month - year_ago + relativedelta(months=1, days=-1)
        )
        return [
            dict(
                row,
                period=(fields.Date.to_date(row["period"] + "-01") + year_ago).strftime("%Y-%m"),
            )
            for row in rows
        ]
