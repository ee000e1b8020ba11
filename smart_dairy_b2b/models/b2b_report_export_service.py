"""Report export (docs/exports.md): the one way from a report's arguments to its file.

``export_report`` checks the arguments once, here: the report, the format, the
customer, and that a report takes the period it is given (the analytics check the
dates and the comparison when they read them). Then the builder computes the report
ONCE as a document (``report/b2b_report_builders.py``), and the document's renderer
(``report/``: XLSX, PDF or CSV, side by side) lays it out, so the three files of a
report show the same figures. The backend screens, the export wizard, the scheduled
reports, the HTTP API and the portal all come here.
"""

import base64
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from .. import vocabulary
from .analytics_params import is_absent, parse_choice, parse_record_id

# The renderer of each format (report/), each taking a document and answering bytes.
RENDERERS = {
    "xlsx": "report.smart_dairy_b2b.b2b_report_xlsx",
    "pdf": "report.smart_dairy_b2b.report_b2b_document",
    "csv": "report.smart_dairy_b2b.b2b_report_csv",
}
# Every name a caller may give a report (the HTTP API's names included).
REPORT_NAMES = vocabulary.keys(vocabulary.REPORT_TYPES) + tuple(vocabulary.REPORT_ALIASES)


def relative_period(key, today):
    """The inclusive [date_from, date_to] a relative period names, seen from ``today``."""
    if key == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if key == "last_week":  # ISO weeks: Monday to Sunday
        monday = today - timedelta(days=today.weekday() + 7)
        return monday, monday + timedelta(days=6)
    if key == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return end.replace(day=1), end
    if key == "last_quarter":
        quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return quarter_start - relativedelta(months=3), quarter_start - timedelta(days=1)
    if key == "this_month":
        return today.replace(day=1), today
    if key == "last_30_days":
        return today - timedelta(days=29), today
    if key == "last_90_days":
        return today - timedelta(days=89), today
    if key == "this_quarter":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today
    if key == "this_year":
        return today.replace(month=1, day=1), today
    if key == "last_12_months":
        return today - relativedelta(months=12) + timedelta(days=1), today
    raise UserError(
        _(
            "period must be one of %(choices)s, not %(value)r.",
            choices=", ".join(vocabulary.keys(vocabulary.RELATIVE_PERIODS)),
            value=key,
        )
    )


class B2bReportExportService(models.AbstractModel):
    _name = "b2b.report.export.service"
    _description = "B2B Analytics Report Export"

    # Public API (docs/exports.md) -----------------------------------------------------

    @api.model
    def may_export(self):
        """Whether the user may export the reports of the backend screens: every B2B
        user may export what they see (docs/security.md); the screens show their
        export buttons from this."""
        return self.env.user.has_group("smart_dairy_b2b.group_b2b_user")

    @api.model
    def export_executive_report(
        self, format="xlsx", date_from=None, date_to=None, compare="previous_period", filters=None
    ):
        """The dashboard's file; ``filters`` (or the context's ``b2b_filters``) narrow it
        as they narrow the dashboard."""
        scoped = self if is_absent(filters) else self.with_context(b2b_filters=filters)
        scoped.env["b2b.analytics.service"]._check_filters()
        return scoped.export_report(
            "executive", format=format, date_from=date_from, date_to=date_to, compare=compare
        )

    @api.model
    def export_customer_report(self, customer_id, date_from=None, date_to=None, format="xlsx"):
        return self.export_report(
            "customer",
            format=format,
            date_from=date_from,
            date_to=date_to,
            customer_id=customer_id,
        )

    @api.model
    def export_product_report(self, format="xlsx", date_from=None, date_to=None):
        return self.export_report("products", format=format, date_from=date_from, date_to=date_to)

    @api.model
    def export_insights_report(self, format="xlsx"):
        """RFM segments with each customer's CLV and churn risk, as of today."""
        return self.export_report("insights", format=format)

    @api.model
    def export_overdue_report(self, format="xlsx"):
        """The customers overdue today against their rhythm, the most at stake first."""
        return self.export_report("overdue", format=format)

    @api.model
    def export_report(
        self,
        report,
        format="xlsx",
        date_from=None,
        date_to=None,
        customer_id=None,
        compare="previous_period",
    ):
        """``{filename, mimetype, content}`` (content base64) of one report in one format.

        ``report``: executive, customer, products, insights, overdue, campaigns or credit
        (aliases: rfm, product); ``format``: xlsx, pdf or csv. The insights and overdue
        reports are snapshots as of today and take no period; credit: the receivables as
        of ``date_to`` and the payment methods of the period; only the customer report
        takes a customer. Over RPC these are the dairy's reports, for B2B users; a portal
        buyer gets its own Purchase Report from the portal and the HTTP API
        (``purchases``, docs/security.md).
        """
        return self._export(report, format, date_from, date_to, customer_id, compare)

    # The one way to a file -------------------------------------------------------------

    @api.model
    def _export(
        self,
        report,
        export_format,
        date_from=None,
        date_to=None,
        customer_id=None,
        compare="previous_period",
        purchases=False,
    ):
        """The file of one report; ``purchases``: a customer report is the customer's
        own Purchase Report (for a buyer, or for the customer's contacts)."""
        report = parse_choice(report, "report", REPORT_NAMES)
        report = vocabulary.REPORT_ALIASES.get(report, report)
        # A company-wide report is for B2B users; a customer report for whoever may
        # read that customer (a portal buyer: their own).
        if report != "customer" and not self.may_export():
            raise AccessError(
                _("Only B2B Analytics users may export company reports; ask a sales manager.")
            )
        export_format = parse_choice(
            export_format, "format", vocabulary.keys(vocabulary.EXPORT_FORMATS)
        )
        if report == "customer":
            if is_absent(customer_id):
                raise UserError(_("The customer report needs a customer (customer_id)."))
            customer_id = parse_record_id(customer_id, "customer_id")
        elif not is_absent(customer_id):
            raise UserError(_("customer_id applies only to the customer report."))
        if report in vocabulary.AS_OF_REPORTS and not (is_absent(date_from) and is_absent(date_to)):
            raise UserError(
                _(
                    "date_from and date_to do not apply to the %(report)s report (as of today).",
                    report=report,
                )
            )
        if report == "customer" and purchases:
            report = "purchases"
        document = self.env["b2b.report.builder"]._build(
            report, date_from, date_to, customer_id, compare
        )
        return self._file(document, export_format)

    @api.model
    def _purchase_report(self, export_format, date_from=None, date_to=None, customer_id=None):
        """A portal buyer's own Purchase Report (by default of the user's own customer;
        another customer's is refused as missing)."""
        customer = self.env["b2b.portal.analytics"]._customer(customer_id)
        return self._export(
            "customer", export_format, date_from, date_to, customer.id, purchases=True
        )

    def _file(self, document, export_format):
        content = self.env[RENDERERS[export_format]]._render_document(document)
        return {
            "filename": f"{document['file_stem']}.{export_format}",
            "mimetype": vocabulary.MIMETYPES[export_format],
            "content": base64.b64encode(content).decode(),
        }
