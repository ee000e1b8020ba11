import logging

from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_datetime

from .. import vocabulary
from ..engine.rfm import SEGMENTS

_logger = logging.getLogger(__name__)

# First key of the transaction advisory lock held while a company's insights are
# replaced (the second key is the company's id): "b2bi".
REFRESH_LOCK = 0x62326269


class B2bCustomerInsight(models.Model):
    """RFM segment, lifetime value and churn risk per customer: a snapshot of the
    predictive service, refreshed by a scheduled action and on demand, so that lists
    can filter and group by segment and risk."""

    _name = "b2b.customer.insight"
    _inherit = "b2b.analytics.scope"
    _description = "B2B Customer Insight"
    _order = "revenue_12m desc, id"
    _rec_name = "customer_id"

    # Older snapshots are refreshed when the insights are opened.
    _max_age_hours = 1

    customer_id = fields.Many2one(
        "b2b.customer", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="customer_id.company_id", store=True)
    tier_id = fields.Many2one(related="customer_id.tier_id", string="Current Tier", store=True)
    customer_type = fields.Selection(related="customer_id.customer_type", store=True)
    region = fields.Selection(related="customer_id.region", store=True)
    account_manager_id = fields.Many2one(
        related="customer_id.user_id", string="Account Manager", store=True
    )
    customer_state = fields.Selection(
        related="customer_id.state",
        string="Status",
        store=True,
        help="Only approved customers are scored (RFM segment, churn risk); a pending or "
        "suspended customer shows its status instead.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    last_order_date = fields.Date(readonly=True)
    days_since_last_order = fields.Integer(
        string="Days Idle",
        readonly=True,
        group_operator="avg",
        help="Days since the customer's last confirmed order, on the snapshot's day.",
    )
    orders_12m = fields.Integer(
        string="Orders 12m", readonly=True, help="Confirmed orders of the last 12 months."
    )
    revenue_12m = fields.Monetary(
        string="Revenue 12m", readonly=True, help="Revenue of the last 12 months."
    )
    r_score = fields.Integer(string="R", readonly=True, group_operator="avg")
    f_score = fields.Integer(string="F", readonly=True, group_operator="avg")
    m_score = fields.Integer(string="M", readonly=True, group_operator="avg")
    segment = fields.Selection(
        [(s, s) for s in SEGMENTS],
        string="RFM Segment",
        readonly=True,
        help=vocabulary.RISK_MEASURES["rfm_segment"][1]._source,
    )
    clv_36m = fields.Monetary(string="Historical CLV (36 months)", readonly=True)
    clv_formula = fields.Monetary(
        string="CLV (formula)",
        readonly=True,
        help="Lifetime value by the retention formula: annual margin × r / (1 + d − r).",
    )
    clv_12m = fields.Monetary(
        string="CLV 12m (model)",
        readonly=True,
        help="Revenue the BG/NBD + Gamma-Gamma model expects in the next 12 months.",
    )
    expected_orders_12m = fields.Float(string="Expected Orders (12 months)", readonly=True)
    probability_alive = fields.Float(
        string="P(alive)",
        readonly=True,
        group_operator="avg",
        digits=(3, 2),
        help="Probability that the customer is still buying (BG/NBD model).",
    )
    churn_risk = fields.Selection(
        vocabulary.selection(vocabulary.CHURN_RISKS),
        string="Churn Risk (model)",
        readonly=True,
        help=vocabulary.RISK_MEASURES["churn_risk"][1]._source,
    )
    computed_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("customer_uniq", "unique(customer_id)", "A customer has one insight row."),
    ]

    # Refresh ---------------------------------------------------------------------------
    # A refresh replaces whole companies' rows, for everyone: a manager's action
    # (docs/security.md), for the companies the manager selected. Two refreshes of a
    # company at once would both insert its rows and collide on customer_uniq, so each
    # company is refreshed under a lock; a second refresh meanwhile gives way.

    def _check_refresh_access(self):
        if not self.env.user.has_group("smart_dairy_b2b.group_b2b_manager"):
            raise AccessError(
                _(
                    "Only B2B Analytics managers may refresh the customer insights; they "
                    "are refreshed every day, and a sales manager can refresh them now."
                )
            )

    def _lock_company(self, company):
        """Take the company's refresh lock for this transaction; False if another
        transaction holds it (that one is refreshing the company right now)."""
        self.env.cr.execute(
            SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", REFRESH_LOCK, company.id)
        )
        return self.env.cr.fetchone()[0]

    def _refresh_company(self, company, now):
        """Replace the company's rows; False when another refresh of it is running."""
        if not self._lock_company(company):
            return False
        predictive = (
            self.env["b2b.analytics.predictive"]
            .sudo()
            .with_company(company)
            .with_context(allowed_company_ids=company.ids)
        )
        rows = predictive._insight_rows()
        Insight = self.sudo()
        try:
            with self.env.cr.savepoint():
                Insight.search([("company_id", "=", company.id)]).unlink()
                Insight.create([dict(row, computed_at=now) for row in rows])
        except errors.UniqueViolation:
            # a refresh that committed after this transaction began, before the lock
            return False
        return True

    @api.model
    def _refresh(self, companies=None):
        """Recompute the insights of ``companies`` (default: the selected ones) as a
        manager; a company another refresh is busy with raises a UserError."""
        self._check_refresh_access()
        companies = self.env.companies if companies is None else companies
        now = fields.Datetime.now()
        busy = companies.sorted("id").filtered(
            lambda company: not self._refresh_company(company, now)
        )
        if busy:
            raise UserError(
                _(
                    "The customer insights of %(companies)s are being refreshed by someone "
                    "else right now; they will be up to date in a moment.",
                    companies=", ".join(busy.mapped("name")),
                )
            )

    @api.model
    def _cron_refresh(self):
        """The daily refresh of every company; one being refreshed already is left."""
        now = fields.Datetime.now()
        for company in self.env["res.company"].sudo().search([], order="id"):
            if not self._refresh_company(company, now):
                _logger.info(
                    "Customer insights of %s: refreshed by another transaction", company.name
                )

    def _is_stale(self):
        latest = (
            self.sudo()
            .search(
                [("company_id", "in", self.env.companies.ids)], order="computed_at desc", limit=1
            )
            .computed_at
        )
        return not latest or (fields.Datetime.now() - latest).total_seconds() > (
            3600 * self._max_age_hours
        )

    @api.model
    def action_open(self):
        """The Customer Insights list; a manager opening an old snapshot refreshes it
        first (others see the daily one)."""
        if self.env.user.has_group("smart_dairy_b2b.group_b2b_manager") and self._is_stale():
            now = fields.Datetime.now()
            for company in self.env.companies.sorted("id"):
                self._refresh_company(company, now)  # a busy company is being refreshed
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "smart_dairy_b2b.b2b_customer_insight_action"
        )
        return action

    @api.model
    def get_snapshot_time(self):
        """When the user's companies' snapshot was computed, in the analytics timezone
        (named), or False before the first refresh: the list shows it above its rows
        (static/src/customer_insight)."""
        latest = (
            self.sudo()
            .search(
                [("company_id", "in", self.env.companies.ids)], order="computed_at desc", limit=1
            )
            .computed_at
        )
        if not latest:
            return False
        timezone = self.env["b2b.analytics.reading"]._timezone()
        when = format_datetime(self.env, latest, tz=timezone, dt_format=False)
        return f"{when} ({timezone})"

    def action_open_analytics(self):
        """A row opens its customer's analytics screen."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "smart_dairy_b2b.customer_analytics",
            "name": self.customer_id.display_name,
            "params": {"customer_id": self.customer_id.id},
        }

    def action_refresh(self):
        self._refresh()
        return {"type": "ir.actions.client", "tag": "reload"}
