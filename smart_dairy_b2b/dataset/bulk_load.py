"""A load of thousands of orders by the bulk writer (``bulk_writer``), in one transaction:
the foreign keys and the facts' triggers are off while it writes, checked and rebuilt once
at its end."""

from contextlib import contextmanager

from odoo.tools import SQL

TABLES = ("sale_order", "sale_order_line", "account_tax_sale_order_line_rel")  # it fills


@contextmanager
def bulk_load(env):
    """Around a load of thousands of orders (the demo, the generator), in its transaction:
    the foreign keys of the tables written are dropped while it writes and added back at
    its end, each checked in one pass over its table instead of row by row (PostgreSQL's
    advice for populating a database); the facts' triggers are off and the facts rebuilt
    once (``b2b.sale.facts._bulk_load()``); then fresh planner statistics. DDL is
    transactional: an error that rolls the load back restores the keys and triggers."""
    with env["b2b.sale.facts"]._bulk_load():
        env.flush_all()
        keys = _foreign_keys(env)
        for table, name, _definition in keys:
            env.cr.execute(
                SQL(
                    "ALTER TABLE %s DROP CONSTRAINT %s",
                    SQL.identifier(table),
                    SQL.identifier(name),
                )
            )
        yield
        env.flush_all()
        for table, name, definition in keys:
            # the definition is PostgreSQL's own text of the constraint dropped above
            env.cr.execute(
                SQL(
                    "ALTER TABLE %s ADD CONSTRAINT %s %s",
                    SQL.identifier(table),
                    SQL.identifier(name),
                    SQL(definition),
                )
            )
        analyze(env)


def _foreign_keys(env):
    """(table, name, definition) of the foreign keys of the tables the writer fills."""
    env.cr.execute(
        """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
             FROM pg_constraint
            WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])
            ORDER BY 1, 2""",
        [list(TABLES)],
    )
    return env.cr.fetchall()


def analyze(env):
    """Fresh planner statistics of the tables the bulk writer fills."""
    env.cr.execute(SQL("ANALYZE %s", SQL(", ").join(SQL.identifier(table) for table in TABLES)))
