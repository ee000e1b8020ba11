"""The analytics service's test data: two companies' orders with every awkward line, and
the naive computation the tests compare the service with.

The naive side walks the ORM records line by line and applies docs/definitions.md in
plain Python (``expected_lines``); it shares no SQL with the facts.
"""

import pytz

from odoo import Command

from .common import B2bCommon

TZ = "Asia/Dhaka"


def local_date(order):
    return pytz.utc.localize(order.date_order).astimezone(pytz.timezone(TZ)).date()


def expected_lines(orders):
    """Counted lines as (order, line, date, revenue, cost, qty) by the definitions."""
    result = []
    for order in orders:
        if order.state != "sale" or not order.b2b_customer_id:
            continue
        for line in order.order_line:
            if line.display_type or line.is_downpayment:
                continue
            rate = order.currency_rate or 1.0
            qty = line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
            result.append(
                (
                    order,
                    line,
                    local_date(order),
                    line.price_subtotal / rate,
                    line.purchase_price * line.product_uom_qty / rate,
                    qty,
                )
            )
    return result


class AnalyticsCommon(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("smart_dairy_b2b.analytics_timezone", TZ)
        cls.env["b2b.sale.facts"]._rebuild()
        cls.service = cls.env["b2b.analytics.service"]
        cls.company.country_id = cls.env.ref("base.bd")
        tax_group = cls.env["account.tax.group"].create(
            {"name": "VAT", "company_id": cls.company.id}
        )
        cls.tax = cls.env["account.tax"].create(
            {
                "name": "VAT 15%",
                "amount": 15,
                "type_tax_use": "sale",
                "company_id": cls.company.id,
                "tax_group_id": tax_group.id,
                "country_id": cls.company.country_id.id,
            }
        )
        cls.yogurt = cls.env["product.product"].create(
            {
                "name": "Mishti Doi 500g",
                "list_price": 120.0,
                "standard_price": 80.0,
                "taxes_id": [Command.set(cls.tax.ids)],
            }
        )
        cls.ghee = cls.env["product.product"].create(
            {"name": "Ghee 400g", "list_price": 650.0, "standard_price": 500.0}
        )
        cls.dozen = cls.env.ref("uom.product_uom_dozen")
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.env["res.currency.rate"].create(
            {
                "name": "2020-01-01",
                "rate": 0.8,
                "currency_id": cls.eur.id,
                "company_id": cls.company.id,
            }
        )
        cls.eur_pricelist = cls.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": cls.eur.id, "company_id": cls.company.id}
        )
        cls.school = cls.env["res.partner"].create({"name": "Dhaka School", "is_company": True})
        cls.school_customer = cls.env["b2b.customer"].create(
            {
                "partner_id": cls.school.id,
                "customer_type": "institution",
                "region": "dhaka",
                "user_id": False,
                "company_id": cls.company.id,
            }
        )
        cls.orders = cls.env["sale.order"]
        # March 2026 (Dhaka): the shop orders three times, the hotel once.
        cls.add_order(
            cls.shop_buyer, "2026-03-02 03:00:00", [(cls.product, 10, 0), (cls.yogurt, 5, 10)]
        )
        cls.add_order(cls.shop, "2026-03-15 05:00:00", [(cls.product, 25, 0)], sections=True)
        cls.add_order(
            cls.shop,
            "2026-03-20 04:00:00",
            [(cls.yogurt, qty, qty % 3 * 5) for qty in range(1, 26)],  # 25 lines
            lock=True,
        )
        cls.add_order(
            cls.hotel, "2026-03-10 08:00:00", [(cls.ghee, 4, 0)], pricelist=cls.eur_pricelist
        )
        # 2026-03-31 19:30 UTC is 1 April 01:30 in Dhaka: an April order.
        cls.add_order(cls.hotel, "2026-03-31 19:30:00", [(cls.ghee, 2, 0), (cls.product, 1, 0)])
        cls.add_order(cls.shop, "2026-04-03 02:00:00", [(cls.product, 1, 0)], uom=cls.dozen)
        cls.add_order(cls.school, "2026-04-05 02:00:00", [(cls.ghee, 1, 0)], downpayment=True)
        # Never counted: a quotation and a cancelled order.
        cls.add_order(cls.shop, "2026-03-05 02:00:00", [(cls.ghee, 100, 0)], state="draft")
        cls.add_order(cls.hotel, "2026-03-06 02:00:00", [(cls.ghee, 100, 0)], state="cancel")
        # A customer of another company, not selected.
        cls.other_company = cls.env["res.company"].create({"name": "Chattogram Dairy"})
        cls.env.user.company_ids |= cls.other_company
        cls.other_partner = cls.env["res.partner"].create({"name": "Port Cafe", "is_company": True})
        cls.other_customer = cls.env["b2b.customer"].create(
            {"partner_id": cls.other_partner.id, "company_id": cls.other_company.id}
        )
        cls.add_order(
            cls.other_partner, "2026-03-12 02:00:00", [(cls.ghee, 3, 0)], company=cls.other_company
        )

    @classmethod
    def add_order(
        cls,
        partner,
        when,
        lines,
        state="sale",
        pricelist=None,
        sections=False,
        lock=False,
        uom=None,
        downpayment=False,
        company=None,
    ):
        company = company or cls.company
        line_commands = [
            Command.create(
                {
                    "product_id": product.id,
                    "product_uom_qty": qty,
                    "discount": discount,
                    **({"product_uom": uom.id} if uom else {}),
                }
            )
            for product, qty, discount in lines
        ]
        if sections:
            line_commands[:0] = [
                Command.create({"display_type": "line_section", "name": "Fresh"}),
                Command.create({"display_type": "line_note", "name": "Deliver before 7am"}),
            ]
        vals = {"partner_id": partner.id, "company_id": company.id, "order_line": line_commands}
        if pricelist:
            vals["pricelist_id"] = pricelist.id
        order = cls.env["sale.order"].with_company(company).create(vals)
        if state in ("sale", "cancel"):
            order.action_confirm()
        if state == "cancel":
            order._action_cancel()
        if downpayment:
            order.order_line = [
                Command.create(
                    {
                        "name": "Down payment",
                        "product_id": cls.ghee.id,
                        "product_uom_qty": 1,
                        "price_unit": 5000,
                        "is_downpayment": True,
                    }
                )
            ]
        order.date_order = when
        if lock:
            order.action_lock()
        cls.orders |= order
        return order

    # Helpers -------------------------------------------------------------------------

    def expected(self, date_from, date_to, customer=None):
        rows = [
            row
            for row in expected_lines(self.orders)
            if date_from <= row[2] <= date_to
            and row[0].company_id == self.company
            and (not customer or row[0].b2b_customer_id == customer)
        ]
        orders = {row[0] for row in rows}
        revenue = sum(row[3] for row in rows)
        return {
            "revenue": revenue,
            "orders": len(orders),
            "margin": revenue - sum(row[4] for row in rows),
            "customers": {order.b2b_customer_id for order in orders},
            "rows": rows,
        }

    def assertMoney(self, actual, expected, msg=None):
        self.assertAlmostEqual(actual, expected, places=4, msg=msg)

    def dashboard(self, **kwargs):
        return self.service.get_executive_dashboard(**kwargs)

    # Tests ---------------------------------------------------------------------------
