"""Each account manager's book (docs/definitions.md, *Account managers*): customers,
activity, revenue, retention, churned and new customers in a period, and today's high
churn risk and overdue customers, per ``b2b.customer.user_id`` of the visible customers.
The actions opened and won back are the follow-ups' (added by the service)."""

from odoo import _, models
from odoo.tools import SQL

from ..engine import churn as churn_rule
from ..engine import periods as P
from .b2b_analytics_reading import num

COUNTS = (
    "customers",
    "active_customers",
    "retained",
    "previous_active",
    "churned_customers",
    "new_customers",
    "high_risk_customers",
    "overdue_customers",
)


class B2bAnalyticsManagers(models.AbstractModel):
    _inherit = "b2b.analytics.predictive"

    def _account_managers(self, start, end, previous):
        """``{user_id or None: row}`` for the account managers of the visible customers,
        the B2B users in a sales team of the selected companies (zeros when they manage
        nobody) when the user sees every customer, else the user, and the customers
        nobody manages (key None)."""
        rows = {}

        def row(user_id):
            if user_id not in rows:
                rows[user_id] = dict(
                    {name: 0 for name in COUNTS}, revenue=0.0, previous_revenue=0.0
                )
            return rows[user_id]

        for user in self._book_holders():
            row(user.id)
        managers = dict(self._visible_books())
        for user_id in managers.values():
            row(user_id)["customers"] += 1
        activity = self._fetch(
            SQL(
                """SELECT activity.*, c.user_id
                     FROM %s activity JOIN b2b_customer c ON c.id = activity.customer_id""",
                self._customer_activity([(start, end), previous], [0]),
            )
        )
        for line in activity:
            figures = row(line["user_id"])
            active, was_active = line["o0"] > 0, line["o1"] > 0
            figures["active_customers"] += active
            figures["previous_active"] += was_active
            figures["retained"] += active and was_active
            figures["churned_customers"] += was_active and not active
            figures["new_customers"] += bool(line["new0"])
            figures["revenue"] += num(line["r0"])
            figures["previous_revenue"] += num(line["r1"])
        approved = set(self._approved_visible())
        for churn in self._churn_rows():
            if churn["risk"] == churn_rule.HIGH and churn["customer_id"] in approved:
                row(managers[churn["customer_id"]])["high_risk_customers"] += 1
        for overdue in self._overdue_rows(self._today()):
            row(overdue["user_id"])["overdue_customers"] += 1
        return rows

    def _visible_books(self):
        """(customer id, account manager id or None) of the visible active customers."""
        customers = self.env["b2b.customer"].search([("company_id", "in", self.env.companies.ids)])
        return [(c.id, c.user_id.id or None) for c in customers.sudo()]

    def _approved_visible(self):
        return (
            self.env["b2b.customer"]
            .search([("company_id", "in", self.env.companies.ids), ("state", "=", "approved")])
            .ids
        )

    def _book_holders(self):
        """Users shown even with no customer: the B2B users of the selected companies'
        sales teams for a user who sees every customer, else the user."""
        if not self._sees_every_customer():
            return self.env.user
        teams = (
            self.env["crm.team"]
            .sudo()
            .search([("company_id", "in", [*self.env.companies.ids, False])])
        )
        users = teams.member_ids | teams.user_id
        return users.filtered(lambda u: u.active and u.has_group("smart_dairy_b2b.group_b2b_user"))

    def _manager_rows(self, rows):
        """The rows of ``_account_managers`` as the answer's list, by revenue."""
        names = self._names("res.users", [user_id for user_id in rows if user_id])
        result = []
        for user_id, figures in rows.items():
            result.append(
                {
                    "user_id": user_id,
                    "name": names.get(user_id) if user_id else _("Unassigned"),
                    "customers": figures["customers"],
                    "active_customers": figures["active_customers"],
                    "revenue": figures["revenue"],
                    "previous_revenue": figures["previous_revenue"],
                    "change_pct": P.change_pct(figures["revenue"], figures["previous_revenue"]),
                    "retention_rate": P.safe_ratio(
                        figures["retained"] * 100, figures["previous_active"]
                    ),
                    "churned_customers": figures["churned_customers"],
                    "new_customers": figures["new_customers"],
                    "high_risk_customers": figures["high_risk_customers"],
                    "overdue_customers": figures["overdue_customers"],
                }
            )
        result.sort(key=lambda r: (-r["revenue"], r["user_id"] is None, r["name"] or ""))
        return result
