"""17.0.1.5.0: the category rollups (b2b_sale_category_daily and _monthly, by the
products' current categories) that category preferences read. The module's SQL (run on
upgrade) created them empty, with the trigger following a product's category; one pass
over the facts fills them (docs/facts.md gives the time it takes)."""


def migrate(cr, version):
    cr.execute("SELECT b2b_rebuild_category_rollups()")
    cr.execute("ANALYZE b2b_sale_category_daily, b2b_sale_category_monthly")
