"""What a scheduled report needs to work on a fresh database: a Run As who can send, a
sender, its comparison, and its next run shown in the analytics timezone."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_datetime

from .. import vocabulary

MANAGER_GROUP = "smart_dairy_b2b.group_b2b_manager"


class B2bReportScheduleOptions(models.Model):
    _inherit = "b2b.report.schedule"

    compare = fields.Selection(
        vocabulary.selection(vocabulary.COMPARE_MODES),
        string="Compare With",
        required=True,
        default="previous_period",
        tracking=True,
        help="What the executive report compares its period with (as the dashboard).",
    )
    next_run_local = fields.Char(
        string="Next Run (analytics time)",
        compute="_compute_local_times",
        help="When the report is sent next, in the analytics timezone its hour is counted "
        "in (B2B Analytics settings).",
    )
    last_run_local = fields.Char(
        string="Last Run (analytics time)",
        compute="_compute_local_times",
        help="When the report was last sent, in the analytics timezone.",
    )

    @api.depends("next_run", "last_run")
    def _compute_local_times(self):
        timezone = self.env["b2b.analytics.reading"]._timezone()

        def local(moment):
            when = format_datetime(self.env, moment, tz=timezone, dt_format=False)
            return f"{when} ({timezone})" if moment else False

        for schedule in self:
            schedule.next_run_local = local(schedule.next_run)
            schedule.last_run_local = local(schedule.last_run)

    @api.model
    def _default_run_as(self):
        """The current user when a manager with an e-mail address, else the company's
        first manager with one (a report is sent in Run As's name when the company has
        no address), else the current user (saving then says why not)."""
        user = self.env.user
        if user.has_group(MANAGER_GROUP) and user.email and not user.share:
            return user
        company = self.env.company
        manager = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(MANAGER_GROUP).ids),
                    ("share", "=", False),
                    ("email", "!=", False),
                    ("company_ids", "in", company.ids),
                ],
                order="id",
                limit=1,
            )
        )
        return manager or user

    def _run_as_language(self):
        """The schedule in Run As's language: one file and one e-mail per run, in the
        language of the manager it is run as (the cron has none of its own)."""
        return self.with_context(lang=self.user_id.lang or self.env.lang)

    def _mail_facts(self, due):
        """The e-mail's lines on what the file covers: its period by the dashboard's
        name and dates, the comparison, the sending time in
        the analytics timezone."""
        self.ensure_one()
        env = self._run_as_language().env
        timezone = env["b2b.analytics.reading"]._timezone()
        labels = dict(self._fields["period"]._description_selection(env))
        facts = []
        if self.report_type != "insights":
            date_from, date_to = self._report_period(due)
            facts.append(
                (
                    _("Period"),
                    f"{labels[self.period]}: {format_date(env, date_from)} – "
                    f"{format_date(env, date_to)}",
                )
            )
        if self.report_type == "executive":
            compares = dict(self._fields["compare"]._description_selection(env))
            facts.append((_("Compared with"), compares[self.compare]))
        sent = format_datetime(env, fields.Datetime.now(), tz=timezone, dt_format=False)
        facts.append((_("Sent"), f"{sent} ({timezone})"))
        rows = Markup("").join(
            Markup("<tr><td style='padding-right:12px;color:#666'>%s</td><td>%s</td></tr>") % fact
            for fact in facts
        )
        return Markup("<table>%s</table>") % rows

    def _sender(self):
        """The From address: the company's, else Run As's; a clear error without both."""
        self.ensure_one()
        sender = self.company_id.email_formatted or self.user_id.email_formatted
        if not sender:
            raise UserError(
                _(
                    "The scheduled report %(name)s has no sender: give the company "
                    "%(company)s an e-mail address (Settings → Companies) or Run As "
                    "(%(user)s) one.",
                    name=self.name,
                    company=self.company_id.name,
                    user=self.user_id.name,
                )
            )
        return sender
