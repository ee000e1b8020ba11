/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {formatPeriod} from "./format";
import {utcBounds} from "./periods";
import {errorMessage} from "./server";

const REPORT_ACTIONS = {
  "b2b.analytics": "smart_dairy_b2b.b2b_analytics_action",
  "b2b.product.analytics": "smart_dairy_b2b.b2b_product_analytics_action",
  "b2b.customer.metrics": "smart_dairy_b2b.b2b_customer_metrics_action",
  "sale.order": "sale.action_orders",
};

export function dateDomain(period, field = "date") {
  return [
    [field, ">=", period.dateFrom],
    [field, "<=", period.dateTo],
  ];
}

/**
 * Opens the Odoo list/pivot views behind the analytics with the same period as a
 * domain: the report actions of the addon (their views, search view and help), the
 * sales orders, and the customer analytics screen.
 */
export class Drilldown {
  constructor({action, orm, notification}) {
    this.action = action;
    this.orm = orm;
    this.notification = notification;
  }

  async openReport(model, {name, domain = [], context = {}, viewType} = {}) {
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
      await this.action.doAction({
        type: "ir.actions.act_window",
        name: name || base.name,
        res_model: base.res_model,
        views,
        search_view_id: base.search_view_id,
        help: base.help,
        domain: [...baseDomain, ...domain],
        context: {...baseContext, create: false, ...context},
        target: "current",
      });
    } catch (error) {
      this.notification.add(errorMessage(error), {
        title: _t("Could not open the details"),
        type: "danger",
      });
    }
  }

  /** Sales analysis (b2b.analytics) of a period. */
  openSales(period, {name, domain = [], context = {}, viewType = "pivot"} = {}) {
    return this.openReport("b2b.analytics", {
      name: name || `${_t("Sales")} · ${formatPeriod(period.dateFrom, period.dateTo)}`,
      domain: [...dateDomain(period), ...domain],
      context,
      viewType,
    });
  }

  openProducts(period, {name, domain = [], context = {}, viewType = "pivot"} = {}) {
    return this.openReport("b2b.product.analytics", {
      name:
        name || `${_t("Products")} · ${formatPeriod(period.dateFrom, period.dateTo)}`,
      domain: [...dateDomain(period), ...domain],
      context,
      viewType,
    });
  }

  openCustomerMetrics({name, domain = [], context = {}} = {}) {
    return this.openReport("b2b.customer.metrics", {
      name: name || _t("Customer Metrics"),
      domain,
      context,
      viewType: "list",
    });
  }

  /** Confirmed B2B sales orders dated in the period (analytics timezone). */
  openOrders(period, timezone, {name, domain = []} = {}) {
    const [start, end] = utcBounds(period.dateFrom, period.dateTo, timezone);
    return this.openReport("sale.order", {
      name: name || `${_t("Orders")} · ${formatPeriod(period.dateFrom, period.dateTo)}`,
      domain: [
        ["state", "=", "sale"],
        ["b2b_customer_id", "!=", false],
        ["date_order", ">=", start],
        ["date_order", "<", end],
        ...domain,
      ],
      viewType: "list",
    });
  }

  openCustomerAnalytics(customerId, {name, period} = {}) {
    return this.action.doAction({
      type: "ir.actions.client",
      tag: "smart_dairy_b2b.customer_analytics",
      name: name ? `${name} · ${_t("Analytics")}` : _t("Customer Analytics"),
      params: {
        customer_id: customerId,
        date_from: period?.dateFrom,
        date_to: period?.dateTo,
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
