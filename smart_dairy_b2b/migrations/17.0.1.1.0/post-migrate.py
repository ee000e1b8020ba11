"""17.0.1.1.0 adds the monthly rollup (b2b_sale_monthly) and the product rollup
(b2b_sale_product_daily): fill them from the daily rollup and the facts."""


def migrate(cr, version):
    if version:
        cr.execute("SELECT b2b_rebuild_monthly()")
        cr.execute("SELECT b2b_rebuild_product_daily()")
