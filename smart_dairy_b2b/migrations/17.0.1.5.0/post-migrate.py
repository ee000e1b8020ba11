"""17.0.1.5.0:

- the category rollups (b2b_sale_category_daily and _monthly, by the products' current
  categories) that category preferences read. The module's SQL (run on upgrade) created
  them empty, with the trigger following a product's category; one pass over the facts
  fills them (docs/facts.md gives the time it takes);
- the model's parameters, stored per company from this version on
  (``b2b.analytics.model.fit``): fitted once here, so an upgraded database predicts at
  once instead of answering "not fitted" until the daily cron's first run."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute("SELECT b2b_rebuild_category_rollups()")
    cr.execute("ANALYZE b2b_sale_category_daily, b2b_sale_category_monthly")
    api.Environment(cr, SUPERUSER_ID, {})["b2b.analytics.model.fit"]._cron_refit()
