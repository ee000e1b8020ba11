"""The dashboard-wide filters (docs/definitions.md, *Filters*): region, customer type,
tier, account manager and product category, carried in the context as ``b2b_filters``
(``{"region": "dhaka", "tier_id": [3, 4], ...}``, a value or a list of values per key).

They are applied once, here and in the reading layer: the customer filters narrow the
visible customers (``_visible_customers``), so every question reading the facts,
rollups or customers is narrowed the same way; the category filter narrows the lines
(``_category_lines``). Company-wide populations (RFM ranks, the model fit, measured
retention) are read through ``_company_wide()``, which drops them.
"""

from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .analytics_params import MAX_RECORD_ID, is_absent
from .b2b_customer import CUSTOMER_TYPES, REGIONS

FILTERS_KEY = "b2b_filters"
# key -> (b2b.customer field, selection keys or the model of the ids)
CUSTOMER_FILTERS = {
    "region": ("region", [key for key, _label in REGIONS]),
    "customer_type": ("customer_type", [key for key, _label in CUSTOMER_TYPES]),
    "tier_id": ("tier_id", "b2b.customer.tier"),
    "account_manager_id": ("user_id", "res.users"),
}
CATEGORY_FILTER = "categ_id"
FILTER_KEYS = (*CUSTOMER_FILTERS, CATEGORY_FILTER)


def parse_filters(filters):
    """``filters`` (a dict, or absent) as ``{key: tuple of values}`` without the empty
    ones; an unknown key or a value of the wrong kind raises a UserError naming it."""
    if is_absent(filters) or filters == {}:
        return {}
    if not isinstance(filters, dict):
        raise UserError(_('filters must be an object such as {"region": "dhaka"}.'))
    unknown = sorted(str(key) for key in filters if key not in FILTER_KEYS)
    if unknown:
        raise UserError(
            _(
                "Unknown filter %(keys)s; the filters are %(known)s.",
                keys=", ".join(unknown),
                known=", ".join(FILTER_KEYS),
            )
        )
    parsed = {}
    for key in FILTER_KEYS:
        value = filters.get(key)
        if is_absent(value) or value == []:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        kind = CUSTOMER_FILTERS[key][1] if key in CUSTOMER_FILTERS else "product.category"
        if isinstance(kind, list):
            wrong = [v for v in values if not isinstance(v, str) or v not in kind]
        else:
            wrong = [
                v
                for v in values
                if isinstance(v, bool) or not isinstance(v, int) or not 0 < v <= MAX_RECORD_ID
            ]
        if wrong:
            raise UserError(
                _(
                    "Filter %(key)s: %(values)s is not valid; expected %(expected)s.",
                    key=key,
                    values=", ".join(map(repr, wrong)),
                    expected=", ".join(kind) if isinstance(kind, list) else _("record ids"),
                )
            )
        parsed[key] = tuple(sorted(set(values)))
    return parsed


class B2bAnalyticsFilters(models.AbstractModel):
    _inherit = "b2b.analytics.scope"

    def _filters(self):
        """The checked filters of the context (``{}``: none)."""
        return parse_filters(self.env.context.get(FILTERS_KEY))

    def _check_filters(self):
        """Refuses filters naming records that do not exist or that the user may not
        read (the same answer for both), before anything is computed."""
        filters = self._filters()
        for key, value in filters.items():
            model = CUSTOMER_FILTERS[key][1] if key in CUSTOMER_FILTERS else "product.category"
            if isinstance(model, list):
                continue
            Model = self.env[model].with_context(active_test=False)
            domain = [("id", "in", list(value))]
            if model == "b2b.customer.tier":
                domain.append(("company_id", "in", [*self.env.companies.ids, False]))
            missing = set(value) - set(Model.search(domain).ids)
            if missing:
                raise UserError(
                    _(
                        "Filter %(key)s: no record %(ids)s is available to you.",
                        key=key,
                        ids=", ".join(map(str, sorted(missing))),
                    )
                )

    def _customer_filter_domain(self):
        """The customer filters as a domain on ``b2b.customer``."""
        return [
            (CUSTOMER_FILTERS[key][0], "in", list(value))
            for key, value in self._filters().items()
            if key in CUSTOMER_FILTERS
        ]

    def _visible_customers(self):
        domain = self._customer_filter_domain()
        if not domain:
            return super()._visible_customers()
        Customer = self.env["b2b.customer"].with_context(active_test=False)
        return Customer._search([("company_id", "in", self.env.companies.ids), *domain]).subselect()

    def _visibility_key(self):
        # the category filter narrows the lines, not the customers
        return (*super()._visibility_key(), tuple(sorted(self._filters().items())))

    def _filtered_categories(self):
        """The ids of the filtered categories and their subcategories (a tuple); None
        without a category filter."""
        categories = self._filters().get(CATEGORY_FILTER)
        if not categories:
            return None
        tree = self.env["product.category"].sudo().search([("id", "child_of", list(categories))])
        return tuple(tree.ids)

    def _category_lines(self):
        """SQL condition on a fact row ``f``: its product is in the filtered categories
        (their subcategories included); None without a category filter."""
        categories = self._filtered_categories()
        if not categories:
            return None
        return SQL(
            "f.product_tmpl_id IN (SELECT id FROM product_template WHERE categ_id IN %s)",
            categories,
        )

    def _filters_label(self):
        """The filters in words ("Region: Dhaka · Tier: Gold"), "" without any."""
        parts = []
        for key, values in self._filters().items():
            if key in CUSTOMER_FILTERS:
                field_name, kind = CUSTOMER_FILTERS[key]
                field = self.env["b2b.customer"]._fields[field_name]
            else:
                field, kind = None, "product.category"
            if isinstance(kind, list):
                labels = dict(field._description_selection(self.env))
                names = [labels[value] for value in values]
            else:
                records = self.env[kind].sudo().with_context(active_test=False).browse(values)
                names = records.mapped("display_name")
            title = field.get_description(self.env)["string"] if field else _("Product Category")
            parts.append(f"{title}: {', '.join(names)}")
        return " · ".join(parts)

    def _company_wide(self):
        """Superuser, without the filters: for figures ranking or fitting the whole
        population of the selected companies (whoever looks at them)."""
        return self.sudo().with_context(**{FILTERS_KEY: None})
