"""Category preferences: what the customers buy, by product category
(docs/definitions.md, *Category preferences*).

A descriptive question like those of ``b2b_analytics_descriptive.py``, one pass over the
visible facts through the reading layer.

The category is the product's *current* one: a product moved to another category counts
under the new one for every sale, past ones included. The facts' ``categ_id`` is the
category when the line was last written (no trigger follows a product's category), so
it is not read here: each line's product is joined to its template at read time
(150 products at most in a dairy: a hash join, not a cost).
"""

from odoo import _, models
from odoo.tools import SQL

from ..engine import periods as P
from .b2b_analytics_reading import num


class B2bAnalyticsCategories(models.AbstractModel):
    _inherit = "b2b.analytics.descriptive"

    def _category_preferences(self, start, end, customer=None):
        """Revenue, orders and customers of [start, end] per current product category,
        of ``customer`` (None: every visible customer), by revenue."""
        rows = self._fetch(
            SQL(
                """
                SELECT t.categ_id, SUM(f.revenue) AS revenue,
                       COUNT(DISTINCT f.order_id) AS orders,
                       COUNT(DISTINCT f.customer_id) AS customers
                  FROM %(facts)s f
                  JOIN product_product p ON p.id = f.product_id
                  JOIN product_template t ON t.id = p.product_tmpl_id
                 WHERE f.date BETWEEN %(start)s AND %(end)s
                   AND (%(customer)s::integer IS NULL OR f.customer_id = %(customer)s)
                 GROUP BY t.categ_id
                 ORDER BY revenue DESC, t.categ_id
                """,
                facts=self._facts(),
                start=start,
                end=end,
                customer=customer.id if customer else None,
            )
        )
        names = self._names("product.category", [row["categ_id"] for row in rows])
        total = sum(num(row["revenue"]) for row in rows)
        return {
            "period": self._period_info(start, end),
            "customer_id": customer.id if customer else None,
            "categories": [
                {
                    "category_id": row["categ_id"] or None,
                    "name": names.get(row["categ_id"]) or _("No category"),
                    "revenue": num(row["revenue"]),
                    "orders": row["orders"],
                    "customers": row["customers"],
                    "share_pct": P.safe_ratio(num(row["revenue"]) * 100, total),
                }
                for row in rows
            ],
        }
