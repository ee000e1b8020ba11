/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {formatPeriod} from "./format";
import {utcBounds} from "./periods";
import {errorMessage} from "./server";

const REPORT_ACTIONS = {
  "b2b.analytics": "smart_dairy_b2b.b2b_analytics_action",
  "b2b.product.analytics": "smart_dairy_b2b.b2b_product_analytics_action",
  "b2b.customer.metrics": "smart_dairy_b2b.b2b_customer_metrics_action",
  // the orders with their day in the analytics timezone (views/sale_order_views.xml)
  "sale.order": "smart_dairy_b2b.b2b_sale_order_drilldown_action",
};
// What a drill-down is sorted by when its caller names no measure: the money.
const DEFAULT_ORDER = {
  "b2b.analytics": "revenue desc",
  "b2b.product.analytics": "revenue desc",
  "b2b.customer.metrics": "revenue desc",
  "sale.order": "amount_untaxed desc",
};

export function dateDomain(period, field = "date") {
  return [
    [field, ">=", period.dateFrom],
    [field, "<=", period.dateTo],
  ];
}

// Where each report shows the dashboard's filters: a field of its search view (the
// filter becomes a facet of its own, ``search_default_<field>``) ...
const FILTER_FIELDS = {
  "b2b.analytics": {
    region: "region",
    customer_type: "customer_type",
    tier_id: "customer_tier_id",
    account_manager_id: "account_manager_id",
  },
  "b2b.product.analytics": {
    region: "region",
    customer_type: "customer_type",
    tier_id: "customer_tier_id",
    account_manager_id: "account_manager_id",
    categ_id: "categ_id",
  },
  "b2b.customer.metrics": {
    region: "region",
    customer_type: "customer_type",
    tier_id: "tier_id",
    account_manager_id: "account_manager_id",
  },
};
// ... or a condition inside the period's facet (the sales orders' search view has no
// such fields; a category keeps the orders with a line of it). A filter of several
// values is such a condition on every report (one facet, its values with OR).
const FILTER_PATHS = {
  "sale.order": {
    region: ["b2b_customer_id.region", "in"],
    customer_type: ["b2b_customer_id.customer_type", "in"],
    tier_id: ["b2b_customer_id.tier_id", "in"],
    account_manager_id: ["b2b_customer_id.user_id", "in"],
    categ_id: ["order_line.product_id.categ_id", "child_of"],
  },
};

/**
 * Opens the Odoo list/pivot views behind the analytics on the period and the
 * filters they come from, as facets of the search view the user sees and can remove
 * (the way Odoo's own reports open from a dashboard): the period is one facet, each
 * filter another (``scope.filters``, named by ``scope.labels``); what was clicked
 * (a tier, a product, a customer) stays in the action's domain.
 */
export class Drilldown {
  constructor({action, orm, notification}) {
    this.action = action;
    this.orm = orm;
    this.notification = notification;
  }

  /**
   * ``period``: {dateFrom, dateTo, label?, domain?} shown as a facet (``domain``
   * defaults to the report's date field); ``scope``: {filters, labels}; ``order``
   * ("revenue desc"): the rows' sort, by default the first measure of
   * ``context.pivot_measures`` (the one clicked), largest first.
   */
  async openReport(
    model,
    {name, domain = [], context = {}, viewType, period, scope, order} = {}
  ) {
    try {
      const base = await this.action.loadAction(REPORT_ACTIONS[model]);
      const baseContext = {...(base.context || {})};
      // The dashboard's period replaces the actions' default date filter.
      for (const key of Object.keys(baseContext)) {
        if (key.startsWith("search_default_")) {
          delete baseContext[key];
        }
      }
      const baseDomain = Array.isArray(base.domain) ? base.domain : [];
      let views = base.views;
      if (viewType) {
        views = [
          ...views.filter(([, type]) => type === viewType),
          ...views.filter(([, type]) => type !== viewType),
        ];
      }
      const facets = this.facets(model, period, scope);
      const sort = sortOrder(model, context, order);
      await this.action.doAction(
        {
          type: "ir.actions.act_window",
          name: name || base.name,
          res_model: base.res_model,
          views,
          search_view_id: base.search_view_id,
          help: base.help,
          domain: [...baseDomain, ...domain],
          context: {
            ...baseContext,
            create: false,
            ...facets.context,
            ...context,
            // read by the analyses' pivot (components/drilldown_pivot)
            b2b_pivot_order: sort.pivot,
          },
          target: "current",
        },
        // a list takes its sort from the search model's ``orderBy``
        {props: {dynamicFilters: facets.dynamicFilters, orderBy: sort.list}}
      );
    } catch (error) {
      this.notification.add(errorMessage(error), {
        title: _t("Could not open the details"),
        type: "danger",
      });
    }
  }

