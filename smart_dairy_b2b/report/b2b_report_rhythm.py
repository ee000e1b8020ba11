"""The Overdue Customers report (docs/definitions.md, *Rhythm*): today's answer of
``get_overdue_customers`` as a document for the XLSX, PDF and CSV renderers."""

from odoo import _, models

from .. import vocabulary
from .b2b_report_document import column


class B2bReportBuilder(models.AbstractModel):
    _inherit = "b2b.report.builder"

    def _overdue_document(self):
        analytics = self._analytics()
        data = analytics.get_overdue_customers()
        weekdays = vocabulary.labels(self.env, vocabulary.WEEKDAYS)
        rows = [
            dict(
                row,
                usual_weekdays=", ".join(weekdays[day] for day in row["usual_weekdays"]),
                account_manager=row["account_manager"] or _("Unassigned"),
            )
            for row in data["customers"]
        ]
        period = {"as_of": data["as_of"], "timezone": analytics._timezone()}
        return {
            "title": _("Overdue Customers"),
            "period": period,
            "landscape": True,
            "file_stem": self._file_stem("overdue", period),
            "csv_section": "overdue",
            "sections": [
                {
                    "key": "overdue",
                    "title": _("Overdue Today"),
                    "note": _(
                        "Customers with at least 3 order days in the last 180 days whose "
                        "silence is longer than their usual gap and a half; at stake: "
                        "their median order day's revenue times the order days missed."
                    ),
                    "columns": [
                        column("name", _("Customer")),
                        column("tier", _("Tier")),
                        column("account_manager", _("Account Manager")),
                        column("usual_gap_days", _("Usual Gap (days)"), "float"),
                        column("usual_weekdays", _("Usual Weekdays")),
                        column("last_order_date", _("Last Order"), "date"),
                        column("due_date", _("Due"), "date"),
                        column("days_overdue", _("Days Overdue"), "int"),
                        column("revenue_at_stake", _("Revenue at Stake"), "money"),
                    ],
                    "rows": rows,
                }
            ],
        }
