"""Scheduled reports: an hourly cron e-mails each due schedule's report file."""

import calendar
import logging
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import vocabulary
from .b2b_report_export_service import relative_period

_logger = logging.getLogger(__name__)

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
MAX_MONTH_DAY = 28  # every month has it; later days are "last day of the month"


class B2bReportSchedule(models.Model):
    _name = "b2b.report.schedule"
    _description = "Scheduled B2B Analytics Report"
    _inherit = ["mail.thread"]
    _order = "active desc, next_run, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    report_type = fields.Selection(
        vocabulary.selection(vocabulary.REPORT_TYPES),
        string="Report",
        required=True,
        default="executive",
        tracking=True,
    )
    export_format = fields.Selection(
        vocabulary.selection(vocabulary.EXPORT_FORMATS),
        string="Format",
        required=True,
        default="xlsx",
        tracking=True,
    )
    customer_id = fields.Many2one(
        "b2b.customer",
        tracking=True,
        help="The customer of a customer report.",
    )
    period = fields.Selection(
        vocabulary.selection(vocabulary.RELATIVE_PERIODS),
        required=True,
        default="last_month",
        tracking=True,
        help="The period the report covers, counted from the day it is sent.",
    )
    frequency = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        required=True,
        default="monthly",
        tracking=True,
    )
    weekday = fields.Selection(WEEKDAYS, string="Day of the Week", default="0", tracking=True)
    month_day = fields.Integer(string="Day of the Month", default=1, tracking=True)
    month_last_day = fields.Boolean(string="Last Day of the Month", tracking=True)
    hour = fields.Integer(
        default=6,
        tracking=True,
        help="Hour of the day, in the analytics timezone, the report is sent at (0-23).",
    )
    user_ids = fields.Many2many("res.users", string="Recipient Users")
    partner_ids = fields.Many2many(
        "res.partner",
        string="Recipient Contacts",
        help="A customer report sent to anyone outside the dairy (the customer's contacts "
        "or portal users) is the customer's own Purchase Report, for every recipient: no "
        "margin, cost or scores.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Run As",
        required=True,
        tracking=True,
        default=lambda self: self._default_run_as(),
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("smart_dairy_b2b.group_b2b_manager").ids)
        ],
        help="The report holds what this user may see (customers and companies); a "
        "B2B Analytics manager.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    last_run = fields.Datetime(readonly=True, copy=False)
    next_run = fields.Datetime(
        compute="_compute_next_run",
        store=True,
        readonly=False,
        copy=False,
        help="When the report is sent next. A failed run is retried at the next hourly check.",
    )
    last_error = fields.Text(readonly=True, copy=False)

    # Checks ---------------------------------------------------------------------

    @api.constrains("user_ids", "partner_ids")
    def _check_recipients(self):
        for schedule in self:
            recipients = schedule._recipients()
            if not recipients:
                raise ValidationError(
                    _(
                        "The scheduled report %(name)s needs at least one recipient.",
                        name=schedule.name,
                    )
                )
            without_email = recipients.filtered(lambda partner: not partner.email)
            if without_email:
                raise ValidationError(
                    _(
                        "These recipients have no e-mail address: %(names)s.",
                        names=", ".join(without_email.mapped("display_name")),
                    )
                )

    @api.constrains("frequency", "month_day", "month_last_day")
    def _check_month_day(self):
        for schedule in self:
            if (
                schedule.frequency == "monthly"
                and not schedule.month_last_day
                and not (1 <= schedule.month_day <= MAX_MONTH_DAY)
            ):
                raise ValidationError(
                    _(
                        "The day of the month must be between 1 and %(max)s (not "
                        '%(day)s), the days every month has; choose "Last Day of the '
                        'Month" to send at the end of each month.',
                        max=MAX_MONTH_DAY,
                        day=schedule.month_day,
                    )
                )

    @api.constrains("hour")
    def _check_hour(self):
        for schedule in self:
            if not 0 <= schedule.hour <= 23:
                raise ValidationError(
                    _("The hour must be between 0 and 23, not %(hour)s.", hour=schedule.hour)
                )

    @api.constrains("report_type", "customer_id")
    def _check_customer(self):
        for schedule in self:
            if schedule.report_type == "customer" and not schedule.customer_id:
                raise ValidationError(
                    _("The customer report of %(name)s needs a customer.", name=schedule.name)
                )

    @api.constrains("user_id", "company_id")
    def _check_run_as(self):
        """The report shows what Run As sees: a manager of the schedule's company."""
        for schedule in self:
            user = schedule.user_id
            if not user.has_group("smart_dairy_b2b.group_b2b_manager"):
                raise ValidationError(
                    _(
                        "%(user)s cannot run the scheduled report %(name)s: Run As must be "
                        "a B2B Analytics manager (e.g. a sales administrator).",
                        user=user.name,
                        name=schedule.name,
                    )
                )
            if schedule.company_id not in user.company_ids:
                raise ValidationError(
                    _(
                        "%(user)s cannot run the scheduled report %(name)s: they do not "
                        "work in %(company)s.",
                        user=user.name,
                        name=schedule.name,
                        company=schedule.company_id.name,
                    )
                )

    @api.constrains("customer_id", "company_id")
    def _check_customer_company(self):
        for schedule in self:
            customer = schedule.customer_id
            if customer and customer.sudo().company_id != schedule.company_id:
                raise ValidationError(
                    _(
                        "%(customer)s is a customer of %(other)s, not of %(company)s.",
                        customer=customer.sudo().display_name,
                        other=customer.sudo().company_id.name,
                        company=schedule.company_id.name,
                    )
                )

    @api.constrains("user_ids", "partner_ids", "report_type", "customer_id", "company_id")
    def _check_recipients_may_read(self):
        """Every recipient may read the report (docs/security.md, "Report
        recipient"); checked when saving and again when sending."""
        for schedule in self:
            refusals = schedule._recipient_refusals()
            if refusals:
                raise ValidationError(
                    _(
                        "The report of %(name)s may not be sent to: %(refusals)s.",
                        name=schedule.name,
                        refusals="; ".join(
                            f"{recipient.display_name} ({reason})" for recipient, reason in refusals
                        ),
                    )
                )

    def _recipient_refusals(self):
        """(recipient, reason) of each recipient who may not receive the report.

        A contact with an internal user is judged as that user. A company-wide report
        (every report but the customer report) goes only to internal users who read
        every customer of the company; a customer report to internal users who may read
        that customer or to the customer's own contacts."""
        self.ensure_one()
        if self.report_type == "customer" and not self.customer_id:
            return []  # _check_customer asks for the customer first
        refusals = []
        for user in self.sudo().user_ids:
            reason = (
                self._contact_refusal(user.partner_id)
                if user.share
                else self._internal_refusal(user)
            )
            if reason:
                refusals.append((user, reason))
        for partner in self.sudo().partner_ids:
            internal = partner.with_context(active_test=False).user_ids.filtered(
                lambda user: not user.share
            )
            reasons = [self._internal_refusal(user) for user in internal] or [
                self._contact_refusal(partner)
            ]
            if all(reasons):
                refusals.append((partner, reasons[0]))
        return refusals

    def _internal_refusal(self, user):
        """Why the internal ``user`` may not receive the report, or None."""
        company = self.company_id
        if company not in user.company_ids:
            return _("does not work in %(company)s", company=company.name)
        if self.report_type == "customer":
            customer = self.customer_id.with_user(user).with_context(
                allowed_company_ids=company.ids
            )
            if customer.check_access_rights("read", raise_exception=False) and (
                customer._filter_access_rules("read")
            ):
                return None
            return _(
                "may not read the customer %(customer)s",
                customer=self.customer_id.sudo().display_name,
            )
        if user.has_group("smart_dairy_b2b.group_b2b_manager") or user.has_group(
            "sales_team.group_sale_salesman_all_leads"
        ):
            return None
        return _(
            "does not read every customer of %(company)s, which this report covers",
            company=company.name,
        )

    def _contact_refusal(self, partner):
        """Why the outside contact ``partner`` may not receive the report, or None."""
        if self.report_type != "customer":
            return _("not an internal user; a company-wide report goes to internal users only")
        customer_partner = self.customer_id.sudo().partner_id.commercial_partner_id
        if partner.commercial_partner_id == customer_partner:
            return None
        return _("not a contact of %(customer)s", customer=customer_partner.name)

    def _recipients(self):
        return self.user_ids.partner_id | self.partner_ids

    def _outside_recipients(self):
        """The recipients of a customer report who are not internal users allowed to
        read its customer: the customer's own contacts and portal users. They get the
        customer-facing document, never the internal one (docs/security.md, *Portal
        buyer*: no margin, cost, CLV, churn, P(alive), RFM or company-wide figure)."""
        self.ensure_one()

        def internal_reader(partner):
            users = partner.with_context(active_test=False).user_ids
            return any(not user.share and not self._internal_refusal(user) for user in users)

        return self.sudo()._recipients().filtered(lambda partner: not internal_reader(partner))

    # Timing -----------------------------------------------------------------------

    def _timezone(self):
        return pytz.timezone(self.env["b2b.analytics.reading"]._timezone())

    def _runs_on(self, day):
        if self.frequency == "weekly":
            return day.weekday() == int(self.weekday or 0)
        if self.frequency == "monthly":
            if self.month_last_day:
                return day.day == calendar.monthrange(day.year, day.month)[1]
            return day.day == self.month_day
        return True

    def _next_occurrence(self, after):
        """The first send time strictly after ``after`` (naive UTC), as naive UTC."""
        self.ensure_one()
        tz = self._timezone()
        local_after = pytz.utc.localize(after).astimezone(tz).replace(tzinfo=None)
        day = local_after.date()
        for _offset in range(63):
            if self._runs_on(day):
                local = datetime.combine(day, time(self.hour))
                if local > local_after:
                    return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            day += timedelta(days=1)
        return False

    @api.depends("frequency", "weekday", "month_day", "month_last_day", "hour", "active")
    def _compute_next_run(self):
        now = fields.Datetime.now()
        for schedule in self:
            valid = 0 <= schedule.hour <= 23 and (
                schedule.frequency != "monthly"
                or schedule.month_last_day
                or 1 <= schedule.month_day <= MAX_MONTH_DAY
            )
            schedule.next_run = schedule._next_occurrence(now) if valid else False

    def _report_period(self, due):
        """(date_from, date_to) of the report due at ``due`` (naive UTC)."""
        local_day = pytz.utc.localize(due).astimezone(self._timezone()).date()
        return relative_period(self.period, local_day)

    # Sending ------------------------------------------------------------------------

    @api.model
    def _cron_send_due_reports(self):
        """E-mail every due schedule. Each runs in its own savepoint: a failing one is
        rolled back, logged on its chatter and retried at the next run, and the others
        are still sent."""
        now = fields.Datetime.now()
        for schedule in self.search([("next_run", "<=", now)]):
            try:
                with self.env.cr.savepoint():
                    schedule._send_report(schedule.next_run)
                    schedule.write(
                        {"next_run": schedule._next_occurrence(now), "last_error": False}
                    )
            except Exception as error:  # noqa: BLE001 - any failure is reported, not raised
                _logger.warning(
                    "Scheduled report %s (id %s) failed",
                    schedule.name,
                    schedule.id,
                    exc_info=not isinstance(error, UserError),
                )
                schedule._log_failure(error)

    def action_send_now(self):
        """Send the report at once (the schedule keeps its next run)."""
        for schedule in self:
            schedule._send_report(fields.Datetime.now())
        return True

    def _send_report(self, due):
        """Render the report as ``user_id`` and queue the e-mail carrying it."""
        self.ensure_one()
        # Run As and the recipients may have lost access since the schedule was saved.
        self._check_run_as()
        self._check_recipients_may_read()
        sender = self._sender()  # a clear error now, not a mail-server failure later
        result = self._render_report(due)
        attachment = self.env["ir.attachment"].create(
            {
                "name": result["filename"],
                "datas": result["content"],
                "mimetype": result["mimetype"],
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        recipients = self._recipients()
        report_label = dict(self._fields["report_type"]._description_selection(self.env))[
            self.report_type
        ]
        subject = _("%(name)s: %(file)s", name=self.name, file=result["filename"])
        body = Markup("<p>%s</p><p>%s</p>%s") % (
            _("Hello,"),
            _(
                "please find attached the %(report)s report of %(company)s (%(file)s).",
                report=report_label,
                company=self.company_id.name,
                file=result["filename"],
            ),
            self._mail_facts(due),
        )
        self.env["mail.mail"].sudo().create(
            {
                "subject": subject,
                "body_html": body,
                "email_from": sender,
                "recipient_ids": [Command.set(recipients.ids)],
                "attachment_ids": [Command.set(attachment.ids)],
                "model": self._name,
                "res_id": self.id,
            }
        )
        self.message_post(
            body=_(
                "Report %(file)s queued for %(recipients)s.",
                file=result["filename"],
                recipients=", ".join(recipients.mapped("display_name")),
            ),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )
        self.last_run = fields.Datetime.now()
        return attachment

    def _render_report(self, due):
        """The report file, rendered as ``user_id``. A customer report that reaches
        anyone outside the dairy is the customer-facing document for every recipient:
        one schedule sends one file, so the dairy's people on it get a copy of exactly
        what the customer received; the internal customer report is scheduled to
        internal recipients only."""
        params = {}
        if self.report_type == "executive":
            params["compare"] = self.compare
        if self.report_type != "insights":
            date_from, date_to = self._report_period(due)
            params.update(date_from=date_from.isoformat(), date_to=date_to.isoformat())
        env = (
            self._run_as_language()
            .with_user(self.user_id)
            .with_company(self.company_id)
            .with_context(allowed_company_ids=self.company_id.ids)
            .env
        )
        customer_report = self.report_type == "customer"
        return env["b2b.report.export.service"]._export(
            self.report_type,
            self.export_format,
            customer_id=self.customer_id.id if customer_report else None,
            purchases=customer_report and bool(self._outside_recipients()),
            **params,
        )

    def _log_failure(self, error):
        message = (
            error.args[0]
            if isinstance(error, UserError) and error.args
            else (f"{type(error).__name__}: {error}")
        )
        self.write({"last_error": message})
        self.message_post(
            body=Markup("<p>%s</p><pre>%s</pre>")
            % (
                _("The scheduled report could not be sent; it is retried at the next run."),
                message,
            ),
            subtype_xmlid="mail.mt_note",
        )
