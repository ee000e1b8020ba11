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

    # Non-additive measures of report models: {field: (numerator, denominator, factor)},
    # computed from the group's sums at every grouping level, never averaged twice.
    _ratio_measures = {}

    def _read_group_select(self, aggregate_spec, query):
        fname = aggregate_spec.split(":")[0]
        if fname in self._ratio_measures:
            numerator, denominator, factor = self._ratio_measures[fname]
            return (
                SQL(
                    "SUM(%s) / NULLIF(SUM(%s), 0) * %s",
                    SQL.identifier(self._table, numerator),
                    SQL.identifier(self._table, denominator),
                    factor,
                ),
                [fname, numerator, denominator],
            )
        return super()._read_group_select(aggregate_spec, query)

    def _apply_ir_rules(self, query, mode="read"):
        """Report models inheriting this scope show only visible customers' rows."""
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
