from datetime import datetime

from odoo import Command
from odoo.tests import HttpCase, tagged

from .tour_common import tour_company


@tagged("post_install", "-at_install")
class TestDealsTour(HttpCase):
    """The Discounts and Channels & Campaigns screens in a browser, as a sales manager
    who is not a system administrator and as a salesperson who sees only their
    customers, on orders of this month in a company of their own."""

    def setUp(self):
        super().setUp()
        company, env = tour_company(self, "Deals Tour Dairy", "deals_tour", "base.USD")
        Tier = env["b2b.customer.tier"]
        bronze = Tier.create(
            {"name": "Bronze", "code": "DB", "sequence": 1, "company_id": company.id}
        )
        gold = Tier.create(
            {
                "name": "Gold",
                "code": "DG",
                "sequence": 2,
                "discount_percent": 5,
                "company_id": company.id,
            }
        )
        product = env["product.product"].create(
            {"name": "Deals Lassi 250ml", "list_price": 100.0, "taxes_id": False}
        )
        van = env["crm.team"].create({"name": "Tour Van Sales", "company_id": company.id})
        key_accounts = env["crm.team"].create(
            {"name": "Tour Key Accounts", "company_id": company.id}
        )
        lassi = env["utm.campaign"].create({"name": "Tour Lassi Push"})
        now = datetime.now().replace(microsecond=0)
        for name, tier, manager, qty, discount, team, campaign in (
            ("Deals Agora", bronze, self.seller, 10, 10, van, False),
            ("Deals Hotel", gold, self.manager, 5, 0, key_accounts, lassi),
        ):
            partner = env["res.partner"].create({"name": name, "is_company": True})
            env["b2b.customer"].create(
                {
                    "partner_id": partner.id,
                    "tier_id": tier.id,
                    "user_id": manager.id,
                    "company_id": company.id,
                    "state": "approved",
                }
            )
            sale = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "team_id": team.id,
                    "campaign_id": campaign and campaign.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": qty,
                                "price_unit": 100.0,
                                "discount": discount,
                            }
                        )
                    ],
                }
            )
            sale.action_confirm()
            sale.date_order = now

    def test_manager_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_discounts_action",
            "b2b_deals_tour",
            login=self.manager.login,
        )

    def test_salesperson_tour(self):
        self.start_tour(
            "/web#action=smart_dairy_b2b.b2b_channels_action",
            "b2b_deals_salesperson_tour",
            login=self.seller.login,
        )