  /** The search facets of a period and filters on ``model``. */
  facets(model, period, scope = {}) {
    const fields = FILTER_FIELDS[model] || {};
    const paths = FILTER_PATHS[model] || {};
    const context = {};
    const domain = period ? [...(period.domain || dateDomain(period))] : [];
    const description = period
      ? [
          period.label ||
            `${_t("Period")}: ${formatPeriod(period.dateFrom, period.dateTo)}`,
        ]
      : [];
    for (const [key, value] of Object.entries(scope.filters || {})) {
      const values = Array.isArray(value) ? value : [value];
      if (fields[key] && values.length === 1) {
        context[`search_default_${fields[key]}`] = values[0];
      } else if (fields[key]) {
        domain.push([fields[key], key === "categ_id" ? "child_of" : "in", values]);
        description.push(scope.labels?.[key] || key);
      } else if (paths[key]) {
        domain.push([paths[key][0], paths[key][1], values]);
        description.push(scope.labels?.[key] || key);
      }
    }
    const dynamicFilters = domain.length
      ? [{description: description.join(" · "), domain}]
      : [];
    return {context, dynamicFilters};
  }

  /** Sales analysis (b2b.analytics) of a period; with a category filter, the
   * product lines (b2b.product.analytics), which know the category. */
  openSales(period, {name, domain = [], context = {}, viewType = "pivot", scope} = {}) {
    const title =
      name || `${_t("Sales")} · ${formatPeriod(period.dateFrom, period.dateTo)}`;
    if (scope?.filters?.categ_id?.length) {
      return this.openProducts(period, {
        name: title,
        domain,
        context: productContext(context),
        viewType,
        scope,
      });
    }
    return this.openReport("b2b.analytics", {
      name: title,
      domain,
      context,
      viewType,
      period,
      scope,
    });
  }

  openProducts(
    period,
    {name, domain = [], context = {}, viewType = "pivot", scope} = {}
  ) {
    return this.openReport("b2b.product.analytics", {
      name:
        name || `${_t("Products")} · ${formatPeriod(period.dateFrom, period.dateTo)}`,
      domain,
      context,
      viewType,
      period,
      scope,
    });
  }

  openCustomerMetrics({name, domain = [], context = {}, scope} = {}) {
    return this.openReport("b2b.customer.metrics", {
      name: name || _t("Customer Metrics"),
      domain,
      context,
      viewType: "list",
      scope,
    });
  }

  /** Confirmed B2B sales orders dated in the period in the analytics timezone (the
   * facet says so, the list's Order Day column shows that day), largest first. */
  openOrders(period, timezone, {name, domain = [], scope} = {}) {
    const [start, end] = utcBounds(period.dateFrom, period.dateTo, timezone);
    return this.openReport("sale.order", {
      name: name || `${_t("Orders")} · ${formatPeriod(period.dateFrom, period.dateTo)}`,
      domain: [["state", "=", "sale"], ["b2b_customer_id", "!=", false], ...domain],
      viewType: "list",
      period: {
        ...period,
        label: _t(
          "Ordered %s (dates in %s)",
          formatPeriod(period.dateFrom, period.dateTo),
          timezone || "UTC"
        ),
        domain: [
          ["date_order", ">=", start],
          ["date_order", "<", end],
        ],
      },
      scope,
    });
  }

  /** A customer's screen on ``period``, narrowed by the category filter of
   * ``scope`` when it has one (shown there as a removable facet). */
  openCustomerAnalytics(customerId, {name, period, scope} = {}) {
    return this.action.doAction({
      type: "ir.actions.client",
      tag: "smart_dairy_b2b.customer_analytics",
      name: name ? `${name} · ${_t("Analytics")}` : _t("Customer Analytics"),
      params: {
        customer_id: customerId,
        date_from: period?.dateFrom,
        date_to: period?.dateTo,
        categ_id: scope?.filters?.categ_id,
        categ_label: scope?.labels?.categ_id,
      },
      context: {active_id: customerId, active_model: "b2b.customer"},
    });
  }

  openCustomerForm(customerId) {
    return this.action.doAction({
      type: "ir.actions.act_window",
      res_model: "b2b.customer",
      res_id: customerId,
      views: [[false, "form"]],
      target: "current",
    });
  }
}

/** The sort of a drill-down: ``order`` or the first measure, descending; as the
 * pivot's "measure desc" and the list's ``orderBy``. */
function sortOrder(model, context, order) {
  const measure = context.pivot_measures?.[0];
  const pivot = order || (measure ? `${measure} desc` : DEFAULT_ORDER[model]);
  const [name, direction] = pivot.split(" ");
  return {pivot, list: [{name, asc: direction === "asc"}]};
}

// The sales analysis' pivot measures and groupings on the product lines.
function productContext(context) {
  const measures = {order_count: "order_id", line_count: "__count"};
  const result = {...context};
  if (context.pivot_measures) {
    result.pivot_measures = context.pivot_measures
      .filter((measure) => measure !== "aov")
      .map((measure) => measures[measure] || measure);
  }
  return result;
}
