"""A scheduled report on a fresh company works out of the box: Run As can send, the
sender is always set (or a clear error comes before anything is queued), the next run
reads in the analytics timezone, the periods carry the dashboard's names and the
executive report its comparison."""

import re
from datetime import date, datetime
from pathlib import Path

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .. import vocabulary
from ..models.b2b_report_export_service import relative_period
from .test_report_export import ReportExportCase

PERIODS_JS = Path(__file__).resolve().parents[1] / "static/src/utils/periods.js"


@tagged("post_install", "-at_install")
class TestScheduleSetup(ReportExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The test company is a fresh one: no e-mail address.
        cls.assertFalse(cls, cls.company.email)

        def manager(login, email):
            return new_test_user(
                cls.env,
                login=login,
                email=email,
                groups="smart_dairy_b2b.group_b2b_manager",
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )

        cls.manager = manager("b2b_setup_manager", "rina@dairy.example.com")
        cls.mute_manager = manager("b2b_setup_mute", False)
        cls.salesman = new_test_user(
            cls.env,
            login="b2b_setup_salesman",
            email="sales@dairy.example.com",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    def create_schedule(self, user, **values):
        return (
            self.env["b2b.report.schedule"]
            .with_user(user)
            .create(
                dict(
                    {
                        "name": "Monthly executive report",
                        "frequency": "monthly",
                        "month_day": 1,
                        "hour": 6,
                        "user_ids": [Command.set(self.manager.ids)],
                    },
                    **values,
                )
            )
        )

    def mails(self, schedule):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "b2b.report.schedule"), ("res_id", "=", schedule.id)])
        )

    # Run As ---------------------------------------------------------------------------

    def test_run_as_is_the_manager_creating_it(self):
        schedule = self.create_schedule(self.manager)
        self.assertEqual(schedule.user_id, self.manager)
        self.assertFalse(self.manager.has_group("base.group_system"), "not an administrator")

    def test_run_as_of_a_manager_without_email_is_one_who_can_send(self):
        Schedule = self.env["b2b.report.schedule"].with_user(self.mute_manager)
        run_as = self.env["res.users"].browse(Schedule.default_get(["user_id"])["user_id"])
        self.assertNotEqual(run_as, self.mute_manager)
        self.assertTrue(run_as.email)
        self.assertTrue(run_as.has_group("smart_dairy_b2b.group_b2b_manager"))
        self.assertIn(self.company, run_as.company_ids)
        # the first such manager by id: the test's manager unless an older one works here
        older = self.env["res.users"].search(
            [("id", "<", self.manager.id), ("email", "!=", False), ("share", "=", False)]
        )
        older = older.filtered(
            lambda user: (
                user.has_group("smart_dairy_b2b.group_b2b_manager")
                and self.company in user.company_ids
            )
        )
        self.assertEqual(run_as, older[:1] or self.manager)

    # Sender ---------------------------------------------------------------------------

    def test_sender_of_a_company_without_email_is_run_as(self):
        schedule = self.create_schedule(self.manager)
        schedule.action_send_now()
        mail = self.mails(schedule)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_from, self.manager.email_formatted)
        self.assertIn("<rina@dairy.example.com>", mail.email_from)

    def test_sender_is_the_company_when_it_has_an_address(self):
        self.company.email = "reports@smartdairy.example"
        schedule = self.create_schedule(self.manager)
        schedule.action_send_now()
        self.assertEqual(self.mails(schedule).email_from, self.company.email_formatted)

    def test_no_sender_is_a_clear_error_before_queuing(self):
        schedule = self.create_schedule(self.manager, user_id=self.mute_manager.id)
        with self.assertRaisesRegex(UserError, "has no sender.*Test Dairy Co.*b2b_setup_mute"):
            schedule.action_send_now()
        self.assertFalse(self.mails(schedule), "nothing queued")
        # the cron logs it on the schedule, where the manager sees it
        schedule.next_run = datetime(2026, 11, 1, 0, 0)
        self.env["b2b.report.schedule"]._cron_send_due_reports()
        self.assertIn("has no sender", schedule.last_error)

    # Times ----------------------------------------------------------------------------

    def test_next_run_is_shown_in_the_analytics_timezone(self):
        schedule = self.create_schedule(self.manager)
        # 1 November 2026 00:00 UTC is 06:00 in Dhaka, the schedule's hour
        schedule.next_run = datetime(2026, 11, 1, 0, 0)
        self.assertEqual(
            schedule.with_user(self.manager).next_run_local, "11/01/2026 06:00:00 (Asia/Dhaka)"
        )
        # whatever the user's own timezone is
        self.manager.tz = "America/New_York"
        schedule.invalidate_recordset(["next_run_local"])
        self.assertEqual(
            schedule.with_user(self.manager).next_run_local, "11/01/2026 06:00:00 (Asia/Dhaka)"
        )
        schedule.last_run = datetime(2026, 10, 1, 0, 0)
        self.assertEqual(
            schedule.with_user(self.manager).last_run_local, "10/01/2026 06:00:00 (Asia/Dhaka)"
        )
        # and in the user's language: day first in English (UK)
        self.env["res.lang"]._activate_lang("en_GB")
        schedule.invalidate_recordset(["next_run_local"])
        self.assertEqual(
            schedule.with_user(self.manager).with_context(lang="en_GB").next_run_local,
            "01/11/2026 06:00:00 (Asia/Dhaka)",
        )

    # Periods and comparison -----------------------------------------------------------

    def test_periods_are_the_dashboards(self):
        """Every preset of the dashboard's period picker is a period of the vocabulary
        with the same label, and resolves to the same dates (periods.js's rules,
        written out by hand for 18 November 2026)."""
        source = PERIODS_JS.read_text()
        presets = dict(re.findall(r'\{id: "(\w+)", label: _t\("([^"]+)"\)\}', source))
        presets.pop("custom")
        labels = vocabulary.labels(self.env, vocabulary.PERIODS)
        self.assertEqual({key: labels.get(key) for key in presets}, presets)
        self.assertEqual(labels["this_month"], "This month", "not 'Month to Date'")
        today = date(2026, 11, 18)
        expected = {
            "this_month": (date(2026, 11, 1), today),
            "last_month": (date(2026, 10, 1), date(2026, 10, 31)),
            "last_30_days": (date(2026, 10, 20), today),
            "last_90_days": (date(2026, 8, 21), today),
            "this_quarter": (date(2026, 10, 1), today),
            "this_year": (date(2026, 1, 1), today),
            "last_12_months": (date(2025, 11, 19), today),
        }
        self.assertEqual({key: relative_period(key, today) for key in presets}, expected)
        field = self.env["b2b.report.schedule"]._fields["period"]
        self.assertEqual(
            dict(field._description_selection(self.env)),
            dict(vocabulary.selection(vocabulary.PERIODS)),
        )

    def test_comparison_reaches_the_executive_report(self):
        schedule = self.create_schedule(self.manager, compare="previous_year", export_format="csv")
        attachment = schedule._send_report(datetime(2026, 11, 1, 0, 0))
        header = attachment.raw.decode("utf-8-sig").splitlines()[0]
        self.assertEqual(header, "KPI,Unit,Value,Previous,Change %")
        schedule.compare = "none"
        attachment = schedule._send_report(datetime(2026, 11, 1, 0, 0))
        self.assertEqual(attachment.raw.decode("utf-8-sig").splitlines()[0], "KPI,Unit,Value")
        # previous year: October 2025 had no orders, so no previous revenue
        schedule.compare = "previous_year"
        rows = schedule._send_report(datetime(2026, 11, 1, 0, 0)).raw.decode("utf-8-sig")
        revenue = next(line for line in rows.splitlines() if line.startswith("Revenue,"))
        self.assertEqual(revenue.split(",")[:4], ["Revenue", "BDT", "5400.00", "0.00"])
