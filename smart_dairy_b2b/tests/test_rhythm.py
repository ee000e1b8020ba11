"""Rhythm and action (docs/definitions.md, *Rhythm*, *Action*, *Account managers*):
overdue customers, their follow-ups and the account managers' books, on orders dated
relative to today, as a salesperson, a manager who is not an administrator and a portal
user. Every expected figure is worked out by hand from the order days below (each order
is 10 x 90.00 = 900.00)."""

import base64
import csv
import io
from datetime import date, datetime, timedelta

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, MissingError
from odoo.tests import new_test_user, tagged

from .common import B2bCommon
from .test_report_export import pdf_text, plain

DAY = 900.0


@tagged("post_install", "-at_install")
class TestRhythm(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("smart_dairy_b2b.analytics_timezone", "UTC")
        cls.env["b2b.sale.facts"]._rebuild()
        cls.service = cls.env["b2b.analytics.service"]
        cls.today = cls.service._today()

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )

        cls.salesperson = user("rhythm_sales", "sales_team.group_sale_salesman")
        cls.idle = user("rhythm_idle", "sales_team.group_sale_salesman")
        cls.boss = user("rhythm_boss", "sales_team.group_sale_manager")
        cls.env["crm.team"].create(
            {
                "name": "Rhythm Team",
                "company_id": cls.company.id,
                "member_ids": [Command.set((cls.salesperson | cls.idle | cls.manager_a).ids)],
            }
        )
        S, M = cls.salesperson, cls.manager_a
        # name: (account manager, order days as days ago)
        plan = {
            "daily_three": (S, range(3, 31)),  # last 3 days ago: overdue
            "daily_two": (S, range(2, 31)),  # last 2 days ago: not
            "weekly_eleven": (M, range(11, 81, 7)),  # weekly, 11 days ago: not
            "weekly_twelve": (M, range(12, 82, 7)),  # weekly, 12 days ago: overdue
            "sparse": (None, (1, 2, 200)),  # 2 order days in the window: no rhythm
            "lapsed": (S, (80, 90, 100)),  # gap 10, 80 days ago: overdue and high risk
        }
        cls.customers = {}
        for name, (manager, days) in plan.items():
            partner = cls.env["res.partner"].create({"name": name, "is_company": True})
            cls.customers[name] = cls.env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "state": "approved",
                    "user_id": manager.id if manager else False,
                }
            )
            for days_ago in days:
                cls.order_on(partner, days_ago)
        cls.days = {name: list(days) for name, (_m, days) in plan.items()}

    @classmethod
    def order_on(cls, partner, days_ago):
        order = cls.make_order(partner)
        day = cls.today - timedelta(days=days_ago)
        order.date_order = datetime.combine(day, datetime.min.time()) + timedelta(hours=6)
        return order

    def ago(self, days):
        return (self.today - timedelta(days=days)).isoformat()

    # Rhythm ------------------------------------------------------------------------

    def test_overdue_customers_and_their_figures(self):
        rows = self.service.get_overdue_customers()["customers"]
        c = self.customers
        self.assertEqual(
            [row["customer_id"] for row in rows],
            [c["lapsed"].id, c["daily_three"].id, c["weekly_twelve"].id],
        )
        lapsed, daily, weekly = rows
        # lapsed: gap 10, last 80 days ago, due 70 days ago; 70 / 10 = 7 order days missed
        self.assertEqual(lapsed["usual_gap_days"], 10)
        self.assertEqual(lapsed["due_date"], self.ago(70))
        self.assertEqual(lapsed["days_overdue"], 70)
        self.assertAlmostEqual(lapsed["revenue_at_stake"], 7 * DAY)
        # daily: last 3 days ago, due 2 days ago, 2 order days missed
        self.assertEqual(
            (daily["usual_gap_days"], daily["last_order_date"], daily["due_date"]),
            (1, self.ago(3), self.ago(2)),
        )
        self.assertEqual(daily["days_overdue"], 2)
        self.assertAlmostEqual(daily["revenue_at_stake"], 2 * DAY)
        # every weekday holds 4 of its 28 order days, under a fifth: no usual weekday
        self.assertEqual(daily["usual_weekdays"], [])
        # weekly: due 5 days ago, 5 / 7 rounds down to 0: at least 1 order day
        self.assertEqual((weekly["usual_gap_days"], weekly["days_overdue"]), (7, 5))
        self.assertEqual(weekly["usual_weekdays"], [(self.today - timedelta(days=12)).isoweekday()])
        self.assertAlmostEqual(weekly["revenue_at_stake"], DAY)
        self.assertEqual(weekly["account_manager"], self.manager_a.name)
        self.assertEqual(len(self.service.get_overdue_customers(limit=1)["customers"]), 1)

    def test_customer_summary_rhythm(self):
        summary = self.service.get_customer_summary(self.customers["daily_two"].id)
        rhythm = summary["rhythm"]
        self.assertEqual(rhythm["usual_gap_days"], 1)
        self.assertFalse(rhythm["overdue"])
        self.assertEqual(rhythm["due_date"], self.ago(1))
        self.assertEqual(rhythm["order_days"], 29)
        self.assertIsNone(self.service.get_customer_summary(self.customers["sparse"].id)["rhythm"])
        weekly = self.service.get_customer_summary(self.customers["weekly_eleven"].id)["rhythm"]
        self.assertEqual((weekly["usual_gap_days"], weekly["overdue"]), (7, False))

    def test_bad_limit_is_refused_by_name(self):
        for limit in (0, -1, "ten"):
            with self.assertRaisesRegex(Exception, "limit"):
                self.service.get_overdue_customers(limit=limit)

    # Who sees what -------------------------------------------------------------------

    def test_salesperson_sees_only_their_customers(self):
        service = self.service.with_user(self.salesperson)
        rows = service.get_overdue_customers()["customers"]
        self.assertEqual(
            {row["customer_id"] for row in rows},
            {self.customers["lapsed"].id, self.customers["daily_three"].id},
        )
        with self.assertRaises(MissingError):
            service.get_customer_summary(self.customers["weekly_twelve"].id)
        self.env["b2b.customer.followup"]._cron_open_followups()
        activities = (
            self.env["mail.activity"]
            .with_user(self.salesperson)
            .search([("res_model", "=", "b2b.customer")])
        )
        self.assertEqual(
            set(activities.mapped("res_id")),
            {self.customers["lapsed"].id, self.customers["daily_three"].id},
        )
        followups = self.env["b2b.customer.followup"].with_user(self.salesperson).search([])
        self.assertEqual(set(followups.customer_id.ids), set(activities.mapped("res_id")))

    def test_manager_who_is_not_admin_sees_every_overdue_customer(self):
        self.assertFalse(self.boss._is_admin())
        rows = self.service.with_user(self.boss).get_overdue_customers()["customers"]
        self.assertEqual(len(rows), 3)

    def test_portal_user_gets_nothing(self):
        portal = new_test_user(self.env, login="rhythm_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.service.with_user(portal).get_overdue_customers()
        with self.assertRaises(AccessError):
            self.service.with_user(portal).get_account_manager_performance()
        with self.assertRaises(AccessError):
            self.env["b2b.customer.followup"].with_user(portal).search([])

    # Action --------------------------------------------------------------------------

    def test_followups_open_once_close_on_order_and_count_as_won_back(self):
        Followup = self.env["b2b.customer.followup"]
        Followup._cron_open_followups()
        followups = Followup.search(
            [("customer_id", "in", [c.id for c in self.customers.values()])]
        )
        c = self.customers
        self.assertEqual(
            sorted((f.customer_id.id, f.reason) for f in followups),
            sorted(
                [
                    (c["lapsed"].id, "overdue"),
                    (c["lapsed"].id, "churn_risk"),
                    (c["daily_three"].id, "overdue"),
                    (c["weekly_twelve"].id, "overdue"),
                ]
            ),
        )
        # at stake: overdue, the usual day's revenue times the order days missed (due 70
        # days ago on a 10-day rhythm: 7); high churn risk, the revenue of the last 12
        # months (its three orders)
        lapsed = {f.reason: f for f in followups if f.customer_id == c["lapsed"]}
        self.assertAlmostEqual(lapsed["overdue"].revenue_at_stake, 7 * DAY)
        self.assertAlmostEqual(lapsed["churn_risk"].revenue_at_stake, 3 * DAY)
        daily = followups.filtered(lambda f: f.customer_id == c["daily_three"])
        self.assertEqual(daily.user_id, self.salesperson)
        activity = daily.activity_id
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertIn(self.ago(2), activity.note)  # due date
        self.assertIn(self.ago(3), activity.note)  # last order
        self.assertIn("every 1 days", activity.note)

        opened = Followup.search_count([])  # the demo's customers' follow-ups included
        Followup._cron_open_followups()  # the same day again: nothing new
        self.assertEqual(Followup.search_count([]), opened)

        # the customer orders again: the activity is done with a note, won back
        self.make_order(c["daily_three"].partner_id)
        self.assertEqual(daily.state, "won_back")
        self.assertEqual(daily.closed_on, self.today)
        self.assertFalse(activity.exists())
        self.assertIn("won back", c["daily_three"].message_ids[0].body)
        # returning 31 days after the follow-up is not won back
        weekly = followups.filtered(lambda f: f.customer_id == c["weekly_twelve"])
        weekly.opened_on = self.today - timedelta(days=31)
        self.make_order(c["weekly_twelve"].partner_id)
        self.assertEqual(weekly.state, "returned_late")

        Followup._cron_open_followups()  # back in rhythm: no new follow-up
        self.assertEqual(Followup.search_count([]), opened)

        managers = self.service.with_user(self.boss).get_account_manager_performance(
            self.ago(6), self.ago(0)
        )["managers"]
        by_user = {row["user_id"]: row for row in managers}
        self.assertEqual(
            (
                by_user[self.salesperson.id]["actions_opened"],
                by_user[self.salesperson.id]["won_back"],
            ),
            (3, 1),
        )
        # manager_a's one follow-up now dates from 31 days ago, before the period
        self.assertEqual(
            (by_user[self.manager_a.id]["actions_opened"], by_user[self.manager_a.id]["won_back"]),
            (0, 0),
        )

    # Account managers --------------------------------------------------------------

    def expected_book(self, names, period, previous):
        """Naive figures of the customers ``names`` from their order days."""

        def active(name, span):
            start, end = (self.today - span[0]).days, (self.today - span[1]).days
            return [d for d in self.days[name] if end <= d <= start]

        now = [n for n in names if active(n, period)]
        before = [n for n in names if active(n, previous)]
        return {
            "customers": len(names),
            "active_customers": len(now),
            "revenue": DAY * sum(len(active(n, period)) for n in names),
            "previous_revenue": DAY * sum(len(active(n, previous)) for n in names),
            "churned_customers": len(set(before) - set(now)),
            "retention_rate": (len(set(before) & set(now)) * 100 / len(before) if before else None),
        }

    def test_account_managers_as_manager_and_as_salesperson(self):
        answer = self.service.with_user(self.boss).get_account_manager_performance(
            self.ago(13), self.ago(0)
        )
        period = answer["period"]
        span = (date.fromisoformat(period["date_from"]), date.fromisoformat(period["date_to"]))
        previous = (
            date.fromisoformat(period["compare_from"]),
            date.fromisoformat(period["compare_to"]),
        )
        by_user = {row["user_id"]: row for row in answer["managers"]}
        sales_book = ["daily_three", "daily_two", "lapsed"]
        expected = self.expected_book(sales_book, span, previous)
        row = by_user[self.salesperson.id]
        for key, value in expected.items():
            self.assertAlmostEqual(row[key], value, msg=key)
        self.assertEqual((row["overdue_customers"], row["high_risk_customers"]), (2, 1))
        self.assertEqual(row["new_customers"], 0)
        # manager_a also manages the shop of the common data (no orders)
        expected = self.expected_book(["weekly_eleven", "weekly_twelve"], span, previous)
        row = by_user[self.manager_a.id]
        self.assertEqual(row["customers"], 3)
        self.assertAlmostEqual(row["revenue"], expected["revenue"])
        self.assertEqual(row["overdue_customers"], 1)
        unassigned = by_user[None]
        self.assertEqual((unassigned["name"], unassigned["customers"]), ("Unassigned", 1))
        self.assertAlmostEqual(unassigned["revenue"], DAY * 2)  # 'sparse', 1 and 2 days ago
        self.assertEqual(unassigned["new_customers"], 0)  # it first ordered 200 days ago
        # a team member with no customer: a row of zeros
        idle = by_user[self.idle.id]
        self.assertEqual(
            (idle["customers"], idle["revenue"], idle["change_pct"], idle["retention_rate"]),
            (0, 0.0, None, None),
        )

        mine = self.service.with_user(self.salesperson).get_account_manager_performance(
            self.ago(13), self.ago(0)
        )["managers"]
        self.assertEqual({row["user_id"] for row in mine}, {self.salesperson.id, None})
        self.assertEqual(
            {k: v for k, v in mine[0].items()}
            if mine[0]["user_id"] == self.salesperson.id
            else {k: v for k, v in mine[1].items()},
            by_user[self.salesperson.id],
        )

    def test_account_managers_bad_dates_are_refused_by_name(self):
        with self.assertRaisesRegex(Exception, "date_from"):
            self.service.get_account_manager_performance("yesterday")

    # Exports and the daily e-mail --------------------------------------------------------

    def test_overdue_report_in_every_format(self):
        Export = self.env["b2b.report.export.service"].with_user(self.boss)
        names = ["lapsed", "daily_three", "weekly_twelve"]
        stakes = [7 * DAY, 2 * DAY, DAY]
        result = Export.export_overdue_report("csv")
        self.assertEqual(result["filename"], f"overdue_{self.today.isoformat()}.csv")
        rows = list(
            csv.reader(io.StringIO(base64.b64decode(result["content"]).decode("utf-8-sig")))
        )
        header, body = rows[0], rows[1:]
        self.assertEqual([row[header.index("Customer")] for row in body], names)
        stake = next(i for i, h in enumerate(header) if h.startswith("Revenue at Stake"))
        self.assertEqual([float(row[stake]) for row in body], stakes)
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(Export.export_overdue_report("xlsx")["content"]))
        )
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        for name, amount in zip(names, stakes, strict=True):
            self.assertIn(name, cells)
            self.assertIn(amount, cells)
        text = plain(pdf_text(base64.b64decode(Export.export_overdue_report("pdf")["content"])))
        self.assertIn("Overdue Today", text)
        for name in names:
            self.assertIn(name, text)
        with self.assertRaisesRegex(Exception, "date_from"):
            Export.export_report("overdue", "csv", date_from=self.ago(5))
        # a salesperson's file holds their customers only
        mine = self.env["b2b.report.export.service"].with_user(self.salesperson)
        content = base64.b64decode(mine.export_overdue_report("csv")["content"]).decode("utf-8-sig")
        self.assertNotIn("weekly_twelve", content)
        self.assertIn("daily_three", content)

    def test_daily_email_goes_to_who_opted_in_with_their_customers(self):
        self.salesperson.with_user(self.salesperson).write({"b2b_rhythm_digest": True})
        Mail = self.env["mail.mail"]
        before = Mail.search([]).ids
        self.env["b2b.customer.followup"]._cron_send_digests()
        mails = Mail.search([("id", "not in", before)])
        self.assertEqual(mails.recipient_ids, self.salesperson.partner_id)
        self.assertEqual(len(mails), 1)
        body = mails.body_html
        for name in ("lapsed", "daily_three"):
            self.assertIn(name, body)
        self.assertNotIn("weekly_twelve", body)  # manager_a's, who did not opt in
        self.assertIn("2 overdue", mails.subject)
