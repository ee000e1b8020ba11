"""Who may export, whose exported files are whose, and who may refresh the Customer
Insights (docs/security.md, "Who sees what"; issue 18, findings 1, 2 and 4).

Every check runs as the role: a sales manager who is not a system administrator, a
salesperson seeing their own customers, another of each, and a portal buyer.
"""

import base64
import io

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.b2b_customer_insight import REFRESH_LOCK
from .test_report_export import OCTOBER, ReportExportCase


def role_users(env, company, prefix):
    """A manager, another manager, a salesperson and another one, in ``company``."""

    def user(login, groups):
        return new_test_user(
            env,
            login=f"{prefix}_{login}",
            password=f"{prefix}_{login}",
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    return (
        user("manager", "sales_team.group_sale_manager"),
        user("manager2", "sales_team.group_sale_manager"),
        user("seller", "sales_team.group_sale_salesman"),
        user("seller2", "sales_team.group_sale_salesman"),
    )


@tagged("post_install", "-at_install")
class TestRolesExports(ReportExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager, cls.other_manager, cls.seller, cls.other_seller = role_users(
            cls.env, cls.company, "b2b_role"
        )
        cls.shop_customer.user_id = cls.seller  # the hotel is the admin's
        cls.buyer = new_test_user(
            cls.env,
            login="b2b_role_buyer",
            groups="base.group_portal",
            partner_id=cls.shop_buyer.id,
        )

    def wizard_export(self, user, report="executive", export_format="xlsx"):
        wizard = (
            self.env["b2b.report.export.wizard"]
            .with_user(user)
            .create(
                {
                    "report_type": report,
                    "export_format": export_format,
                    "period": "custom",
                    "date_from": OCTOBER[0],
                    "date_to": OCTOBER[1],
                }
            )
        )
        wizard.action_export()
        return wizard

    # Finding 1: the export buttons ---------------------------------------------------

    def test_managers_and_users_may_export(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        # what the screens asked before: a non-administrator may not read ir.model
        with self.assertRaises(AccessError):
            self.env["ir.model"].with_user(self.manager).search_count([])
        Export = self.env["b2b.report.export.service"]
        self.assertTrue(Export.with_user(self.manager).may_export())
        self.assertTrue(Export.with_user(self.seller).may_export())
        self.assertFalse(Export.with_user(self.buyer).may_export())

        book, _content = self.workbook(
            Export.with_user(self.manager).export_executive_report("xlsx", *OCTOBER)
        )
        top = [row["Customer"] for row in self.table(book["Top Customers"])]
        self.assertEqual(top, ["Rahman General Store", "Hotel Padma"])
        # the salesperson exports what they see: their shop, not the admin's hotel
        book, _content = self.workbook(
            Export.with_user(self.seller).export_executive_report("xlsx", *OCTOBER)
        )
        top = [row["Customer"] for row in self.table(book["Top Customers"])]
        self.assertEqual(top, ["Rahman General Store"])
        kpis = {row["KPI"]: row for row in self.table(book["Key Performance Indicators"])}
        self.assertAlmostEqual(
            kpis["Revenue"]["Value"], self.revenue(*OCTOBER, customer=self.shop_customer)
        )
        # a portal buyer may not export the company's reports over JSON-RPC
        as_buyer = Export.with_user(self.buyer)
        for report in ("executive", "products", "insights", "campaigns"):
            with self.assertRaisesRegex(AccessError, "Only B2B Analytics users"):
                as_buyer.export_report(report, "csv", *OCTOBER)

    # Finding 2: exported files ---------------------------------------------------------

    def test_exported_file_is_its_exporters_alone(self):
        wizard = self.wizard_export(self.manager)
        Wizard = self.env["b2b.report.export.wizard"]
        own = Wizard.with_user(self.manager).search_read([("id", "=", wizard.id)], ["file"])
        self.assertEqual(len(own), 1)
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(own[0]["file"])))
        self.assertIn("Top Customers", book.sheetnames)
        for other in (self.seller, self.other_seller, self.other_manager):
            with self.subTest(user=other.login):
                as_other = Wizard.with_user(other)
                self.assertFalse(as_other.search_read([("id", "=", wizard.id)], ["file"]))
                self.assertFalse(as_other.search([]))
                with self.assertRaises(AccessError):
                    as_other.browse(wizard.id).read(["file", "filename"])
                with self.assertRaises(AccessError):
                    as_other.browse(wizard.id).write({"export_format": "csv"})
        # a salesperson's own export is theirs (and holds their customers only)
        mine = self.wizard_export(self.seller, report="products", export_format="csv")
        self.assertTrue(Wizard.with_user(self.seller).browse(mine.id).read(["file"]))
        with self.assertRaises(AccessError):
            Wizard.with_user(self.manager).browse(mine.id).read(["file"])

    # Finding 4: Customer Insights refresh ------------------------------------------------

    def test_refresh_is_a_managers_action(self):
        Insight = self.env["b2b.customer.insight"]
        for user in (self.seller, self.buyer):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "Only B2B Analytics managers"):
                    Insight.with_user(user).action_refresh()
        self.assertFalse(Insight.sudo().search([("company_id", "=", self.company.id)]))
        Insight.with_user(self.manager).action_refresh()
        rows = Insight.sudo().search([("company_id", "=", self.company.id)])
        self.assertEqual(rows.customer_id, self.shop_customer | self.hotel_customer)
        self.assertEqual(rows.filtered(lambda r: r.customer_id == self.shop_customer).orders_12m, 4)

    def test_refresh_only_replaces_the_selected_companies(self):
        other_company = self.env["res.company"].create({"name": "Other Dairy Co."})
        partner = self.env["res.partner"].create({"name": "Other Shop", "is_company": True})
        other_env = self.env(context=dict(self.env.context, allowed_company_ids=other_company.ids))
        other_customer = other_env["b2b.customer"].create(
            {"partner_id": partner.id, "company_id": other_company.id, "state": "approved"}
        )
        Insight = self.env["b2b.customer.insight"].sudo()
        old = fields.Datetime.to_datetime("2026-01-01 00:00:00")
        stale = Insight.create({"customer_id": other_customer.id, "computed_at": old})
        self.manager.company_ids |= other_company  # may work there, selected only ours
        Insight.with_user(self.manager).with_context(
            allowed_company_ids=self.company.ids
        ).action_refresh()
        self.assertTrue(stale.exists(), "the other company's rows are left alone")
        self.assertEqual(stale.computed_at, old)
        self.assertEqual(
            Insight.search([("company_id", "=", self.company.id)]).customer_id,
            self.shop_customer | self.hotel_customer,
        )

    def test_opening_insights_refreshes_for_managers_only(self):
        Insight = self.env["b2b.customer.insight"]
        action = Insight.with_user(self.seller).action_open()
        self.assertEqual(action["res_model"], "b2b.customer.insight")
        self.assertFalse(
            Insight.sudo().search([("company_id", "=", self.company.id)]),
            "a salesperson's visit computes nothing",
        )
        Insight.with_user(self.manager).action_open()
        self.assertEqual(
            Insight.with_user(self.seller).search([]).customer_id,
            self.shop_customer,
            "the salesperson reads the insights of their customers",
        )


