"""Tens of thousands of records like one the ORM created: its row copied with PostgreSQL COPY,
the columns that differ from record to record given.

The generator creates the first of a kind (a customer's company contact, one of its people,
a B2B customer) through the ORM, then copies its row for the others: every stored column
(defaults, computed fields, what ``create`` overrides set) is what the ORM stored for it, and
the caller gives those that depend on each record (name, parent, commercial partner, complete
name...). ``tests/test_bulk_records.py`` checks copied records against ORM-created ones.
"""

import io

from psycopg2.extras import Json

from odoo.tools import SQL

from .bulk_writer import _text, copy_rows


def reserve_ids(env, table, count):
    """``count`` new ids from the table's sequence, as ``create`` would take them."""
    if not count:
        return []
    env.cr.execute(
        SQL(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            table,
            count,
        )
    )
    return [row[0] for row in env.cr.fetchall()]


def copy_like(env, table, template_id, rows):
    """COPY ``rows`` (dicts of column values, ``id`` included) into ``table``; the columns a
    row does not give are those of the row ``template_id``."""
    if not rows:
        return
    env.flush_all()  # COPY bypasses the ORM: what it holds must be in the database first
    env.cr.execute(SQL("SELECT * FROM %s WHERE id = %s", SQL.identifier(table), template_id))
    template = env.cr.dictfetchone()
    columns = list(template)
    unknown = set(rows[0]) - set(columns)
    assert not unknown, f"{table} has no column {unknown}"
    copied = {column: _column_text(template[column]) for column in columns}
    buffer = io.StringIO()
    for row in rows:
        buffer.write(
            "\t".join(
                _column_text(row[column]) if column in row else copied[column] for column in columns
            )
        )
        buffer.write("\n")
    copy_rows(env.cr, table, columns, buffer)
    # Statistics that see the rows just copied: the queries that follow in this
    # transaction (constraints, lookups by partner) are planned for tens of thousands of
    # rows, not for the table as it was (a nested loop over 50,000 × 50,000 otherwise).
    env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()


def _column_text(value):
    # jsonb columns (translations, properties) come back as dicts and lists
    return _text(Json(value) if isinstance(value, dict | list) else value)
