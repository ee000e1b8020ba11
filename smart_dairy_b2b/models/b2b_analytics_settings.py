"""The analytics settings, changed by B2B Analytics managers (docs/security.md).

They are ``ir.config_parameter``s, which only system administrators may write, and
Odoo's Settings app is theirs alone; a B2B manager is not one. This small form reads the
parameters, checks the values and writes them with ``sudo()`` after checking that the
user is a B2B manager: the one place the settings change.
"""

from odoo import _, api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import AccessError, ValidationError

from .b2b_sale_facts import TIMEZONE_PARAM

DISCOUNT_RATE_PARAM = "smart_dairy_b2b.discount_rate"
RETENTION_FALLBACK_PARAM = "smart_dairy_b2b.retention_fallback"
DEFAULT_DISCOUNT_RATE = 0.10
DEFAULT_RETENTION_FALLBACK = 0.85
RATE_DECIMALS = 4


class B2bAnalyticsSettings(models.TransientModel):
    _name = "b2b.analytics.settings"
    _description = "B2B Analytics Settings"

    analytics_timezone = fields.Selection(
        _tz_get,
        help="Orders count on their calendar date in this timezone. Changing it "
        "recomputes every figure.",
    )
    discount_rate = fields.Float(
        string="CLV Discount Rate",
        digits=(16, RATE_DECIMALS),
        help="Annual rate at which future margin is discounted in customer lifetime "
        "value (0.10 = 10%).",
    )
    retention_fallback = fields.Float(
        digits=(16, RATE_DECIMALS),
        help="Annual retention used by the CLV formula only when the data cannot "
        "measure it (0.85 = 85%).",
    )
    model_fit_summary = fields.Text(
        string="Predictive Model",
        readonly=True,
        help="The stored BG/NBD + Gamma-Gamma fit of each selected company, refitted "
        "daily; the predictions use it with each day's figures.",
    )

    @api.model
    def default_get(self, fields_list):
        """The settings in force (a missing or unreadable rate as the analytics read it:
        its default)."""
        values = super().default_get(fields_list)
        reading = self.env["b2b.analytics.reading"]
        current = {
            "analytics_timezone": reading._timezone(),
            "discount_rate": reading._float_param(DISCOUNT_RATE_PARAM, DEFAULT_DISCOUNT_RATE),
            "retention_fallback": reading._float_param(
                RETENTION_FALLBACK_PARAM, DEFAULT_RETENTION_FALLBACK
            ),
            "model_fit_summary": self._model_fit_summary(),
        }
        values.update({name: value for name, value in current.items() if name in fields_list})
        return values

    @api.model
    def _model_fit_summary(self):
        """One line per selected company: its stored model fit, or that it has none."""
        fits = self.env["b2b.analytics.model.fit"]
        lines = []
        for company in self.env.companies:
            fit = fits.search([("company_id", "=", company.id)], limit=1)
            if not fit:
                lines.append(_("%(company)s: not fitted yet", company=company.name))
                continue
            lines.append(
                _(
                    "%(company)s: %(method)s, fitted on %(day)s over %(customers)s customers "
                    "(%(repeat)s with a repeat order) in %(seconds).1f s",
                    company=company.name,
                    method=dict(fit._fields["method"]._description_selection(self.env))[fit.method],
                    day=fit.fitted_on,
                    customers=fit.customers,
                    repeat=fit.repeat_customers,
                    seconds=fit.duration,
                )
            )
        return "\n".join(lines)

    @api.constrains("analytics_timezone", "discount_rate", "retention_fallback")
    def _check_values(self):
        for settings in self:
            if not settings.analytics_timezone:
                raise ValidationError(_("Choose the analytics timezone."))
            if not 0 <= settings.discount_rate < 1:
                raise ValidationError(
                    _(
                        "The CLV discount rate must be between 0 and 1 (e.g. 0.10 for 10%%), "
                        "not %(value)s.",
                        value=settings.discount_rate,
                    )
                )
            if not 0 <= settings.retention_fallback <= 1:
                raise ValidationError(
                    _(
                        "The retention fallback must be between 0 and 1 (e.g. 0.85 for 85%%), "
                        "not %(value)s.",
                        value=settings.retention_fallback,
                    )
                )

    def execute(self):
        """Write the settings; a new timezone moves orders to other calendar dates, so
        every fact is recomputed."""
        self.ensure_one()
        if not self.env.user.has_group("smart_dairy_b2b.group_b2b_manager"):
            raise AccessError(_("Only B2B Analytics managers may change the analytics settings."))
        previous_timezone = self.env["b2b.analytics.reading"]._timezone()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(TIMEZONE_PARAM, self.analytics_timezone)
        # rounded as the form shows them: 0.09, not the float 0.09000000000000001
        params.set_param(DISCOUNT_RATE_PARAM, repr(round(self.discount_rate, RATE_DECIMALS)))
        params.set_param(
            RETENTION_FALLBACK_PARAM, repr(round(self.retention_fallback, RATE_DECIMALS))
        )
        if self.analytics_timezone != previous_timezone:
            # b2b_rebuild_facts() and the rollup cron's trigger are the system's work
            self.env["b2b.sale.facts"].sudo()._rebuild()
            # orders on other days: the model's cron refits on them, not this request
            self.env.ref("smart_dairy_b2b.b2b_model_fit_cron").sudo()._trigger()
        return True

    def action_refit_model(self):
        """Refit the model of each selected company now (otherwise the daily cron does),
        then show the form again with the new fit."""
        if not self.env.user.has_group("smart_dairy_b2b.group_b2b_manager"):
            raise AccessError(_("Only B2B Analytics managers may refit the model."))
        self.env["b2b.analytics.model.fit"]._refit(self.env.companies)
        return self.env["ir.actions.act_window"]._for_xml_id(
            "smart_dairy_b2b.b2b_analytics_settings_action"
        )
