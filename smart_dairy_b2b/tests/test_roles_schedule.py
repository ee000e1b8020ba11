"""Scheduled reports run as a manager and go only to people who may read them
(DESIGN.md section 5, "Report recipient"; issue 18, finding 5). The schedules are
made by a sales manager who is not a system administrator."""

import re

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_report_export import ReportExportCase
from .test_roles_exports import role_users


@tagged("post_install", "-at_install")
class TestRolesSchedule(ReportExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager, cls.other_manager, cls.seller, cls.other_seller = role_users(
            cls.env, cls.company, "b2b_sched"
        )
        cls.shop_customer.user_id = cls.seller  # the hotel is the admin's
        cls.all_docs = new_test_user(
            cls.env,
            login="b2b_sched_all_docs",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.shop_buyer.email = "abdur@rahman-store.example.com"
        cls.shop_portal = new_test_user(
            cls.env,
            login="b2b_sched_shop_portal",
            email="portal@rahman-store.example.com",
            groups="base.group_portal",
        )
        cls.shop_portal.partner_id.parent_id = cls.shop
        cls.hotel_contact = cls.env["res.partner"].create(
            {
                "name": "Padma Front Desk",
                "parent_id": cls.hotel.id,
                "email": "desk@padma.example.com",
            }
        )
        cls.outsider = cls.env["res.partner"].create(
            {"name": "Outside Auditor", "email": "audit@outside.example.com"}
        )
        cls.elsewhere = cls.env["res.company"].create({"name": "Elsewhere Dairy"})
        cls.manager_elsewhere = new_test_user(
            cls.env,
            login="b2b_sched_manager_elsewhere",
            groups="sales_team.group_sale_manager",
            company_id=cls.elsewhere.id,
            company_ids=[Command.set(cls.elsewhere.ids)],
        )
        cls.Schedule = cls.env["b2b.report.schedule"].with_user(cls.manager)

    def schedule(self, users=(), partners=(), **values):
        return self.Schedule.create(
            dict(
                {
                    "name": "Monthly report",
                    "report_type": "executive",
                    "period": "last_month",
                    "user_ids": [Command.set([user.id for user in users])],
                    "partner_ids": [Command.set([partner.id for partner in partners])],
                },
                **values,
            )
        )

    def test_run_as_is_a_manager(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        schedule = self.schedule(users=[self.manager])
        self.assertEqual(schedule.user_id, self.manager, "Run As defaults to its maker")
        for user in (self.seller, self.all_docs):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(
                    ValidationError, "Run As must be a B2B Analytics manager"
                ):
                    self.schedule(users=[self.manager], user_id=user.id)
        with self.assertRaisesRegex(ValidationError, "do not work in Test Dairy Co."):
            self.schedule(users=[self.manager], user_id=self.manager_elsewhere.id)
        with self.assertRaisesRegex(ValidationError, "Run As must be"):
            schedule.user_id = self.seller

    def test_company_wide_report_recipients(self):
        for report in ("executive", "products", "insights"):
            with self.subTest(report=report):
                # managers and users reading every customer of the company
                schedule = self.schedule(
                    users=[self.manager, self.other_manager, self.all_docs],
                    partners=[self.all_docs.partner_id],
                    report_type=report,
                )
                self.assertTrue(schedule)
                refused = (
                    (self.seller, "does not read every customer of Test Dairy Co."),
                    (self.shop_portal, "not an internal user"),
                    (self.manager_elsewhere, "does not work in Test Dairy Co."),
                )
                for user, reason in refused:
                    with self.assertRaisesRegex(
                        ValidationError, re.escape(f"{user.name} ({reason}")
                    ):
                        self.schedule(users=[self.manager, user], report_type=report)
                for partner in (self.outsider, self.shop_buyer, self.seller.partner_id):
                    with self.assertRaisesRegex(ValidationError, re.escape(partner.name)):
                        self.schedule(partners=[partner], report_type=report)

    def test_customer_report_recipients(self):
        shop = {"report_type": "customer", "customer_id": self.shop_customer.id}
        schedule = self.schedule(
            users=[self.seller, self.all_docs, self.other_manager, self.shop_portal],
            partners=[self.shop_buyer],
            **shop,
        )
        self.assertTrue(schedule)
        refused = (
            (self.other_seller, "may not read the customer Rahman General Store"),
            (self.manager_elsewhere, "does not work in Test Dairy Co."),
        )
        for user, reason in refused:
            with self.assertRaisesRegex(ValidationError, re.escape(f"{user.name} ({reason}")):
                self.schedule(users=[user], **shop)
        for partner in (self.hotel_contact, self.outsider):
            with self.assertRaisesRegex(
                ValidationError, re.escape(f"{partner.name} (not a contact of Rahman General Store")
            ):
                self.schedule(partners=[partner], **shop)
        # the hotel's report: its contact yes, the shop's salesperson and buyer no
        hotel = {"report_type": "customer", "customer_id": self.hotel_customer.id}
        self.schedule(partners=[self.hotel_contact], users=[self.all_docs], **hotel)
        with self.assertRaisesRegex(ValidationError, "may not read the customer Hotel Padma"):
            self.schedule(users=[self.seller], **hotel)
        with self.assertRaisesRegex(ValidationError, "not a contact of Hotel Padma"):
            self.schedule(partners=[self.shop_buyer], **hotel)
        # changing the customer re-checks the recipients
        with self.assertRaisesRegex(ValidationError, "not a contact of Hotel Padma"):
            schedule.customer_id = self.hotel_customer

    def test_sending_rechecks(self):
        schedule = self.schedule(
            users=[self.seller],
            report_type="customer",
            customer_id=self.shop_customer.id,
            export_format="csv",
        )
        schedule.action_send_now()
        mail = self.env["mail.mail"].search(
            [("model", "=", schedule._name), ("res_id", "=", schedule.id)]
        )
        self.assertEqual(mail.recipient_ids, self.seller.partner_id)
        self.assertEqual(mail.attachment_ids.mimetype, "text/csv")
        # the shop moves to another salesperson: the next sending is refused
        self.shop_customer.user_id = self.other_seller
        with self.assertRaisesRegex(UserError, "may not read the customer Rahman General Store"):
            schedule.action_send_now()
        # Run As is no longer a manager: refused too
        self.shop_customer.user_id = self.seller
        self.manager.groups_id = [Command.set(self.env.ref("sales_team.group_sale_salesman").ids)]
        with self.assertRaisesRegex(UserError, "Run As must be a B2B Analytics manager"):
            schedule.with_user(self.other_manager).action_send_now()
