"""The credit documents: the Credit & Receivables report (outstanding, segments, each
customer's utilisation and ageing as of the period's last day, and the payment methods
of the period), and the credit section of the executive report. Built like the others
in ``b2b_report_builders.py``, from the public answers of ``b2b.analytics.service``.
"""

from odoo import _, models

from .. import vocabulary
from .b2b_report_document import column, figure, keyvalue_section


class B2bReportBuilder(models.AbstractModel):
    # One module per topic on one model, as the layers' plan has it (docs/architecture.md).
    _inherit = "b2b.report.builder"  # pylint: disable=consider-merging-classes-inherited

    def _credit_document(self, date_from, date_to):
        analytics = self._analytics()
        methods = analytics.get_payment_preferences(date_from, date_to)
        period = methods["period"]
        credit = analytics.get_credit_analysis(as_of=period["date_to"])
        return {
            "title": _("Credit & Receivables Report"),
            "period": period,
            "landscape": True,  # the customers' table is 13 columns wide
            "file_stem": self._file_stem("credit", period),
            "csv_section": "credit_customers",
            "sections": [
                self._credit_totals_section(credit),
                self._credit_segments_section(credit),
                self._credit_customers_section(credit),
                self._payment_methods_section(methods),
            ],
        }

    def _executive_credit_sections(self, period):
        """The receivables of the executive report, as of its period's last day."""
        credit = self._analytics().get_credit_analysis(as_of=period["date_to"])
        return [self._credit_totals_section(credit), self._credit_segments_section(credit)]

    def _credit_totals_section(self, credit):
        total = credit["total"]
        section = keyvalue_section(
            self.env,
            "credit_totals",
            _("Receivables"),
            [
                figure(_("Outstanding"), total["outstanding"], "money"),
                figure(_("Overdue"), total["overdue"], "money"),
                figure(
                    _("Customers over their credit limit"), total["customers_over_limit"], "int"
                ),
            ],
        )
        section["note"] = _(
            "Open receivable items as of %(as_of)s; overdue: past their due date.",
            as_of=credit["as_of"],
        )
        return section

    def _credit_segments_section(self, credit):
        labels = vocabulary.labels(self.env, vocabulary.CREDIT_SEGMENTS)
        return {
            "key": "credit_segments",
            "title": _("Credit Segments"),
            "note": _(
                "Utilisation = outstanding / credit limit: over limit above 100%%, high from "
                "80%%, medium from 50%%, low below."
            ),
            "columns": [
                column("label", _("Segment")),
                column("customers", _("Customers"), "int"),
                column("outstanding", _("Outstanding"), "money"),
            ],
            "rows": [dict(row, label=labels[row["segment"]]) for row in credit["segments"]],
        }

    def _credit_customers_section(self, credit):
        segments = vocabulary.labels(self.env, vocabulary.CREDIT_SEGMENTS)
        buckets = vocabulary.labels(self.env, vocabulary.AGEING_BUCKETS)
        return {
            "key": "credit_customers",
            "title": _("Customers (over their limit first)"),
            "columns": [
                column("name", _("Customer")),
                column("segment_label", _("Segment")),
                column("credit_limit", _("Credit limit"), "money"),
                column("outstanding", _("Outstanding"), "money"),
                column("utilisation_pct", _("Utilisation %"), "pct"),
                column("overdue", _("Overdue"), "money"),
                *(column(key, label, "money") for key, label in buckets.items()),
                column("days_to_pay", _("Days to pay"), "float"),
                column("dso", _("DSO (days)"), "float"),
            ],
            "rows": [
                dict(row, **row["ageing"], segment_label=segments[row["segment"]])
                for row in credit["customers"]
            ],
        }

    def _payment_methods_section(self, methods):
        return {
            "key": "payment_methods",
            "title": _("Payment Methods"),
            "columns": [
                column("name", _("Journal")),
                column("payments", _("Payments"), "int"),
                column("amount", _("Amount"), "money"),
                column("share_pct", _("Share %"), "pct"),
                column("avg_amount", _("Average payment"), "money"),
            ],
            "rows": methods["methods"],
        }
