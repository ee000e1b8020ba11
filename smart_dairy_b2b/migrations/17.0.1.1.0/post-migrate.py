"""17.0.1.1.0 adds the monthly rollup (b2b_sale_monthly) and the product rollup
(b2b_sale_product_daily): fill them from the daily rollup and the facts (plain
PostgreSQL; with TimescaleDB they are continuous aggregates, filled by their refresh)."""


def migrate(cr, version):
    cr.execute("SELECT to_regprocedure('b2b_rebuild_monthly()') IS NOT NULL")
    if version and cr.fetchone()[0]:
        cr.execute("SELECT b2b_rebuild_monthly()")
        cr.execute("SELECT b2b_rebuild_product_daily()")
