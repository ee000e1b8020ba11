"""A bulk load of orders (``bulk_load.bulk_load``): the foreign keys and the facts'
triggers are off only inside it, the facts are in step after it, and the post-install
hook's rebuild is skipped only while nothing has changed them since."""

import contextlib
import datetime

from odoo.tests import TransactionCase, tagged

from ..dataset import bulk_writer, orm_loader
from ..dataset.bulk_load import TABLES, bulk_load
from ..dataset.master_data import ensure_master_data
from ..dataset.plan import SMART_DAIRY, PlannedLine, PlannedOrder, build_plan
from .test_dataset import END


@tagged("post_install", "-at_install")
class TestBulkLoad(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = build_plan(42, END, months=2, customers=60, scale=0.05)
        cls.data = ensure_master_data(cls.env, cls.plan)

    def _keys_and_triggers(self):
        self.env.cr.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
                 FROM pg_constraint
                WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])
                ORDER BY 1, 2""",
            [list(TABLES)],
        )
        keys = self.env.cr.fetchall()
        self.env.cr.execute(
            "SELECT tgname, tgenabled FROM pg_trigger WHERE tgname LIKE 'b2b\\_sale\\_%' ORDER BY 1"
        )
        return keys, self.env.cr.fetchall()

    def test_load_then_facts_in_step(self):
        before = self._keys_and_triggers()
        keys, triggers = before
        self.assertGreater(len(keys), 20)
        self.assertEqual(len(triggers), 4)
        self.assertEqual({enabled for _name, enabled in triggers}, {"O"})
        specs = [self.data.order_spec(order) for order in self.plan.orders()]
        self.env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM sale_order")
        [[last_id]] = self.env.cr.fetchall()
        with bulk_load(self.env):
            count, _lines = bulk_writer.write_orders(self.env, specs)
            keys, triggers = self._keys_and_triggers()
            self.assertEqual(keys, [])
            self.assertEqual({enabled for _name, enabled in triggers}, {"D"})
        self.assertEqual(self._keys_and_triggers(), before)
        self.assertEqual(count, len(specs))

        facts = self.env["b2b.sale.facts"]
        self.assertEqual(facts._verify(), [])
        # every line of a confirmed order is a fact (every planned customer is a B2B one)
        self.env.cr.execute("SELECT COUNT(*) FROM b2b_sale_fact WHERE order_id > %s", [last_id])
        [[written_facts]] = self.env.cr.fetchall()
        confirmed_lines = sum(len(spec.lines) for spec in specs if spec.state == "sale")
        self.assertGreater(confirmed_lines, 0)
        self.assertEqual(written_facts, confirmed_lines)

        self.assertTrue(facts._rebuilt_since_last_change())
        line = (
            self.env["sale.order"]
            .search([("id", ">", last_id), ("state", "=", "sale")], limit=1)
            .order_line[:1]
        )
        line.product_uom_qty += 1
        self.assertFalse(facts._rebuilt_since_last_change())
        # a rebuild rolled back (a savepoint: the demo's, when it fails) is forgotten
        with contextlib.suppress(ZeroDivisionError), self.env.cr.savepoint():
            facts._rebuild()
            self.assertTrue(facts._rebuilt_since_last_change())
            raise ZeroDivisionError
        self.assertFalse(facts._rebuilt_since_last_change())

    def test_foreign_currency_prices_by_rate(self):
        """Orders in US dollars on days of one exchange rate share their line prototypes,
        a day of another rate has its own: each order equals the ORM's."""
        export = next(
            c for c in self.plan.customers if c.currency == "USD" and c.company == SMART_DAIRY
        )
        product = self.plan.products[0].key

        def spec(month, day):
            return self.data.order_spec(
                PlannedOrder(
                    customer=export.key,
                    contact=0,
                    date_order=datetime.datetime(2025, month, day, 8, 0),
                    state="sale",
                    lines=(PlannedLine(product, 10, 0.0),),
                )
            )

        specs = [spec(2, 3), spec(3, 20), spec(6, 3)]  # 121.8, 121.8, 122.3 taka a dollar
        orm_orders = orm_loader.create_orders(self.env, specs)
        bulk_writer.write_orders(self.env, specs)
        bulk_orders = self.env["sale.order"].search([("id", ">", max(orm_orders.ids))], order="id")
        fields = ["price_unit", "purchase_price", "price_subtotal", "price_total", "margin"]
        for orm, bulk in zip(orm_orders, bulk_orders, strict=True):
            self.assertEqual(orm.currency_id.name, "USD")
            expected, actual = orm.order_line.read(fields)[0], bulk.order_line.read(fields)[0]
            expected.pop("id"), actual.pop("id")
            self.assertEqual(expected, actual, orm.date_order)
        february, march, june = (order.order_line.price_unit for order in orm_orders)
        self.assertEqual(february, march)
        self.assertNotEqual(march, june)
