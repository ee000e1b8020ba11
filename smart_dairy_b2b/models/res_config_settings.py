from odoo import _, api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import ValidationError

TIMEZONE_PARAM = "smart_dairy_b2b.analytics_timezone"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_analytics_timezone = fields.Selection(
        _tz_get,
        string="Analytics Timezone",
        config_parameter=TIMEZONE_PARAM,
        help="Order dates are counted as calendar dates of this timezone.",
    )
    b2b_discount_rate = fields.Float(
        string="CLV Discount Rate",
        config_parameter="smart_dairy_b2b.discount_rate",
        default=0.10,
        help="Annual discount rate of future margin in customer lifetime value (0.10 = 10%).",
    )
    b2b_retention_fallback = fields.Float(
        string="Retention Fallback",
        config_parameter="smart_dairy_b2b.retention_fallback",
        default=0.85,
        help="Annual retention used in the CLV formula only when it cannot be measured.",
    )

    @api.constrains("b2b_discount_rate", "b2b_retention_fallback")
    def _check_b2b_rates(self):
        for settings in self:
            if not 0 <= settings.b2b_discount_rate < 1:
                raise ValidationError(
                    _("The CLV discount rate must be between 0 and 1 (e.g. 0.10 for 10%).")
                )
            if not 0 <= settings.b2b_retention_fallback <= 1:
                raise ValidationError(
                    _("The retention fallback must be between 0 and 1 (e.g. 0.85 for 85%).")
                )

    def set_values(self):
        previous = self.env["ir.config_parameter"].sudo().get_param(TIMEZONE_PARAM)
        result = super().set_values()
        if (self.b2b_analytics_timezone or False) != (previous or False):
            self.env["b2b.sale.facts"]._rebuild()
        return result
