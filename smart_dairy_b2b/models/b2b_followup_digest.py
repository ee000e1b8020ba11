"""The account managers' opt-in daily e-mail: their overdue and at-risk customers
(docs/definitions.md, *Action*), rendered by the QWeb template
``smart_dairy_b2b.rhythm_digest_mail``."""

from odoo import _, api, fields, models

from .. import vocabulary
from ..engine import rhythm as rhythm_rule

DIGEST_AT_RISK_LIMIT = 20


class ResUsers(models.Model):
    _inherit = "res.users"

    b2b_rhythm_digest = fields.Boolean(
        string="Daily overdue customers e-mail",
        help="Every morning, an e-mail of the B2B customers you manage that are overdue "
        "against their usual rhythm or at risk of leaving.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["b2b_rhythm_digest"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["b2b_rhythm_digest"]


class B2bCustomerFollowup(models.Model):
    _inherit = "b2b.customer.followup"

    @api.model
    def _cron_send_digests(self):
        """One e-mail per opted-in user with customers to show, per company."""
        users = self.env["res.users"].sudo().search([("b2b_rhythm_digest", "=", True)])
        if not users:
            return
        for company in users.company_ids:
            analytics = (
                self.env["b2b.analytics.service"]
                .sudo()
                .with_company(company)
                .with_context(allowed_company_ids=company.ids)
            )
            today = analytics._today()
            sections = self._digest_sections(analytics, today)
            for user in users.filtered(lambda u, c=company: c in u.company_ids):
                overdue, at_risk = sections.get(user.id, ([], []))
                if overdue or at_risk:
                    self._send_digest(user, company, today, overdue, at_risk)

    def _digest_sections(self, analytics, today):
        """``{user_id: (overdue rows, at-risk rows)}`` of the company's approved customers."""
        sections = {}
        for row in analytics._overdue_rows(today):
            sections.setdefault(row["user_id"], ([], []))[0].append(row)
        # customers lost before the rhythm window are no longer a call to make
        recent = (today - rhythm_rule.window_start(today)).days
        at_risk = [
            row
            for row in analytics._churn_rows()
            if row["risk"] in vocabulary.AT_RISK and row["days_since_last_order"] <= recent
        ]
        customers = self.env["b2b.customer"].sudo().browse([r["customer_id"] for r in at_risk])
        by_id = {c.id: c for c in customers if c.state == "approved" and c.active}
        at_risk.sort(key=lambda row: -row["revenue_12m"])
        labels = vocabulary.labels(self.env, vocabulary.CHURN_RISKS)
        for row in at_risk:
            customer = by_id.get(row["customer_id"])
            if not customer:
                continue
            rows = sections.setdefault(customer.user_id.id or None, ([], []))[1]
            if len(rows) < DIGEST_AT_RISK_LIMIT:
                rows.append(dict(row, name=customer.name, risk_label=labels[row["risk"]]))
        return sections

    def _send_digest(self, user, company, today, overdue, at_risk):
        weekdays = vocabulary.labels(self.env, vocabulary.WEEKDAYS)
        body = self.env["ir.qweb"]._render(
            "smart_dairy_b2b.rhythm_digest_mail",
            {
                "user": user,
                "company": company,
                "today": today,
                "overdue": overdue,
                "at_risk": at_risk,
                "money": company.currency_id.format,
                "weekdays": lambda days: ", ".join(weekdays[day] for day in days),
            },
        )
        self.env["mail.mail"].sudo().create(
            {
                "subject": _(
                    "%(company)s: %(overdue)s overdue and %(at_risk)s at-risk customers",
                    company=company.name,
                    overdue=len(overdue),
                    at_risk=len(at_risk),
                ),
                "body_html": body,
                "email_from": company.email_formatted or user.company_id.email_formatted,
                "recipient_ids": [(4, user.partner_id.id)],
                "auto_delete": True,
            }
        )
