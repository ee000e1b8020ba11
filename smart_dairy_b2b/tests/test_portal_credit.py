"""The buyer's open balance and its ageing on My Analytics, as the portal buyers of
``portal_common.py``, with a payment not yet matched to an invoice: over JSON-RPC, in
the browser (tour), and Odoo's invoice portal showing only the buyer's own invoices."""

from datetime import timedelta

from odoo.tests import HttpCase, tagged

from .portal_common import build_portal_world


@tagged("post_install", "-at_install")
class TestPortalCredit(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        build_portal_world(cls)
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        journal = env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        payment = env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.partners["shop"].id,
                "amount": 35.0,
                "journal_id": journal.id,
                "date": env["b2b.analytics.reading"]._today(),
            }
        )
        payment.action_post()

    def view(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request("/my/analytics/data", {})

    def test_ageing_of_the_buyers_own_items(self):
        invoices = self.view("b2b_portal_shop")["invoices"]
        ageing = {row["bucket"]: row["amount"] for row in invoices["ageing"]}
        # 1,150 less 400 paid, due 30 days ago; the credit note of 115 and the payment
        # of 35 dated today are not due.
        self.assertEqual(
            ageing, {"not_due": -150.0, "d1_30": 750.0, "d31_60": 0, "d61_90": 0, "over_90": 0}
        )
        self.assertAlmostEqual(invoices["open_balance"], 600.0)
        self.assertAlmostEqual(invoices["overdue"], 750.0)
        self.assertEqual([row["label"] for row in invoices["ageing"]][1], "1-30 days")
        hotel = self.view("b2b_portal_hotel")["invoices"]
        self.assertAlmostEqual(hotel["open_balance"], 5750.0)
        self.assertEqual(
            {row["bucket"]: row["amount"] for row in hotel["ageing"]}["not_due"], 5750.0
        )

    def test_invoice_portal_shows_only_own_invoices(self):
        self.authenticate("b2b_portal_shop", "b2b_portal_shop")
        listing = self.url_open("/my/invoices").text
        self.assertIn(self.shop_invoice.name, listing)
        self.assertNotIn(self.hotel_invoice.name, listing)
        self.assertEqual(self.url_open(f"/my/invoices/{self.shop_invoice.id}").status_code, 200)
        other = self.url_open(f"/my/invoices/{self.hotel_invoice.id}", allow_redirects=False)
        self.assertNotEqual(other.status_code, 200)
        self.assertNotIn("Tour Rival Hotel", self.url_open("/my/analytics").text)

    def test_tour(self):
        self.assertEqual(
            self.shop_invoice.invoice_date_due,
            self.env["b2b.analytics.reading"]._today() - timedelta(days=30),
        )
        self.start_tour(
            "/my/analytics", "smart_dairy_b2b_portal_credit_tour", login="b2b_portal_shop"
        )
