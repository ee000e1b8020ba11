"""17.0.1.3.0: the facts gain each counted line's discount and its order's sales team,
campaign, medium and source, and the customer rollups are keyed by them too. The
module's SQL (run on upgrade) added the columns; one rebuild fills them (docs/facts.md
gives the time it takes)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["b2b.sale.facts"]._rebuild()