@tagged("post_install", "-at_install")
class TestInsightRefreshConcurrency(ReportExportCase):
    """In a class of its own: its transaction must not hold the refresh lock already."""

    def test_concurrent_refresh_gives_way(self):
        """While another transaction refreshes the company, a second refresh says so
        instead of colliding on the one-row-per-customer constraint."""
        manager = role_users(self.env, self.company, "b2b_lock")[0]
        Insight = self.env["b2b.customer.insight"]
        old = fields.Datetime.to_datetime("2026-01-01 00:00:00")
        before = Insight.sudo().create({"customer_id": self.shop_customer.id, "computed_at": old})
        with self.registry.cursor() as other:
            other.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)", (REFRESH_LOCK, self.company.id)
            )
            self.assertTrue(other.fetchone()[0], "the other transaction refreshes the company")
            with self.assertRaisesRegex(UserError, "being refreshed by someone else"):
                Insight.with_user(manager).action_refresh()
            # the daily refresh leaves the busy company too, and does not fail
            Insight._cron_refresh()
            other.rollback()
        # other companies' rows (the demo's) are not this test's business
        self.assertEqual(Insight.sudo().search([("company_id", "=", self.company.id)]), before)
        self.assertEqual(before.computed_at, old)
        # once the other refresh is over, the company is refreshed
        Insight.with_user(manager).action_refresh()
        self.assertEqual(
            Insight.sudo().search([("company_id", "=", self.company.id)]).customer_id,
            self.shop_customer | self.hotel_customer,
        )


@tagged("post_install", "-at_install")
class TestExportDownloadRoute(HttpCase):
    """/web/content of an exported file answers its exporter only."""

    def test_download_route(self):
        company = self.env["res.company"].create({"name": "Route Dairy Co."})
        manager, other_manager, seller, other_seller = role_users(self.env, company, "b2b_route")
        wizard = (
            self.env["b2b.report.export.wizard"]
            .with_user(manager)
            .with_context(allowed_company_ids=company.ids)
            .create({"report_type": "executive", "export_format": "csv"})
        )
        url = wizard.action_export()["url"]
        self.assertIn(f"model=b2b.report.export.wizard&id={wizard.id}&field=file", url)
        content = base64.b64decode(wizard.file)

        self.authenticate(manager.login, manager.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, content)
        for other in (seller, other_seller, other_manager):
            with self.subTest(user=other.login):
                self.authenticate(other.login, other.login)
                response = self.url_open(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotEqual(response.content, content)
