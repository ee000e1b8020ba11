"""*My Account → My Analytics*: a B2B customer's buyers see their own purchases.

The page is a shell; its OWL component loads the customer-facing view by JSON-RPC from
``/my/analytics/data``. Everything comes from ``b2b.portal.analytics``, which looks the
customer up from the logged-in user's own commercial partner: no URL or parameter
reaches another customer, and no internal assessment (margin, CLV, RFM, churn) is in
the view (docs/security.md, *Portal buyer*).
"""

import base64

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import content_disposition, request

from .. import vocabulary

PORTAL_VIEW = "b2b.portal.analytics"
# The buyer's download buttons, the printable PDF first.
REPORT_FORMATS = sorted(vocabulary.keys(vocabulary.EXPORT_FORMATS), key=lambda key: key != "pdf")


class B2bAnalyticsPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_analytics_count" in counters:
            values["b2b_analytics_count"] = 1 if request.env[PORTAL_VIEW]._own_customer() else 0
        return values

    @http.route("/my/analytics", type="http", auth="user", website=True)
    def portal_my_analytics(self, **kw):
        customer = request.env[PORTAL_VIEW]._own_customer()
        values = self._prepare_portal_layout_values()
        values.update(page_name="b2b_analytics", b2b_customer=customer)
        if not customer:
            # A clear page rather than a bare 404: the account is not a B2B buyer's.
            return request.render(
                "smart_dairy_b2b.portal_my_analytics_unavailable", values, status=404
            )
        values["analytics_props"] = {
            "dataUrl": "/my/analytics/data",
            "reportUrl": "/my/analytics/report",
            "formats": REPORT_FORMATS,
            # dates and numbers in the buyer's language (the page's <html> carries none
            # without the website module), as a BCP 47 tag: en_GB -> en-GB, sr@latin -> sr
            "locale": (request.env.user.lang or "en_US").split("@")[0].replace("_", "-"),
        }
        return request.render("smart_dairy_b2b.portal_my_analytics", values)

    @http.route("/my/analytics/data", type="json", auth="user")
    def portal_my_analytics_data(self, date_from=None, date_to=None):
        """The customer-facing view of the user's own customer (default period: the
        last 12 months)."""
        return request.env[PORTAL_VIEW]._customer_view(date_from, date_to)

    @http.route("/my/analytics/report", type="http", auth="user", website=True)
    def portal_my_analytics_report(self, format="pdf", **kw):
        portal = request.env[PORTAL_VIEW]
        if format not in REPORT_FORMATS or not portal._own_customer():
            raise request.not_found()
        result = request.env["b2b.report.export.service"]._purchase_report(format)
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
