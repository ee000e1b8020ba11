"""Report documents of discounts, channels and campaigns: the Channels & Campaigns
report (``campaigns``) and the executive report's discounts-by-tier and channels
sections, from the public answers of ``b2b.analytics.service``."""

from odoo import _, models

from .b2b_report_document import column


# A topic's module of its layer, as docs/architecture.md lays them out: not merged.
# pylint: disable=consider-merging-classes-inherited
class B2bReportDeals(models.AbstractModel):
    _inherit = "b2b.report.builder"

    def _executive_document(self, date_from, date_to, compare):
        """The executive report, with its discounts by tier and channels for the same
        period (compared with the previous period, like the dashboard's default)."""
        document = super()._executive_document(date_from, date_to, compare)
        period = document["period"]
        analytics = self._analytics()
        discounts = analytics.get_discount_analysis(period["date_from"], period["date_to"])
        channels = analytics.get_channel_analysis(period["date_from"], period["date_to"])
        document["sections"] += [
            self._discounts_section(discounts),
            self._streams_section("channels", _("Revenue by Sales Team"), channels["channels"]),
        ]
        return document

    def _campaigns_document(self, date_from, date_to):
        analytics = self._analytics()
        campaigns = analytics.get_campaign_performance(date_from, date_to)
        channels = analytics.get_channel_analysis(date_from, date_to)
        period = campaigns["period"]
        return {
            "title": _("Channels & Campaigns Report"),
            "period": period,
            "landscape": True,  # the campaign table is 10 columns wide
            "file_stem": self._file_stem("campaigns", period),
            "csv_section": "campaigns",
            "sections": [
                {
                    "key": "campaigns",
                    "title": _("Campaigns"),
                    "note": _(
                        "Acquired: customers whose first order ever carries the campaign "
                        "and falls in the period. Change %% against %(start)s – %(end)s.",
                        start=period["compare_from"],
                        end=period["compare_to"],
                    ),
                    "columns": [
                        column("name", _("Campaign")),
                        column("orders", _("Orders"), "int"),
                        column("revenue", _("Revenue"), "money"),
                        column("margin", _("Margin"), "money"),
                        column("aov", _("Average order value"), "money"),
                        column("customers", _("Customers"), "int"),
                        column("acquired_customers", _("Acquired customers"), "int"),
                        column("previous_revenue", _("Previous revenue"), "money"),
                        column("change_pct", _("Change %"), "pct"),
                    ],
                    "rows": campaigns["campaigns"],
                    "chart": {
                        "type": "bar",
                        "category": "name",
                        "values": ["revenue"],
                        "limit": 10,
                        "title": _("Revenue by campaign"),
                    },
                },
                self._streams_section("channels", _("Revenue by Sales Team"), channels["channels"]),
                self._streams_section("mediums", _("Revenue by Medium"), channels["mediums"]),
                {
                    "key": "channel_trend",
                    "title": _("Monthly Revenue by Sales Team"),
                    "columns": [
                        column("month", _("Month"), "month"),
                        column("name", _("Sales team")),
                        column("revenue", _("Revenue"), "money"),
                    ],
                    "rows": channels["trend"],
                },
            ],
        }

    def _discounts_section(self, data):
        return {
            "key": "discounts",
            "title": _("Discounts by Tier"),
            "note": _(
                "Discount: list price x quantity x the line's discount; gross = revenue + "
                "discount. Total: %(discount).2f of %(gross).2f gross.",
                discount=data["total"]["discount"],
                gross=data["total"]["gross"],
            ),
            "columns": [
                column("name", _("Tier")),
                column("customers", _("Customers"), "int"),
                column("revenue", _("Revenue"), "money"),
                column("gross", _("Gross"), "money"),
                column("discount", _("Discount"), "money"),
                column("discount_pct", _("Discount %"), "pct"),
                column("configured_discount_pct", _("Tier discount %"), "pct"),
                column("revenue_per_customer", _("Revenue per customer"), "money"),
                column("orders_per_customer", _("Orders per customer"), "float"),
                column("margin_pct", _("Margin %"), "pct"),
            ],
            "rows": data["tiers"],
            "chart": {
                "type": "column",
                "category": "name",
                "values": ["discount"],
                "title": _("Discount by tier"),
            },
        }

    def _streams_section(self, key, title, rows):
        return {
            "key": key,
            "title": title,
            "columns": [
                column("name", _("Name")),
                column("revenue", _("Revenue"), "money"),
                column("orders", _("Orders"), "int"),
                column("customers", _("Customers"), "int"),
                column("share_pct", _("Share %"), "pct"),
                column("previous_revenue", _("Previous revenue"), "money"),
                column("change_pct", _("Change %"), "pct"),
            ],
            "rows": rows,
        }
