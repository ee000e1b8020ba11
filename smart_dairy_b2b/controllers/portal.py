"""*My Account → My Analytics*: a B2B customer's contacts see their company's analytics.

The page is a shell; its OWL component loads the data by JSON-RPC from
``/my/analytics/data``. Everything is looked up from the logged-in user's own
commercial partner, with the user's rights (the portal record rule of
``b2b.customer``), so no URL or parameter reaches another customer.
"""

import base64

from odoo import _, fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import MissingError
from odoo.http import content_disposition, request

REPORT_FORMATS = ("pdf", "xlsx")
RECENT_ORDERS = 10


def own_b2b_customer():
    """The B2B customer of the user's company contact in the user's company, read
    with the user's rights; an empty recordset when there is none."""
    user = request.env.user
    Customer = request.env["b2b.customer"]
    if not Customer.check_access_rights("read", raise_exception=False):
        return Customer  # e.g. an employee outside the B2B groups
    return Customer.search(
        [
            ("partner_id", "=", user.partner_id.commercial_partner_id.id),
            ("company_id", "=", user.company_id.id),
        ],
        limit=1,
    )


class B2bAnalyticsPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_analytics_count" in counters:
            values["b2b_analytics_count"] = 1 if own_b2b_customer() else 0
        return values

    @http.route("/my/analytics", type="http", auth="user", website=True)
    def portal_my_analytics(self, **kw):
        customer = own_b2b_customer()
        if not customer:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="b2b_analytics",
            b2b_customer=customer,
            analytics_props={
                "dataUrl": "/my/analytics/data",
                "reportUrl": "/my/analytics/report",
                "formats": list(REPORT_FORMATS),
            },
        )
        return request.render("smart_dairy_b2b.portal_my_analytics", values)

    @http.route("/my/analytics/data", type="json", auth="user")
    def portal_my_analytics_data(self):
        """The customer summary of the last 12 months, with the tier progress and the
        latest counted orders."""
        customer = own_b2b_customer()
        if not customer:
            raise MissingError(_("You have no B2B customer account in this company."))
        summary = request.env["b2b.analytics.service"].get_customer_summary(customer.id)
        currency = customer.company_id.currency_id
        summary.update(
            tier_progress=self._tier_progress(customer, summary["summary"]["total_revenue"]),
            recent_orders=self._recent_orders(customer),
            currency_format={
                "name": currency.name,
                "symbol": currency.symbol,
                "position": currency.position,
                "decimals": currency.decimal_places,
            },
        )
        return summary

    @http.route("/my/analytics/report", type="http", auth="user", website=True)
    def portal_my_analytics_report(self, format="pdf", **kw):
        customer = own_b2b_customer()
        if (
            not customer
            or format not in REPORT_FORMATS
            or "b2b.report.export.service" not in request.env
        ):
            raise request.not_found()
        exports = request.env["b2b.report.export.service"]
        result = exports.export_customer_report(customer_id=customer.id, format=format)
        content = base64.b64decode(result["content"])
        return request.make_response(
            content,
            headers=[
                ("Content-Type", result["mimetype"]),
                ("Content-Length", str(len(content))),
                ("Content-Disposition", content_disposition(result["filename"])),
                ("Cache-Control", "no-store"),
            ],
        )

    # Helpers -----------------------------------------------------------------------

    def _tier_progress(self, customer, spend_12m):
        """Spend over the last 12 months against the next tier's minimum annual spend."""
        tiers = request.env["b2b.customer.tier"].search(
            [("company_id", "=", customer.company_id.id)]
        )
        current = customer.tier_id
        later = tiers[tiers.ids.index(current.id) + 1 :] if current in tiers else tiers
        next_tier = later[:1]
        progress = {
            "tiers": [
                {
                    "name": tier.name,
                    "min_annual_spend": tier.min_annual_spend,
                    "current": tier == current,
                }
                for tier in tiers
            ],
            "current": current.name or None,
            "spend_12m": spend_12m,
            "next": None,
            "threshold": None,
            "remaining": 0.0,
            "percent": 100.0,
        }
        if next_tier:
            threshold = next_tier.min_annual_spend
            progress.update(
                next=next_tier.name,
                threshold=threshold,
                remaining=max(threshold - spend_12m, 0.0),
                percent=min(spend_12m / threshold * 100, 100.0) if threshold else 100.0,
            )
        return progress

    def _recent_orders(self, customer):
        # The customer was found with the user's rights; its orders are read in sudo
        # because a contact may not follow every order of its company.
        orders = (
            request.env["sale.order"]
            .sudo()
            .search(
                [("b2b_customer_id", "=", customer.id), ("state", "=", "sale")],
                order="date_order desc, id desc",
                limit=RECENT_ORDERS,
            )
        )
        return [
            {
                "id": order.id,
                "name": order.name,
                "date": fields.Datetime.context_timestamp(order, order.date_order)
                .date()
                .isoformat(),
                "amount_untaxed": order.amount_untaxed,
                "amount_total": order.amount_total,
                "currency": order.currency_id.name,
                "url": order.access_url,
            }
            for order in orders
        ]
