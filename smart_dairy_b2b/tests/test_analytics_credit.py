"""get_credit_analysis and get_payment_preferences against the hand-computed figures of
``credit_common.py``, as a manager who is not an administrator, as a salesperson (own
and unassigned customers only), and with bad arguments."""

from odoo import fields
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import tagged

from .credit_common import AS_OF, CreditCommon, day


@tagged("post_install", "-at_install")
class TestCreditAnalysis(CreditCommon):
    def credit(self, user=None, **kwargs):
        return self.service.with_user(user or self.manager).get_credit_analysis(**kwargs)

    def rows(self, answer):
        return {row["customer_id"]: row for row in answer["customers"]}

    def test_manager_sees_every_customer_as_of_a_date(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        answer = self.credit(as_of=AS_OF.isoformat())
        self.assertEqual(answer["as_of"], "2026-06-30")
        self.assertEqual(answer["currency"], "USD")
        rows = self.rows(answer)
        shop = rows[self.shop_customer.id]
        self.assertAlmostEqual(shop["outstanding"], 2700)
        self.assertAlmostEqual(shop["overdue"], 1700)
        expected_ageing = {
            "not_due": 1000,  # due on AS_OF itself
            "d1_30": 100 - 150,  # due 30 days before, and the credit note
            "d31_60": 200 + 300,  # 31 and 60 days
            "d61_90": 400 + 500,  # 61 and 90 days
            "over_90": 600 - 250,  # 91 days, partly paid
        }
        for bucket, amount in expected_ageing.items():
            self.assertAlmostEqual(shop["ageing"][bucket], amount, msg=bucket)
        self.assertAlmostEqual(shop["utilisation_pct"], 27)
        self.assertEqual(shop["segment"], "low")
        self.assertAlmostEqual(shop["dso"], 2700 / 900 * 90)
        self.assertIsNone(shop["days_to_pay"])

        hotel = rows[self.hotel_customer.id]
        self.assertAlmostEqual(hotel["outstanding"], 1000 / 0.8 - 100)
        self.assertAlmostEqual(hotel["ageing"]["not_due"], 1250)
        self.assertAlmostEqual(hotel["ageing"]["d1_30"], -100)  # the unreconciled payment
        self.assertAlmostEqual(hotel["utilisation_pct"], 115)
        self.assertEqual(hotel["segment"], "over_limit")
        self.assertIsNone(hotel["dso"])  # no sales in the last 90 days

        cafe = rows[self.cafe_customer.id]
        self.assertAlmostEqual(cafe["outstanding"], 850)
        self.assertAlmostEqual(cafe["overdue"], 0)
        self.assertEqual(cafe["segment"], "high")
        self.assertAlmostEqual(cafe["days_to_pay"], (12 + 30) / 2)

        school = rows[self.school_customer.id]
        self.assertAlmostEqual(school["outstanding"], 500)
        self.assertAlmostEqual(school["ageing"]["d31_60"], 500)
        self.assertIsNone(school["credit_limit"])
        self.assertIsNone(school["utilisation_pct"])
        self.assertEqual(school["segment"], "no_limit")

        self.assertEqual(
            [row["customer_id"] for row in answer["customers"]],
            [c.id for c in (self.hotel_customer, self.shop_customer, self.cafe_customer)]
            + [self.school_customer.id],
            "over their limit first, then by outstanding",
        )
        self.assertAlmostEqual(answer["total"]["outstanding"], 2700 + 1150 + 850 + 500)
        self.assertAlmostEqual(answer["total"]["overdue"], 1700 - 100 + 0 + 500)
        self.assertEqual(answer["total"]["customers_over_limit"], 1)
        segments = {row["segment"]: row for row in answer["segments"]}
        self.assertEqual(list(segments), ["over_limit", "high", "medium", "low", "no_limit"])
        self.assertEqual(
            {
                key: (row["customers"], round(row["outstanding"], 2))
                for key, row in segments.items()
            },
            {
                "over_limit": (1, 1150),
                "high": (1, 850),
                "medium": (0, 0),
                "low": (1, 2700),
                "no_limit": (1, 500),
            },
        )

    def test_today_equals_odoos_open_amounts(self):
        """As of today every reconciliation counts: the outstanding is the sum of Odoo's
        amount_residual of the customer's receivable items in its company, searched
        here through the ORM."""
        rows = self.rows(self.credit())
        for customer in (self.shop_customer, self.hotel_customer, self.cafe_customer):
            items = self.env["account.move.line"].search(
                [
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("partner_id.commercial_partner_id", "=", customer.partner_id.id),
                    ("company_id", "=", self.company.id),
                ]
            )
            self.assertAlmostEqual(
                rows[customer.id]["outstanding"], sum(items.mapped("amount_residual"))
            )
        # The shop: its 100 paid after AS_OF, and the 777 invoiced after it.
        self.assertAlmostEqual(rows[self.shop_customer.id]["outstanding"], 2700 - 100 + 777)

    def test_salesperson_sees_own_and_unassigned_customers(self):
        answer = self.credit(self.salesperson, as_of=AS_OF.isoformat())
        self.assertEqual(
            {row["customer_id"] for row in answer["customers"]},
            {self.shop_customer.id, self.school_customer.id},
        )
        self.assertAlmostEqual(answer["total"]["outstanding"], 2700 + 500)
        self.assertEqual(answer["total"]["customers_over_limit"], 0)
        with self.assertRaises(MissingError) as hidden:
            self.credit(self.salesperson, customer_id=self.cafe_customer.id)
        with self.assertRaises(MissingError) as missing:
            self.credit(self.salesperson, customer_id=999_999)
        self.assertEqual(
            str(hidden.exception).replace(str(self.cafe_customer.id), "X"),
            str(missing.exception).replace("999999", "X"),
        )

    def test_one_customer(self):
        answer = self.credit(as_of=AS_OF.isoformat(), customer_id=self.cafe_customer.id)
        self.assertEqual(
            [row["customer_id"] for row in answer["customers"]], [self.cafe_customer.id]
        )
        self.assertAlmostEqual(answer["total"]["outstanding"], 850)

    def test_bad_arguments_are_named(self):
        for kwargs, name in (
            ({"as_of": "30/06/2026"}, "as_of"),
            ({"customer_id": "the shop"}, "customer_id"),
        ):
            with self.assertRaises(UserError) as error:
                self.credit(**kwargs)
            self.assertIn(name, str(error.exception))
        with self.assertRaises(UserError) as error:
            self.service.with_user(self.manager).get_payment_preferences(date_from="June")
        self.assertIn("date_from", str(error.exception))

    def test_portal_user_is_refused(self):
        with self.assertRaises(AccessError):
            self.credit(self.portal_user)
        with self.assertRaises(AccessError):
            self.service.with_user(self.portal_user).get_payment_preferences()


@tagged("post_install", "-at_install")
class TestPaymentPreferences(CreditCommon):
    def preferences(self, user=None, **kwargs):
        return self.service.with_user(user or self.manager).get_payment_preferences(
            date_from=day(-60).isoformat(), date_to=AS_OF.isoformat(), **kwargs
        )

    def methods(self, answer):
        return {row["journal_id"]: row for row in answer["methods"]}

    def test_methods_of_every_customer(self):
        answer = self.preferences()
        self.assertEqual(answer["period"]["date_from"], fields.Date.to_string(day(-60)))
        methods = self.methods(answer)
        # bKash's payment 3 days after AS_OF, the draft and the other company's: not counted
        expected = {
            self.bank.id: (2, 250 + 400),
            self.cash.id: (2, 100 + 200),
            self.bkash.id: (1, 100),
        }
        self.assertEqual(
            {key: (row["payments"], round(row["amount"], 2)) for key, row in methods.items()},
            expected,
        )
        total = 650 + 300 + 100
        self.assertAlmostEqual(methods[self.bank.id]["share_pct"], 650 / total * 100)
        self.assertAlmostEqual(methods[self.cash.id]["avg_amount"], 150)
        self.assertEqual(methods[self.bkash.id]["name"], self.bkash.display_name)
        self.assertEqual(
            [row["journal_id"] for row in answer["methods"]],
            [self.bank.id, self.cash.id, self.bkash.id],
            "by amount",
        )

    def test_one_customer_and_the_salesperson(self):
        cafe = self.methods(self.preferences(customer_id=self.cafe_customer.id))
        self.assertEqual(
            {key: round(row["amount"], 2) for key, row in cafe.items()},
            {self.bank.id: 400, self.cash.id: 200, self.bkash.id: 100},
        )
        own = self.methods(self.preferences(self.salesperson))
        self.assertEqual(
            {key: round(row["amount"], 2) for key, row in own.items()}, {self.bank.id: 250}
        )
        with self.assertRaises(MissingError):
            self.preferences(self.salesperson, customer_id=self.hotel_customer.id)
