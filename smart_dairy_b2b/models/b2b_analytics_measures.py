"""Volume and weight next to quantity: what a dairy counts in litres and kilograms.

Computed when read, from the quantity sold times the product's ``volume`` and
``weight`` (converted from the units of measure the database keeps them in, cubic
metres or feet, kilograms or pounds), so the facts tables stay as they are. A product
without a volume or weight adds nothing to those measures (docs/definitions.md).
"""

from odoo import models


class B2bAnalyticsMeasures(models.AbstractModel):
    _inherit = "b2b.analytics.reading"

    def _litres_and_kilos(self, product_ids):
        """{product_id: (litres, kilograms)} of one unit of each product."""
        Template = self.env["product.template"]
        volume_uom = Template._get_volume_uom_id_from_ir_config_parameter()
        weight_uom = Template._get_weight_uom_id_from_ir_config_parameter()
        litre = self.env.ref("uom.product_uom_litre")
        kilogram = self.env.ref("uom.product_uom_kgm")
        products = self.env["product.product"].sudo().with_context(active_test=False)
        return {
            product.id: (
                volume_uom._compute_quantity(product.volume, litre, round=False),
                weight_uom._compute_quantity(product.weight, kilogram, round=False),
            )
            for product in products.browse(product_ids)
        }

    def _with_volume_weight(self, rows):
        """``rows`` (each with product_id and quantity) with ``volume_l`` and
        ``weight_kg``: the quantity times the product's unit volume and weight."""
        units = self._litres_and_kilos([row["product_id"] for row in rows])
        for row in rows:
            litres, kilos = units.get(row["product_id"], (0.0, 0.0))
            row["volume_l"] = row["quantity"] * litres
            row["weight_kg"] = row["quantity"] * kilos
        return rows
