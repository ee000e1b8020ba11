"""A dairy of its own for the portal tests: two B2B customers with buyers on the portal,
taxed orders, and invoices, a partial payment and a credit note.

Known figures (hand-computed; taxes 15 %):
- shop: orders of 8 x 250 (2,000) and 4 x 250 + 10 x 60 (1,600): 3,600 before taxes,
  4,140 with taxes, 2 orders; a quotation and a cancelled order that do not count;
- shop's invoices: 1,000 + tax = 1,150, 400 paid, due 30 days ago (750 overdue); a
  credit note of 100 + tax = 115; a draft invoice that does not count: open balance
  750 - 115 = 635;
- hotel: one order of 30 x 250 and an invoice of 5,000 + tax: never in the shop's view.
"""

from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

SHOP_SPEND_UNTAXED = 3600.0
SHOP_SPEND_TOTAL = 4140.0
SHOP_OPEN_BALANCE = 635.0
SHOP_OVERDUE = 750.0
# What the dairy knows about its customers and a buyer must never read.
INTERNAL_WORDS = (
    "margin",
    "cost",
    "clv",
    "lifetime",
    "rfm",
    "segment",
    "recency",
    "alive",
    "churn",
    "at risk",
    "retention",
    "purchase_price",
    "population",
)


def build_portal_world(cls):
    """Sets, on the test class: company, customers, buyers, loner, orders, invoices."""
    env = cls.env(context=dict(cls.env.context, tracking_disable=True))
    cls.company = env["res.company"].create({"name": "Portal Test Dairy"})
    env.user.company_ids |= cls.company
    env = env(context=dict(env.context, allowed_company_ids=cls.company.ids))
    env["account.chart.template"].try_loading(
        "generic_coa", company=cls.company, install_demo=False
    )
    cls.tax = env["account.tax"].create(
        {
            "name": "Portal VAT 15%",
            "amount": 15,
            "amount_type": "percent",
            "type_tax_use": "sale",
            "company_id": cls.company.id,
        }
    )
    Tier = env["b2b.customer.tier"]
    cls.silver = Tier.create(
        {"name": "Portal Silver", "code": "PSV", "sequence": 1, "company_id": cls.company.id}
    )
    cls.gold = Tier.create(
        {
            "name": "Portal Gold",
            "code": "PGD",
            "sequence": 2,
            "min_annual_spend": 10000,
            "company_id": cls.company.id,
        }
    )
    Product = env["product.product"]
    cls.cheese = Product.create(
        {"name": "Portal Cheese 200g", "list_price": 250.0, "taxes_id": [Command.set(cls.tax.ids)]}
    )
    cls.milk = Product.create(
        {"name": "Portal Milk 1L", "list_price": 60.0, "taxes_id": [Command.set(cls.tax.ids)]}
    )
    cls.partners, cls.customers, cls.users = {}, {}, {}
    for key, name in (("shop", "Tour Dairy Shop"), ("hotel", "Tour Rival Hotel")):
        partner = env["res.partner"].create({"name": name, "is_company": True})
        contact = env["res.partner"].create(
            {"name": f"{name} buyer", "parent_id": partner.id, "email": f"{key}@portal.test"}
        )
        cls.partners[key] = partner
        cls.customers[key] = env["b2b.customer"].create(
            {
                "partner_id": partner.id,
                "tier_id": cls.silver.id,
                "company_id": cls.company.id,
                "customer_type": "retailer",
                "state": "approved",
            }
        )
        cls.users[key] = new_test_user(
            env,
            login=f"b2b_portal_{key}",
            groups="base.group_portal",
            partner_id=contact.id,
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
    cls.loner = new_test_user(
        env,
        login="b2b_portal_loner",
        groups="base.group_portal",
        company_id=cls.company.id,
        company_ids=[Command.set(cls.company.ids)],
    )

    def order(key, lines, confirm=True):
        sale = env["sale.order"].create(
            {
                "partner_id": cls.partners[key].id,
                "company_id": cls.company.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines
                ],
            }
        )
        if confirm:
            sale.action_confirm()
        return sale

    cls.shop_orders = order("shop", [(cls.cheese, 8)]) | order(
        "shop", [(cls.cheese, 4), (cls.milk, 10)]
    )
    order("shop", [(cls.cheese, 1000)], confirm=False)  # a quotation
    order("shop", [(cls.milk, 500)]).with_context(disable_cancel_warning=True)._action_cancel()
    cls.hotel_orders = order("hotel", [(cls.cheese, 30)])

    # the analytics' today (its timezone, Asia/Dhaka in the tests), what the ageing is
    # counted from: the user's (UTC) is a day behind after 18:00 UTC
    today = env["b2b.analytics.reading"]._today()

    def invoice(key, price, move_type="out_invoice", post=True, invoice_date=None):
        move = env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": cls.partners[key].id,
                "company_id": cls.company.id,
                "invoice_date": invoice_date or today,
                "invoice_date_due": invoice_date or today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.cheese.id,
                            "quantity": 1,
                            "price_unit": price,
                            "tax_ids": [Command.set(cls.tax.ids)],
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    cls.shop_invoice = invoice("shop", 1000.0, invoice_date=today - timedelta(days=30))
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=cls.shop_invoice.ids
    ).create({"amount": 400.0})._create_payments()
    cls.shop_credit_note = invoice("shop", 100.0, move_type="out_refund")
    invoice("shop", 777.0, post=False)  # a draft
    cls.hotel_invoice = invoice("hotel", 5000.0)
