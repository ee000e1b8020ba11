"""17.0.1.1.0 adds the monthly rollup (b2b_sale_monthly): fill it from the daily one."""


def migrate(cr, version):
    if version:
        cr.execute("SELECT b2b_rebuild_monthly()")
