"""Receivables with every awkward case, for the credit and payment analytics.

A company with the generic chart, four customers, invoices dated around ``AS_OF`` and
payments in three journals. Known figures as of ``AS_OF`` (hand-computed, untaxed
invoices, company currency USD):

- shop (limit 10,000, the salesperson's): invoices of 1,000 due on AS_OF (not due),
  100 due 30 days before (1-30; paid 3 days *after* AS_OF), 200 and 300 due 31 and 60
  days before (31-60), 400 and 500 due 61 and 90 days before (61-90), 600 due 91 days
  before with 250 paid (350 over 90); an unreconciled credit note of 150 due 5 days
  before (-150 in 1-30); a draft of 9,999 and an invoice dated after AS_OF do not count.
  Outstanding 2,700, overdue 1,700, 27 % (low). Orders of 900 in the last 90 days:
  DSO 270. Its invoice in another company never counts.
- hotel (limit 1,000, another salesperson's): an invoice of 1,000 EUR (1,250 USD at
  0.8) not due, a payment of 100 not reconciled (-100, 1-30): 1,150, 115 % (over limit).
- cafe (limit 1,000, another salesperson's): an invoice of 850 not due (85 %, high);
  400 invoiced 20 days before AS_OF, paid 12 days later, and 300 invoiced 40 days
  before, paid 100 then 200 the 30th day: days to pay (12 + 30) / 2 = 21.
- school (no limit, nobody's; its invoice to a contact of the school): 500 due 45 days
  before (31-60).
Payments dated in [AS_OF - 60, AS_OF]: Bank 250 + 400, Cash 100 + 200, bKash 100.
"""

from datetime import date, datetime, time, timedelta

from odoo import Command
from odoo.tests import new_test_user

from .common import B2bCommon

AS_OF = date(2026, 6, 30)


def day(offset):
    return AS_OF + timedelta(days=offset)


class CreditCommon(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["ir.config_parameter"].sudo().set_param("smart_dairy_b2b.analytics_timezone", "UTC")
        env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.service = env["b2b.analytics.service"]
        Journal = env["account.journal"]
        cls.bank = Journal.search([("company_id", "=", cls.company.id), ("type", "=", "bank")])[0]
        cls.cash = Journal.search([("company_id", "=", cls.company.id), ("type", "=", "cash")])[0]
        cls.bkash = Journal.create(
            {"name": "bKash", "type": "bank", "code": "BKSH", "company_id": cls.company.id}
        )
        cls.eur = env.ref("base.EUR")
        cls.eur.active = True
        env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 0.8,
                "currency_id": cls.eur.id,
                "company_id": cls.company.id,
            }
        )

        def user(login, groups):
            return new_test_user(
                env,
                login=login,
                groups=groups,
                company_id=cls.company.id,
                company_ids=[Command.set(cls.company.ids)],
            )

        cls.manager = user("credit_manager", "sales_team.group_sale_manager")
        cls.salesperson = cls.manager_a  # manages the shop
        cls.other_salesperson = user("credit_other_sales", "sales_team.group_sale_salesman")
        cls.portal_user = user("credit_portal", "base.group_portal")
        Partner, Customer = env["res.partner"], env["b2b.customer"]
        cls.cafe = Partner.create({"name": "Banani Cafe", "is_company": True})
        cls.school = Partner.create({"name": "Mirpur School", "is_company": True})
        cls.school_office = Partner.create(
            {"name": "School Office", "parent_id": cls.school.id, "type": "invoice"}
        )
        cls.shop_customer.credit_limit = 10_000
        cls.hotel_customer.write({"credit_limit": 1_000, "user_id": cls.other_salesperson.id})
        cls.cafe_customer = Customer.create(
            {
                "partner_id": cls.cafe.id,
                "company_id": cls.company.id,
                "credit_limit": 1_000,
                "user_id": cls.other_salesperson.id,
            }
        )
        cls.school_customer = Customer.create(
            {"partner_id": cls.school.id, "company_id": cls.company.id, "user_id": False}
        )

        shop = cls.shop
        for amount, due in ((1000, 0), (200, -31), (300, -60), (400, -61), (500, -90)):
            cls.invoice(shop, amount, day(due - 30), day(due))
        cls.shop_paid_later = cls.invoice(shop, 100, day(-60), day(-30))
        cls.pay(cls.shop_paid_later, 100, day(3), cls.bkash)
        cls.shop_partly_paid = cls.invoice(shop, 600, day(-121), day(-91))
        cls.pay(cls.shop_partly_paid, 250, day(-20), cls.bank)
        cls.invoice(shop, 150, day(-5), day(-5), move_type="out_refund")
        cls.invoice(shop, 9999, day(-10), day(-10), post=False)
        cls.invoice(shop, 777, day(5), day(35))
        cls.order_on(shop, day(-10), 10)  # 10 x 90 = 900 of revenue

        cls.invoice(cls.hotel, 1000, day(-10), day(10), currency=cls.eur)
        payment = env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.hotel.id,
                "amount": 100,
                "date": day(-3),
                "journal_id": cls.cash.id,
            }
        )
        payment.action_post()
        env["account.payment"].create(  # a draft payment: never counts
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.hotel.id,
                "amount": 5000,
                "date": day(-3),
                "journal_id": cls.bank.id,
            }
        )

        cls.invoice(cls.cafe, 850, day(-5), day(25))
        quick = cls.invoice(cls.cafe, 400, day(-20), day(10))
        cls.pay(quick, 400, day(-8), cls.bank)
        twice = cls.invoice(cls.cafe, 300, day(-40), day(-10))
        cls.pay(twice, 100, day(-35), cls.bkash)
        cls.pay(twice, 200, day(-10), cls.cash)

        cls.invoice(cls.school_office, 500, day(-75), day(-45))

        # The shop in another company, with an invoice there: never in these answers.
        cls.other_company = env["res.company"].create({"name": "Credit Other Dairy"})
        env.user.company_ids |= cls.other_company
        other_env = env(context=dict(env.context, allowed_company_ids=cls.other_company.ids))
        other_env["account.chart.template"].try_loading(
            "generic_coa", company=cls.other_company, install_demo=False
        )
        other_env["b2b.customer"].create(
            {"partner_id": shop.id, "company_id": cls.other_company.id, "credit_limit": 100}
        )
        cls.invoice(shop, 5000, day(-100), day(-100), company=cls.other_company)
        other_payment = other_env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": shop.id,
                "amount": 70,
                "date": day(-3),
                "journal_id": other_env["account.journal"]
                .search([("company_id", "=", cls.other_company.id), ("type", "=", "bank")])[0]
                .id,
            }
        )
        other_payment.action_post()
        env["b2b.sale.facts"]._rebuild()

    @classmethod
    def invoice(
        cls,
        partner,
        amount,
        invoice_date,
        due_date,
        move_type="out_invoice",
        post=True,
        currency=None,
        company=None,
    ):
        company = company or cls.company
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=company.ids))
        move = env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "company_id": company.id,
                "currency_id": (currency or company.currency_id).id,
                "invoice_date": invoice_date,
                "date": invoice_date,
                "invoice_date_due": due_date,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Dairy products",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def pay(cls, invoice, amount, when, journal):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(
            {"amount": amount, "payment_date": when, "journal_id": journal.id}
        )._create_payments()

    @classmethod
    def order_on(cls, partner, when, qty):
        order = cls.make_order(partner, qty=qty)
        order.date_order = datetime.combine(when, time(6))
        return order
