"""The analytics settings (b2b.analytics.settings), changed by a B2B manager who is not
a system administrator (docs/security.md: a manager may "change the analytics
settings"); a salesperson may not."""

from datetime import date, datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import B2bCommon
from .test_roles_exports import role_users

PARAMS = {
    "analytics_timezone": "smart_dairy_b2b.analytics_timezone",
    "discount_rate": "smart_dairy_b2b.discount_rate",
    "retention_fallback": "smart_dairy_b2b.retention_fallback",
}


@tagged("post_install", "-at_install")
class TestAnalyticsSettings(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager, _manager2, cls.seller, _seller2 = role_users(
            cls.env, cls.company, "b2b_settings"
        )
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param(PARAMS["analytics_timezone"], "UTC")
        params.set_param(PARAMS["discount_rate"], "0.1")
        params.set_param(PARAMS["retention_fallback"], "0.85")
        cls.env["b2b.sale.facts"]._rebuild()
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.shop.id,
                "company_id": cls.company.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 3})],
            }
        )
        cls.order.action_confirm()
        # 23:00 UTC on 10 May is 05:00 on 11 May in Dhaka (UTC+6)
        cls.order.date_order = datetime(2026, 5, 10, 23, 0)

    def params(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return {name: get(key) for name, key in PARAMS.items()}

    def fact_dates(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT DISTINCT date FROM b2b_sale_fact WHERE order_id = %s", [self.order.id]
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def settings(self, user, **values):
        return self.env["b2b.analytics.settings"].with_user(user).create(values)

    def test_manager_changes_every_setting(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        self.assertEqual(self.fact_dates(), [date(2026, 5, 10)])
        Settings = self.env["b2b.analytics.settings"].with_user(self.manager)
        self.assertEqual(
            Settings.default_get(list(PARAMS)),
            {"analytics_timezone": "UTC", "discount_rate": 0.1, "retention_fallback": 0.85},
        )
        self.settings(
            self.manager,
            analytics_timezone="Asia/Dhaka",
            discount_rate=0.125,
            retention_fallback=0.8,
        ).execute()
        self.assertEqual(
            self.params(),
            {
                "analytics_timezone": "Asia/Dhaka",
                "discount_rate": "0.125",
                "retention_fallback": "0.8",
            },
        )
        self.assertEqual(self.fact_dates(), [date(2026, 5, 11)], "the facts were rebuilt")
        self.assertEqual(Settings.default_get(["discount_rate"]), {"discount_rate": 0.125})
        self.assertEqual(self.env["b2b.analytics.service"]._discount_rate(), 0.125)
        # the same timezone: the facts are not rebuilt (a tampered fact stays)
        self.env.cr.execute(
            "UPDATE b2b_sale_fact SET date = '2026-05-12' WHERE order_id = %s", [self.order.id]
        )
        self.settings(
            self.manager,
            analytics_timezone="Asia/Dhaka",
            discount_rate=0.09,
            retention_fallback=0.8,
        ).execute()
        self.assertEqual(self.params()["discount_rate"], "0.09")
        self.assertEqual(self.fact_dates(), [date(2026, 5, 12)])

    def test_the_menu_is_the_managers(self):
        menu = self.env.ref("smart_dairy_b2b.b2b_settings_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.manager)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.seller)._visible_menu_ids())

    def test_salesperson_may_not(self):
        before = self.params()
        with self.assertRaises(AccessError):
            self.settings(self.seller, analytics_timezone="Asia/Dhaka", discount_rate=0.2)
        made_by_manager = self.settings(
            self.manager, analytics_timezone="Asia/Dhaka", discount_rate=0.2
        )
        with self.assertRaisesRegex(AccessError, "Only B2B Analytics managers"):
            made_by_manager.with_user(self.seller).execute()
        self.assertEqual(self.params(), before)
        self.assertEqual(self.fact_dates(), [date(2026, 5, 10)])

    def test_bad_values_are_refused(self):
        before = self.params()
        good = {"analytics_timezone": "Asia/Dhaka", "discount_rate": 0.1, "retention_fallback": 0.8}
        refused = (
            ({"discount_rate": 1.0}, r"CLV discount rate must be between 0 and 1 .*not 1\.0"),
            ({"discount_rate": -0.05}, r"CLV discount rate must be between 0 and 1"),
            ({"retention_fallback": 1.2}, r"retention fallback must be between 0 and 1"),
            ({"retention_fallback": -0.1}, r"retention fallback must be between 0 and 1"),
            ({"analytics_timezone": False}, r"Choose the analytics timezone"),
        )
        for bad, message in refused:
            with self.subTest(bad=bad), self.assertRaisesRegex(ValidationError, message):
                self.settings(self.manager, **dict(good, **bad)).execute()
        self.assertEqual(self.params(), before)
        self.assertEqual(self.fact_dates(), [date(2026, 5, 10)])


@tagged("post_install", "-at_install")
class TestAnalyticsSettingsTour(HttpCase):
    def test_manager_saves_the_settings_from_the_menu(self):
        manager = new_test_user(
            self.env,
            login="b2b_settings_tour_manager",
            password="b2b_settings_tour_manager",
            groups="sales_team.group_sale_manager",
        )
        self.assertFalse(manager.has_group("base.group_system"))
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(PARAMS["discount_rate"], "0.1")
        root = self.env.ref("smart_dairy_b2b.b2b_analytics_menu_root")
        self.env["b2b.analytics.model.fit"].search([]).unlink()
        self.start_tour(f"/web#menu_id={root.id}", "b2b_settings_tour", login=manager.login)
        self.assertEqual(params.get_param(PARAMS["discount_rate"]), "0.12")
        # the button refitted the model of the manager's company
        fit = self.env["b2b.analytics.model.fit"].search(
            [("company_id", "=", manager.company_id.id)]
        )
        self.assertEqual(fit.fitted_on, self.env["b2b.analytics.reading"]._today())
