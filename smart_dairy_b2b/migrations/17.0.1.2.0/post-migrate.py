"""17.0.1.2.0: one rollup cron (b2b_rollup_maintenance_cron) refreshes TimescaleDB's
continuous aggregates or merges the product rollup's delta rows; the cron that only
merged them goes."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    old_cron = env.ref("smart_dairy_b2b.b2b_compact_product_rollup_cron", raise_if_not_found=False)
    if old_cron:
        old_cron.unlink()
