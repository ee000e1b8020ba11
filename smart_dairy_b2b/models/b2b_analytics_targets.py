"""Targets on the dashboard (docs/definitions.md, *Targets*): the current month's
target, actual, % reached and run-rate projection, the target of each month of the
trend, and last year's same months."""

import calendar

from odoo import _, fields, models
from odoo.tools import SQL

from ..engine import periods as P
from .b2b_analytics_filters import CATEGORY_FILTER
from .b2b_analytics_reading import num

# filters a target can be set for; with any other filter no target applies
TARGET_FILTERS = {"tier_id": "tier_id", "account_manager_id": "user_id"}


# one module per topic of the descriptive layer, as the layout asks
class B2bAnalyticsTargets(models.AbstractModel):
    _inherit = "b2b.analytics.descriptive"  # pylint: disable=consider-merging-classes-inherited

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
        tiers = filters.get("tier_id")
        targets = self.env["b2b.sales.target"].search(
            [
                ("company_id", "in", self.env.companies.ids),
                ("month", "in", [month.isoformat() for month in months]),
                ("tier_id", "in", list(tiers)) if tiers else ("tier_id", "=", False),
            ],
            order="id",  # the model's order joins companies, tiers and users
        )
        managers = filters.get("account_manager_id")
        # (who sees every customer is asked only when there are targets to choose from)
        if targets and not managers and not self._sees_every_customer():
            managers = (self.env.uid,)
        targets = targets.filtered(
            lambda target: target.user_id.id in managers if managers else not target.user_id
        )
        result = {}
        today = fields.Date.context_today(self)
        for target in targets:
            revenue = target.currency_id._convert(
                target.revenue_target, self.env.company.currency_id, target.company_id, today
            )
            previous = result.get(target.month, (0.0, 0.0))
            result[target.month] = (previous[0] + revenue, previous[1] + target.volume_target)
        return result

    def _targets(self, trend_months, kpis_period, revenue):
        """``{current, trend}``: this month's target card and the target of each of
        ``trend_months`` (first days), from one read of the targets. ``revenue``: the
        dashboard's revenue of ``kpis_period``, which is this month's actual when that
        period is this month to date."""
        first = self._today().replace(day=1)
        targets = self._matching_targets(sorted({*trend_months, first}))
        actual = revenue if kpis_period == (first, self._today()) else None
        return {
            "current": self._current_target(targets, actual),
            "trend": [
                {
                    "period": month.strftime("%Y-%m"),
                    "target": (targets or {}).get(month, (None,))[0],
                }
                for month in trend_months
            ],
        }

    def _current_target(self, targets, actual=None):
        """This month (analytics timezone) to today: target, actual, % reached and the
        run-rate projection = actual / elapsed days x days in the month, today counted
        as elapsed. As of today, whatever the dashboard's period. ``targets``: the
        matching targets by month (None: none applies); ``actual``: this month's
        revenue when known (the quantity is then read only for a quantity target)."""
        today = self._today()
        first = today.replace(day=1)
        days_in_month = calendar.monthrange(today.year, today.month)[1]
        target, volume_target = (targets or {}).get(first, (None, None))
        quantity = None
        if actual is None or volume_target:
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
        run_rate = actual / today.day * days_in_month
        volume_run_rate = quantity / today.day * days_in_month if quantity is not None else None
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
            ),  # the quantity is read when there is a quantity target
            "applies": targets is not None,
            "note": None if targets is not None else self._no_target_note(),
        }

    def _no_target_note(self):
        filters = self._filters()
        names = [key for key in filters if key not in TARGET_FILTERS]
        if CATEGORY_FILTER in names:
            return _("Targets are set per company, tier and account manager, not per category.")
        return _("Targets are set per company, tier and account manager, not per region or type.")

    @staticmethod
    def _last_year_of(trend, history):
        """Last year's months of the dashboard's ``trend`` ([{period: 'YYYY-MM', ...}]),
        whole, under this year's month, taken from ``history`` (complete months,
        ``_monthly_history``); 0 for months it does not hold."""
        by_month = {row["period"]: row for row in history}
        result = []
        for row in trend:
            year, month = row["period"].split("-")
            before = by_month.get(f"{int(year) - 1:04d}-{month}", {})
            result.append(
                {
                    "period": row["period"],
                    "revenue": before.get("revenue", 0.0),
                    "orders": before.get("orders", 0),
                }
            )
        return result
