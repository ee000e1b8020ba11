"""The report sections of retention over time and category preferences: the executive
report's retention trend (the 12 months up to its end), buyers and categories, and the
customer report's categories, built like the others in ``b2b_report_builders.py`` from
the public answers of ``b2b.analytics.service``.
"""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, models

from .. import vocabulary
from .b2b_report_document import column, figure, keyvalue_section


# One module per question, as the layers ask (docs/architecture.md): a model extended
# from several files on purpose.
# pylint: disable=consider-merging-classes-inherited
class B2bReportBuilder(models.AbstractModel):
    _inherit = "b2b.report.builder"

    def _retention_sections(self, period):
        """The executive report's retention and category sections for its ``period``
        (the answer's): retention month by month over the 12 months up to its end,
        categories over the period itself."""
        end = date.fromisoformat(period["date_to"])
        first_month = end.replace(day=1) - relativedelta(months=11)
        analytics = self._analytics()
        trend = analytics.get_retention_trend(first_month.isoformat(), period["date_to"])
        categories = analytics.get_category_preferences(period["date_from"], period["date_to"])
        return [
            self._retention_trend_section(trend),
            keyvalue_section(
                self.env,
                "buyers",
                _("One-time and Repeat Buyers"),
                [
                    figure(_("One-time buyers"), trend["one_time_buyers"], "int"),
                    figure(_("Repeat buyers"), trend["repeat_buyers"], "int"),
                    figure(_("Average lifespan (days)"), trend["avg_lifespan_days"], "float"),
                ],
            ),
            self._categories_section(categories["categories"]),
        ]

    def _retention_trend_section(self, trend):
        groups = vocabulary.labels(self.env, vocabulary.RETENTION_GROUPS)
        return {
            "key": "retention",
            "title": _("Retention over Time"),
            "note": _(
                "Months %(start)s to %(end)s; active = at least one confirmed order in "
                "the month. Win-back %% = won back / customers with an earlier order not "
                "active the month before.",
                start=trend["period"]["date_from"],
                end=trend["period"]["date_to"],
            ),
            "columns": [
                column("month", _("Month"), "month"),
                *(column(key, label, "int") for key, label in groups.items()),
                column("retention_pct", _("Retention %"), "pct"),
                column("churn_pct", _("Churn %"), "pct"),
                column("win_back_pct", _("Win-back %"), "pct"),
            ],
            "rows": trend["months"],
            "chart": {
                "type": "line",
                "category": "month",
                "values": ["retention_pct"],
                "title": _("Retention % by month"),
            },
        }

    def _categories_section(self, rows):
        """Revenue by product category, the same in the executive and customer reports."""
        return {
            "key": "categories",
            "title": _("Product Categories"),
            "columns": [
                column("name", _("Category")),
                column("revenue", _("Revenue"), "money"),
                column("orders", _("Orders"), "int"),
                column("customers", _("Customers"), "int"),
                column("share_pct", _("Share %"), "pct"),
            ],
            "rows": rows,
            "chart": {
                "type": "bar",
                "category": "name",
                "values": ["revenue"],
                "limit": 10,
                "title": _("Revenue by category"),
            },
        }

    def _customer_categories_section(self, customer_id, period):
        """The customer report's categories, over the report's period."""
        answer = self._analytics().get_category_preferences(
            period["date_from"], period["date_to"], customer_id
        )
        return self._categories_section(answer["categories"])
