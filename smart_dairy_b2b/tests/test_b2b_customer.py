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
