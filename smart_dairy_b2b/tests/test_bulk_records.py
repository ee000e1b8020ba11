import dataclasses
import datetime

from odoo.tests import TransactionCase
from odoo.tools import SQL

from ..dataset import customers
from ..dataset.master_data import ensure_master_data
from ..dataset.plan import SMART_DAIRY, build_plan

END = datetime.date(2026, 6, 1)
# Stored as the ORM stores them but for what names a record or its time.
SKIPPED = {
    "id", "parent_id", "commercial_partner_id", "partner_id", "res_id", "create_date", "write_date",
}  # fmt: skip


class _Undo(Exception):
    pass


class TestCopiedCustomersMatchOrm(TransactionCase):
    """The generator's customers copied in bulk (``bulk_records``) are what the ORM
    creates for them: every column of their partners, people and B2B customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = ensure_master_data(
            cls.env, build_plan(42, END, months=2, customers=60, scale=0.05)
        )
        # Customers the master data does not have yet: created once through the ORM (and
        # undone), then by the generator.
        # (keys of their own: on a database with the demo, its customers C0061... exist)
        cls.group = [
            dataclasses.replace(customer, key=f"COPY-{customer.key}")
            for customer in build_plan(42, END, months=2, customers=75, scale=0.05).customers[60:75]
        ]
        cls.company = cls.data.companies[SMART_DAIRY]
        assert {c.company for c in cls.group} == {SMART_DAIRY}
        try:
            with cls.env.cr.savepoint():
                partners = customers._create_partners(
                    cls.env, cls.data.companies, cls.data.users, cls.group
                )
                people = {
                    c.key: p | p.child_ids.sorted("id")
                    for c, p in zip(cls.group, partners, strict=True)
                }
                b2b = cls.env["b2b.customer"].create(
                    [customers._customer_values(cls._with_partners(people), c) for c in cls.group]
                )
                cls.env["ir.property"].with_company(cls.company)._set_multi(
                    "property_product_pricelist",
                    "res.partner",
                    {
                        person.id: cls.data.pricelist(c, c.tier)
                        for c in cls.group
                        for person in people[c.key]
                    },
                )
                cls.orm = {
                    "properties": cls._properties(people),
                    "partners": cls._rows(
                        "res_partner", [p.id for c in cls.group for p in people[c.key]]
                    ),
                    "customers": cls._rows("b2b_customer", b2b.ids),
                    "read": cls._read(people),
                }
                raise _Undo
        except _Undo:
            cls.env.invalidate_all()
        cls.partners = customers.partners(cls.env, cls.data.companies, cls.data.users, cls.group)
        cls.data.partners.update(cls.partners)
        cls.b2b = customers.b2b_customers(cls.env, cls.data, cls.group)

    @classmethod
    def _with_partners(cls, people):
        class Data:
            partners = {(key, i): p for key, ps in people.items() for i, p in enumerate(ps)}
            companies, tiers, users = cls.data.companies, cls.data.tiers, cls.data.users

        return Data

    @classmethod
    def _rows(cls, table, ids):
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "SELECT * FROM %s WHERE id = ANY(%s) ORDER BY array_position(%s, id)",
                SQL.identifier(table),
                ids,
                ids,
            )
        )
        return cls.env.cr.dictfetchall()

    @classmethod
    def _properties(cls, people):
        refs = [f"res.partner,{p.id}" for key in sorted(people) for p in people[key]]
        cls.env.flush_all()
        cls.env.cr.execute(
            "SELECT * FROM ir_property WHERE res_id = ANY(%s)"
            " ORDER BY array_position(%s, res_id), company_id",
            [refs, refs],
        )
        return cls.env.cr.dictfetchall()

    @classmethod
    def _read(cls, people):
        return [
            {
                "display_name": person.display_name,
                "complete_name": person.complete_name,
                "commercial_partner": person.commercial_partner_id.ref,
                "company": person.company_id.name,
                "salesperson": person.user_id.login,
                "active": person.active,
                "customer_rank": person.customer_rank,
                "is_company": person.is_company,
                "children": len(person.child_ids),
                "pricelist": person.with_company(cls.company).property_product_pricelist.name,
            }
            for key in sorted(people)
            for person in people[key]
        ]

    def test_same_partners(self):
        people = {
            c.key: [self.partners[c.key, i] for i in range(len(c.contacts) + 1)] for c in self.group
        }
        self.assertEqual(self._read(people), self.orm["read"])
        rows = self._rows("res_partner", [p.id for c in self.group for p in people[c.key]])
        self.assertEqual(len(rows), len(self.orm["partners"]))
        for orm, copied in zip(self.orm["partners"], rows, strict=True):
            self.assertEqual(
                {k: v for k, v in copied.items() if k not in SKIPPED},
                {k: v for k, v in orm.items() if k not in SKIPPED},
            )
            # relations to their own kind: the same shape
            self.assertEqual(
                copied["commercial_partner_id"] == copied["id"],
                orm["commercial_partner_id"] == orm["id"],
            )
            self.assertEqual(bool(copied["parent_id"]), bool(orm["parent_id"]))
        # the sequence gave their ids: the next partner comes after them
        after = self.env["res.partner"].create({"name": "After the generated ones"})
        self.assertGreater(after.id, max(row["id"] for row in rows))

    def test_same_pricelists(self):
        people = {
            c.key: [self.partners[c.key, i] for i in range(len(c.contacts) + 1)] for c in self.group
        }
        rows = self._properties(people)
        self.assertEqual(len(rows), len(self.orm["properties"]))
        self.assertTrue(rows)
        for orm, copied in zip(self.orm["properties"], rows, strict=True):
            self.assertEqual(
                {k: v for k, v in copied.items() if k not in SKIPPED},
                {k: v for k, v in orm.items() if k not in SKIPPED},
            )
        self.assertEqual(
            sorted({row["res_id"] for row in rows}),
            sorted(f"res.partner,{p.id}" for key in sorted(people) for p in people[key]),
        )

    def test_same_b2b_customers(self):
        rows = self._rows("b2b_customer", [self.b2b[c.key].id for c in self.group])
        self.assertEqual(len(rows), len(self.group))
        for customer, orm, copied in zip(self.group, self.orm["customers"], rows, strict=True):
            self.assertEqual(
                {k: v for k, v in copied.items() if k not in SKIPPED},
                {k: v for k, v in orm.items() if k not in SKIPPED},
            )
            self.assertEqual(copied["partner_id"], self.partners[customer.key, 0].id)
        b2b = self.env["b2b.customer"].browse(row["id"] for row in rows)
        self.assertEqual(b2b.partner_id.mapped("ref"), [c.key for c in self.group])
        self.assertEqual(b2b.mapped("name"), [c.name for c in self.group])
