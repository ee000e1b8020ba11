from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestB2bCustomer(B2bCommon):
    def test_order_of_child_contact_belongs_to_customer(self):
        order = self.make_order(self.shop_buyer)
        self.assertEqual(order.b2b_customer_id, self.shop_customer)
        self.assertEqual(self.shop_customer.sale_order_count, 1)

    def test_order_of_other_company_is_not_the_customers(self):
        other = self.env["res.company"].create({"name": "Other Dairy"})
        self.env.user.company_ids |= other
        order = self.make_order(self.shop_buyer, confirm=False, company=other)
        self.assertFalse(order.b2b_customer_id)

    def test_customer_created_after_orders_takes_them(self):
        partner = self.env["res.partner"].create({"name": "Late Mart", "is_company": True})
        order = self.make_order(partner)
        self.assertFalse(order.b2b_customer_id)
        customer = self.env["b2b.customer"].create(
            {"partner_id": partner.id, "company_id": self.company.id}
        )
        self.assertEqual(order.b2b_customer_id, customer)
        customer.unlink()
        self.assertFalse(order.b2b_customer_id)

    def test_thousands_of_customers_in_one_create(self):
        """An import of a customer list: thousands of customers in one create find
        their existing orders (placed by a child contact, in their own company only)
        with a constant number of queries, and a duplicate in the batch is refused."""
        count = 3000
        partners = self.env["res.partner"].create(
            [{"name": f"Import Shop {i:04d}", "is_company": True} for i in range(count)]
        )
        buyers = self.env["res.partner"].create(
            [{"name": f"Buyer {i}", "parent_id": partners[i].id} for i in (0, 1500, count - 1)]
        )
        orders = self.env["sale.order"].browse(
            [self.make_order(buyer, confirm=False).id for buyer in buyers]
        )
        other = self.env["res.company"].create({"name": "Other Dairy"})
        self.env.user.company_ids |= other
        elsewhere = self.make_order(buyers[0], confirm=False, company=other)
        self.assertFalse(orders.b2b_customer_id | elsewhere.b2b_customer_id)

        def customers_of(batch):
            return [{"partner_id": partner.id, "company_id": self.company.id} for partner in batch]

        def queries_to_create(batch):
            before = self.env.cr.sql_log_count
            self.env["b2b.customer"].create(customers_of(batch)).flush_recordset()
            return self.env.cr.sql_log_count - before

        queries_to_create(partners[:10])  # warm the caches
        small = queries_to_create(partners[10:20])
        large = queries_to_create(partners[20:])
        # nothing per customer: 2,980 customers cost the queries of 10, plus Odoo's
        # inserts in batches (a few hundred rows each)
        self.assertLess(large, small + (count - 20) // 50, (small, large))
        customer_of = {
            customer.partner_id: customer
            for customer in self.env["b2b.customer"].search([("partner_id", "in", partners.ids)])
        }
        self.assertEqual(len(customer_of), count)
        for order, index in zip(orders, (0, 1500, count - 1), strict=True):
            self.assertEqual(order.b2b_customer_id, customer_of[partners[index]])
        self.assertFalse(elsewhere.b2b_customer_id, "another company's order stays apart")
        newcomers = self.env["res.partner"].create(
            [{"name": f"New Shop {i}", "is_company": True} for i in range(100)]
        )
        with self.assertRaisesRegex(ValidationError, "Import Shop 0001 is already a B2B customer"):
            self.env["b2b.customer"].create(customers_of(newcomers) + customers_of(partners[1:2]))

    def test_child_contact_as_partner_is_replaced_by_its_company(self):
        self.shop_customer.unlink()
        customer = self.env["b2b.customer"].create(
            {"partner_id": self.shop_buyer.id, "company_id": self.company.id}
        )
        self.assertEqual(customer.partner_id, self.shop)

    def test_tier_recorded_at_confirmation_stays(self):
        order = self.make_order(self.shop)
        self.assertEqual(order.b2b_tier_id, self.bronze)
        self.shop_customer.tier_id = self.gold
        self.assertEqual(order.b2b_tier_id, self.bronze, "a later tier change rewrites history")
        later = self.make_order(self.shop)
        self.assertEqual(later.b2b_tier_id, self.gold)
        quotation = self.make_order(self.shop, confirm=False)
        self.assertFalse(quotation.b2b_tier_id, "quotations have no tier yet")

    def test_duplicate_customer_refused_with_clear_message(self):
        with self.assertRaisesRegex(ValidationError, "already a B2B customer of Test Dairy Co."):
            self.env["b2b.customer"].create(
                {"partner_id": self.shop_buyer.id, "company_id": self.company.id}
            )

    def test_negative_credit_limit_refused_with_clear_message(self):
        with self.assertRaisesRegex(
            ValidationError, "credit limit of Hotel Padma cannot be negative"
        ):
            self.hotel_customer.credit_limit = -5000

    def test_tier_thresholds_out_of_order_refused(self):
        with self.assertRaisesRegex(ValidationError, "Tier thresholds are out of order"):
            self.env["b2b.customer.tier"].create(
                {
                    "name": "Platinum",
                    "code": "PL",
                    "sequence": 4,
                    "min_annual_spend": 500_000,  # less than Gold's 1,000,000
                    "company_id": self.company.id,
                }
            )

    def test_state_workflow(self):
        customer = self.shop_customer
        self.assertEqual(customer.state, "draft")
        with self.assertRaisesRegex(UserError, "must be Pending Approval or Suspended"):
            customer.action_approve()
        customer.action_submit()
        customer.action_approve()
        self.assertEqual(customer.state, "approved")
        customer.action_suspend()
        customer.action_reset_to_draft()
        self.assertEqual(customer.state, "draft")

    def test_portal_user_reads_only_its_own_customer(self):
        portal = new_test_user(
            self.env,
            login="shop_portal",
            groups="base.group_portal",
            partner_id=self.shop_buyer.id,
            company_id=self.company.id,
        )
        Customer = self.env["b2b.customer"].with_user(portal)
        self.assertEqual(Customer.search([]), self.shop_customer)
        self.assertEqual(self.shop_customer.with_user(portal).name, "Rahman General Store")
        with self.assertRaises(AccessError):
            self.hotel_customer.with_user(portal).read(["name"])
        with self.assertRaises(AccessError):
            self.shop_customer.with_user(portal).write({"credit_limit": 1})

    def test_salesperson_reads_own_and_unassigned_customers_only(self):
        Customer = self.env["b2b.customer"].with_user(self.manager_a)
        self.assertEqual(Customer.search([]), self.shop_customer)
        with self.assertRaises(AccessError):
            self.hotel_customer.with_user(self.manager_a).read(["name"])
