from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .. import vocabulary
from ..models.b2b_report_export_service import relative_period


class B2bReportExportWizard(models.TransientModel):
    """Export one report in one format and download the file."""

    _name = "b2b.report.export.wizard"
    _description = "Export B2B Analytics Report"

    report_type = fields.Selection(
        vocabulary.selection(vocabulary.REPORT_TYPES),
        string="Report",
        required=True,
        default="executive",
    )
    export_format = fields.Selection(
        vocabulary.selection(vocabulary.EXPORT_FORMATS),
        string="Format",
        required=True,
        default="xlsx",
    )
    period = fields.Selection(
        vocabulary.selection(vocabulary.RELATIVE_PERIODS) + [("custom", "Custom dates")],
        required=True,
        default="this_month",
    )
    date_from = fields.Date(compute="_compute_dates", store=True, readonly=False)
    date_to = fields.Date(compute="_compute_dates", store=True, readonly=False)
    compare = fields.Selection(
        vocabulary.selection(vocabulary.COMPARE_MODES),
        string="Compare With",
        required=True,
        default="previous_period",
    )
    customer_id = fields.Many2one("b2b.customer")
    file = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.depends("period")
    def _compute_dates(self):
        today = self.env["b2b.analytics.reading"]._today()
        for wizard in self:
            if wizard.period != "custom":
                wizard.date_from, wizard.date_to = relative_period(wizard.period, today)

    def _export_params(self):
        self.ensure_one()
        if self.report_type == "customer" and not self.customer_id:
            raise UserError(_("Choose the customer whose report you want to export."))
        if self.report_type != "insights" and not (self.date_from and self.date_to):
            raise UserError(_("Choose the period of the report."))
        params = {"report": self.report_type, "customer_id": self.customer_id.id or None}
        if self.report_type != "insights":
            params.update(
                date_from=fields.Date.to_string(self.date_from),
                date_to=fields.Date.to_string(self.date_to),
            )
        if self.report_type == "executive":
            params["compare"] = self.compare
        return params

    def action_export(self):
        self.ensure_one()
        result = self.env["b2b.report.export.service"].export_report(
            format=self.export_format, **self._export_params()
        )
        self.write({"file": result["content"], "filename": result["filename"]})
        return {
            "type": "ir.actions.act_url",
            "url": (
                f"/web/content/?model={self._name}&id={self.id}&field=file"
                "&filename_field=filename&download=true"
            ),
            "target": "self",
        }
