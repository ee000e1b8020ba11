"""Who may ask the analytics, what they see of them, and in which currency
(docs/definitions.md, *Currency and visibility*; docs/security.md)."""

import functools
import threading

from odoo import _, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

ANALYTICS_GROUP = "smart_dairy_b2b.group_b2b_user"
MANAGER_GROUP = "smart_dairy_b2b.group_b2b_manager"

# what one call of a public method computes once for all its parts (``_visibility_key``)
_CALL = threading.local()


def analytics_method(method):
    """A public method of the analytics: refused to users outside the B2B Analytics
    user group (portal, public, internal users without sales rights), and to filters
    naming what does not exist (``b2b_analytics_filters.py``)."""

    @functools.wraps(method)
    def public(self, *args, **kwargs):
        self._check_analytics_user()
        self._check_filters()
        if getattr(_CALL, "memo", None) is not None:  # called by another public method
            return method(self, *args, **kwargs)
        _CALL.memo = {}
        try:
            return method(self, *args, **kwargs)
        finally:
            _CALL.memo = None

    return public


class B2bAnalyticsScope(models.AbstractModel):
    """What the current user may see of the analytics, and in which currency.

    Every analytic (report views, service, exports, API) reads the facts through
    these pieces, so no SQL path bypasses the record rules of ``b2b.customer`` or the
    selected companies.
    """

    _name = "b2b.analytics.scope"
    _description = "B2B Analytics Visibility and Currency"

    def _check_analytics_user(self):
        """Only B2B Analytics users (sales users and managers) may ask the analytics;
        portal buyers get their own view from the portal, never from here."""
        if not self.env.su and not self.env.user.has_group(ANALYTICS_GROUP):
            raise AccessError(
                _(
                    "The B2B analytics are for users of the B2B Analytics group (Sales); "
                    "%(user)s is not one.",
                    user=self.env.user.name,
                )
            )

    def _check_analytics_manager(self, action):
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only B2B Analytics managers may %(action)s.", action=action))

    def _visible_customers(self):
        """A subselect of the B2B customers the user may read (record rules and
        allowed companies included; archived customers keep their history)."""
        Customer = self.env["b2b.customer"].with_context(active_test=False)
        return Customer._search([("company_id", "in", self.env.companies.ids)]).subselect()

    def _sees_every_customer(self):
        """Whether no record rule hides a B2B customer of the selected companies: the
        company-wide figures are then the user's own."""
        if self.env.su:
            return True
        return self._once_per_call("sees_every_customer", self._no_customer_hidden)

    def _no_customer_hidden(self):
        Customer = self.env["b2b.customer"].with_context(active_test=False)
        domain = [("company_id", "in", self.env.companies.ids)]
        return Customer.search_count(domain) == Customer.sudo().search_count(domain)

    def _visibility_key(self):
        """Whose customers the user sees, for keys of results kept between calls: the
        query of ``_visible_customers()`` (the selected companies, the record rules as
        they apply to the user, the filters). A change of the customers themselves (one
        approved, or moved to another salesperson) is logged like a change of their
        facts (the trigger on b2b_customer, docs/facts.md): what was kept of them is
        read again."""
        query = self._visible_customers()
        return (query.code, repr(query.params))

    def _once_per_call(self, name, compute):
        """``compute()``, once per call of a public method for this environment and its
        filters (nothing the method itself writes changes it)."""
        memo = getattr(_CALL, "memo", None)
        if memo is None:
            return compute()
        key = (name, self.env.cr, self.env.uid, self.env.su, tuple(self.env.companies.ids))
        key += (self.env.company.id, repr(self.env.context.get("b2b_filters")))
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def _currency_table(self):
        """``currency_table(company_id, rate, precision)``: converts each selected
        company's currency to the current company's, as ``sale.report`` does."""
        return self._once_per_call(
            "currency_table",
            lambda: SQL(
                self.env["res.currency"]._get_query_currency_table(
                    self.env.companies.ids, fields.Date.context_today(self)
                )
            ),
        )

    def _apply_ir_rules(self, query, mode="read"):
        """Models inheriting this scope show only visible customers' rows."""
        result = super()._apply_ir_rules(query, mode)
        if not self.env.su and "customer_id" in self._fields:
            query.add_where(
                SQL(
                    "%s IN %s",
                    SQL.identifier(query.table, "customer_id"),
                    self._visible_customers(),
                )
            )
        return result
