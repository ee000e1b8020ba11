"""Scheduled reports: due schedules are e-mailed with their file, failures are logged
and retried, and one failure does not stop the others."""

import base64
import io
from datetime import datetime

import openpyxl
import pytz

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_report_export import ReportExportCase


@tagged("post_install", "-at_install")
class TestReportSchedule(ReportExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="b2b_schedule_manager",
            email="manager@dairy.example.com",
            groups="smart_dairy_b2b.group_b2b_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        # a company-wide report goes to internal users reading every customer
        cls.accountant = new_test_user(
            cls.env,
            login="b2b_schedule_accountant",
            name="Nasrin Akter",
            email="nasrin@accounts.example.com",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        ).partner_id
        cls.Schedule = cls.env["b2b.report.schedule"].with_user(cls.manager)
        # 1 November 2026, 06:00 in Dhaka
        cls.due = datetime(2026, 11, 1, 0, 0)

    def schedule(self, **values):
        return self.Schedule.create(
            dict(
                {
                    "name": "Monthly executive report",
                    "report_type": "executive",
                    "export_format": "xlsx",
                    "period": "last_month",
                    "frequency": "monthly",
                    "month_day": 1,
                    "hour": 6,
                    "user_ids": [Command.set(self.manager.ids)],
                    "partner_ids": [Command.set(self.accountant.ids)],
                },
                **values,
            )
        )

    def outgoing(self, schedule):
        return (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "b2b.report.schedule"),
                    ("res_id", "=", schedule.id),
                    ("state", "=", "outgoing"),
                ]
            )
        )

    def test_due_schedule_is_mailed_with_its_report(self):
        schedule = self.schedule()
        self.assertGreater(schedule.next_run, fields.Datetime.now())
        schedule.next_run = self.due
        self.env["b2b.report.schedule"]._cron_send_due_reports()

        mail = self.outgoing(schedule)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.manager.partner_id | self.accountant)
        self.assertIn("executive_2026-10-01_2026-10-31.xlsx", mail.subject)
        attachment = mail.attachment_ids
        self.assertEqual(attachment.name, "executive_2026-10-01_2026-10-31.xlsx")
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        kpis = {
            row[0]: row[1]
            for row in book["Key Performance Indicators"].iter_rows(min_row=5, values_only=True)
        }
        expected = self.service.get_executive_dashboard(*("2026-10-01", "2026-10-31"))
        self.assertAlmostEqual(kpis["Revenue"], expected["kpis"]["revenue"]["value"])
        self.assertAlmostEqual(kpis["Revenue"], self.revenue("2026-10-01", "2026-10-31"))

        self.assertTrue(schedule.last_run)
        self.assertFalse(schedule.last_error)
        self.assertGreater(schedule.next_run, fields.Datetime.now())
        local = pytz.utc.localize(schedule.next_run).astimezone(pytz.timezone("Asia/Dhaka"))
        self.assertEqual((local.day, local.hour, local.minute), (1, 6, 0))
        self.assertIn("queued", schedule.message_ids[0].body)
        # not due any more: a second run sends nothing
        self.env["b2b.report.schedule"]._cron_send_due_reports()
        self.assertEqual(len(self.outgoing(schedule)), 1)

    def test_failure_is_logged_and_others_still_run(self):
        # the shop's report goes to its salesperson, who then loses the shop: this fails
        broken = self.schedule(
            name="Rahman General Store for its salesperson",
            report_type="customer",
            customer_id=self.shop_customer.id,
            user_ids=[Command.set(self.manager_a.ids)],
            partner_ids=[],
        )
        self.shop_customer.user_id = self.env.ref("base.user_admin")
        working = self.schedule(name="Products", report_type="products", export_format="csv")
        broken.next_run = datetime(2026, 10, 31, 0, 0)  # runs first
        working.next_run = self.due
        self.env["b2b.report.schedule"]._cron_send_due_reports()

        self.assertFalse(self.outgoing(broken))
        self.assertIn("may not read the customer", broken.last_error)
        self.assertIn("could not be sent", broken.message_ids[0].body)
        self.assertIn("may not read the customer", broken.message_ids[0].body)
        self.assertEqual(broken.next_run, datetime(2026, 10, 31, 0, 0), "retried at the next run")
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "b2b.report.schedule"), ("res_id", "=", broken.id)]
            ),
            "the failed run left nothing behind",
        )

        mail = self.outgoing(working)
        self.assertEqual(mail.attachment_ids.name, "products_2026-10-01_2026-10-31.csv")
        self.assertIn(b"Ghee 400g,A,3900.00", base64.b64decode(mail.attachment_ids.datas))

        # the next run retries the broken schedule; fixed, it is sent
        self.shop_customer.user_id = self.manager_a
        self.env["b2b.report.schedule"]._cron_send_due_reports()
        self.assertEqual(len(self.outgoing(broken)), 1)
        self.assertFalse(broken.last_error)

    def test_send_now(self):
        schedule = self.schedule(report_type="insights", export_format="pdf")
        next_run = schedule.next_run
        schedule.action_send_now()
        attachment = self.outgoing(schedule).attachment_ids
        self.assertTrue(attachment.name.startswith("insights_"))
        self.assertTrue(base64.b64decode(attachment.datas).startswith(b"%PDF"))
        self.assertEqual(schedule.next_run, next_run)

    def test_next_run(self):
        weekly = self.schedule(frequency="weekly", weekday="0", hour=6)
        # Wednesday 18 March 2026 -> Monday 23 March 06:00 Dhaka = 00:00 UTC
        self.assertEqual(
            weekly._next_occurrence(datetime(2026, 3, 18, 12, 0)), datetime(2026, 3, 23, 0, 0)
        )
        month_end = self.schedule(month_last_day=True, month_day=0, hour=23)
        self.assertEqual(
            month_end._next_occurrence(datetime(2026, 2, 10)), datetime(2026, 2, 28, 17, 0)
        )
        daily = self.schedule(frequency="daily", hour=6, period="yesterday")
        # 06:00 Dhaka already passed at 01:00 UTC: tomorrow's
        self.assertEqual(
            daily._next_occurrence(datetime(2026, 3, 18, 1, 0)), datetime(2026, 3, 19, 0, 0)
        )
        self.assertEqual(
            [str(day) for day in daily._report_period(datetime(2026, 3, 19, 0, 0))],
            ["2026-03-18", "2026-03-18"],
        )

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "at least one recipient"):
            self.schedule(user_ids=[], partner_ids=[])
        with self.assertRaisesRegex(ValidationError, "between 1 and 28"):
            self.schedule(month_day=31)
        with self.assertRaisesRegex(ValidationError, "between 1 and 28"):
            self.schedule(month_day=0)
        self.schedule(frequency="weekly", month_day=31)  # the day of the month is unused
        with self.assertRaisesRegex(ValidationError, "needs a customer"):
            self.schedule(report_type="customer")
        no_mail = self.env["res.partner"].create({"name": "No Mail", "parent_id": self.shop.id})
        with self.assertRaisesRegex(ValidationError, "no e-mail address"):
            self.schedule(
                report_type="customer",
                customer_id=self.shop_customer.id,
                partner_ids=[Command.set(no_mail.ids)],
            )
        with self.assertRaisesRegex(ValidationError, "between 0 and 23"):
            self.schedule(hour=24)

    def test_managers_only(self):
        salesman = new_test_user(
            self.env,
            login="b2b_schedule_reader",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.schedule()
        with self.assertRaises(AccessError):
            self.env["b2b.report.schedule"].with_user(salesman).search([])

    def test_cron(self):
        cron = self.env.ref("smart_dairy_b2b.b2b_report_schedule_cron")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "hours"))
        self.assertTrue(cron.active)
