"""Scheduled reports run as a manager and go only to people who may read them
(docs/security.md, "Report recipient"; issue 18, finding 5). The schedules are
made by a sales manager who is not a system administrator."""

import re
from datetime import datetime

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .portal_common import INTERNAL_WORDS
from .test_report_export import OCTOBER, ReportExportCase, pdf_text, plain
from .test_roles_exports import role_users

OCTOBER_REPORT_DUE = datetime(2026, 11, 1, 0, 0)  # "last month" is October


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
        for report in ("executive", "products", "insights", "campaigns"):
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

    # What the customer's own contacts get --------------------------------------------

    def sent_workbook(self, schedule):
        """The sent e-mail's recipients and its XLSX attachment, read back: every
        sheet's cells, and its text in lower case."""
        schedule._send_report(OCTOBER_REPORT_DUE)
        mail = self.env["mail.mail"].search(
            [("model", "=", schedule._name), ("res_id", "=", schedule.id)]
        )
        attachment = mail.attachment_ids
        book, _content = self.workbook(
            {
                "filename": attachment.name,
                "mimetype": attachment.mimetype,
                "content": attachment.datas,
            }
        )
        cells = [
            cell
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        text = "\n".join(str(cell) for cell in cells).lower()
        return mail.recipient_ids, cells, text

    @staticmethod
    def internal_words(text):
        return [word for word in INTERNAL_WORDS if re.search(rf"\b{re.escape(word)}", text)]

    def test_customer_contacts_get_the_customer_facing_report(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        shop = {"report_type": "customer", "customer_id": self.shop_customer.id}
        october = [order for order in self.orders if order.b2b_customer_id == self.shop_customer]
        october = [order for order in october if order.date_order.month == 10]
        margin = sum(
            line.price_subtotal - line.purchase_price * line.product_uom_qty
            for order in october
            for line in order.order_line
        )
        spend = self.revenue(*OCTOBER, customer=self.shop_customer)
        self.assertEqual(spend, 10 * 90 + 5 * 120 + 2 * 650)
        self.assertTrue(margin)
        # the customer's contact, its portal user, and both with the salesperson: every
        # recipient gets the customer-facing file (one schedule, one file)
        for users, partners in (
            ((), (self.shop_buyer,)),
            ((self.shop_portal,), ()),
            ((self.seller,), (self.shop_buyer,)),
        ):
            with self.subTest(users=[u.login for u in users], partners=partners):
                schedule = self.schedule(users=users, partners=partners, **shop)
                recipients, cells, text = self.sent_workbook(schedule)
                expected = self.env["res.partner"].union(
                    *[user.partner_id for user in users], *partners
                )
                self.assertEqual(recipients, expected)
                self.assertIn("purchase report", text)
                for product in ("fresh milk 1l", "mishti doi 500g", "ghee 400g"):
                    self.assertIn(product, text)
                self.assertIn(spend, cells, "the spend before taxes of October")
                self.assertEqual(self.internal_words(text), [])
                self.assertNotIn(round(margin, 2), [c for c in cells if isinstance(c, float)])
                self.assertNotIn("hotel padma", text)

    def test_internal_recipients_keep_the_internal_report(self):
        schedule = self.schedule(
            users=[self.seller, self.other_manager],
            report_type="customer",
            customer_id=self.shop_customer.id,
        )
        recipients, cells, text = self.sent_workbook(schedule)
        self.assertEqual(recipients, self.seller.partner_id | self.other_manager.partner_id)
        self.assertIn("margin", self.internal_words(text))
        self.assertIn("clv", self.internal_words(text))

    def test_customer_contacts_get_a_customer_facing_pdf(self):
        schedule = self.schedule(
            partners=[self.shop_buyer],
            report_type="customer",
            customer_id=self.shop_customer.id,
            export_format="pdf",
        )
        attachment = schedule._send_report(OCTOBER_REPORT_DUE)
        self.assertEqual(attachment.mimetype, "application/pdf")
        text = plain(pdf_text(attachment.raw)).lower()
        self.assertIn("purchase report", text)
        self.assertIn("ghee 400g", text)
        self.assertEqual(self.internal_words(text), [])
