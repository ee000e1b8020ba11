from odoo import api, fields, models
from odoo.tools import SQL


class B2bAnalyticsReport(models.AbstractModel):
    """What the SQL-view report models share: amounts in the current company's
    currency, and ratios (AOV, margin %) computed from each group's sums."""

    _name = "b2b.analytics.report"
    _inherit = "b2b.analytics.scope"
    _description = "B2B Analytics Report"

    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")

    # Non-additive measures: {field: (numerator, denominator, factor)}, computed from the
    # group's sums at every grouping level, never averaged twice.
    _ratio_measures = {}

    @api.depends_context("allowed_company_ids")
    def _compute_currency_id(self):
        self.currency_id = self.env.company.currency_id

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
