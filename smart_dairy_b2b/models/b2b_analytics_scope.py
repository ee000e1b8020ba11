from odoo import fields, models
from odoo.tools import SQL


class B2bAnalyticsScope(models.AbstractModel):
    """What the current user may see of the analytics, and in which currency.

    Every analytic (report views, service, exports, API) reads the facts through
    these two pieces, so no SQL path bypasses the record rules of ``b2b.customer``
    or the selected companies (DESIGN.md section 5, *Visibility* and *Currency*).
    """

    _name = "b2b.analytics.scope"
    _description = "B2B Analytics Visibility and Currency"

    def _visible_customers(self):
        """A subselect of the B2B customers the user may read (record rules and
        allowed companies included; archived customers keep their history)."""
        Customer = self.env["b2b.customer"].with_context(active_test=False)
        return Customer._search([("company_id", "in", self.env.companies.ids)]).subselect()

    def _currency_table(self):
        """``currency_table(company_id, rate, precision)``: converts each selected
        company's currency to the current company's, as ``sale.report`` does."""
        return SQL(
            self.env["res.currency"]._get_query_currency_table(
                self.env.companies.ids, fields.Date.context_today(self)
            )
        )

    def _apply_ir_rules(self, query, mode="read"):
        """Models inheriting this scope show only visible customers' rows."""
        result = super()._apply_ir_rules(query, mode)
        if not self.env.su and "customer_id" in self._fields:
            query.add_where(
                SQL(
                    "%s IN %s",
                    SQL.identifier(query.table, "customer_id"),
                    self._visible_customers(),
                )
            )
        return result
