"""The uninstall hook removes every relation, function and trigger of the analytics SQL,
on plain PostgreSQL and on TimescaleDB alike (run inside the test's transaction, which
is rolled back)."""

from odoo.tests import TransactionCase, tagged

from .. import uninstall_hook


@tagged("post_install", "-at_install")
class TestUninstall(TransactionCase):
    def leftovers(self):
        self.env.cr.execute(
            """SELECT relname FROM pg_class
                WHERE relname LIKE 'b2b\\_sale\\_%%' OR relname LIKE 'b2b\\_rollup\\_%%'
                   OR relname = 'b2b_facts_version'
               UNION ALL
               SELECT proname FROM pg_proc WHERE proname LIKE 'b2b\\_%%'
               UNION ALL
               SELECT tgname FROM pg_trigger WHERE tgname LIKE 'b2b\\_%%'"""
        )
        return sorted(name for (name,) in self.env.cr.fetchall())

    def test_uninstall_hook_leaves_nothing(self):
        self.assertIn("b2b_sale_fact", self.leftovers())
        uninstall_hook(self.env)
        self.assertEqual(self.leftovers(), [])
