/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {formatMonth, formatPeriod} from "../utils/format";
import {addMonths, daysBetween, monthBounds} from "../utils/periods";
import {ANALYTICS_SERVICE, errorMessage} from "../utils/server";

// The sales analysis pivot's measures behind each money KPI.
const KPI_MEASURES = {
  revenue: ["revenue", "order_count"],
  aov: ["aov", "revenue", "order_count"],
  gross_margin: ["margin", "revenue"],
  margin_pct: ["margin_pct", "margin", "revenue"],
};
// The customer KPIs whose customers the server lists (get_kpi_customers).
const CUSTOMER_SET_KPIS = [
  "new_customers",
  "repeat_purchase_rate",
  "retention_rate",
  "churned_customers",
];
const BY_CUSTOMER = {
  pivot_measures: ["revenue", "order_count"],
  pivot_row_groupby: ["customer_id"],
  pivot_column_groupby: [],
};

/**
 * Where each figure of the dashboard leads: the Odoo views behind it, on the period
 * the server answered for (``loader.period``). The customers behind a customer KPI
 * are the server's (``get_kpi_customers``), not recomputed here.
 */
export class DashboardDrilldowns {
  constructor({loader, drilldown, orm, action, notification}) {
    this.loader = loader;
    this.drilldown = drilldown;
    this.orm = orm;
    this.action = action;
    this.notification = notification;
    // Its methods are handed to the components as callbacks.
    for (const [name, descriptor] of Object.entries(
      Object.getOwnPropertyDescriptors(DashboardDrilldowns.prototype)
    )) {
      if (name !== "constructor" && typeof descriptor.value === "function") {
        this[name] = descriptor.value.bind(this);
      }
    }
  }

  get period() {
    return this.loader.period;
  }

  get periodLabel() {
    return formatPeriod(this.period.dateFrom, this.period.dateTo);
  }

  async openKpi(name) {
    const period = this.period;
    const kpi = this.loader.definitions.kpis.find((item) => item.name === name);
    const title = `${kpi.label} · ${this.periodLabel}`;
    if (name in KPI_MEASURES) {
      return this.drilldown.openSales(period, {
        name: title,
        context: {pivot_measures: KPI_MEASURES[name]},
      });
    }
    if (name === "orders") {
      return this.drilldown.openOrders(period, this.loader.timezone, {name: title});
    }
    if (name === "active_customers") {
      return this.drilldown.openSales(period, {name: title, context: BY_CUSTOMER});
    }
    if (!CUSTOMER_SET_KPIS.includes(name)) {
      return;
    }
    try {
      const ids = await this.orm.call(ANALYTICS_SERVICE, "get_kpi_customers", [
        name,
        period.dateFrom,
        period.dateTo,
        this.loader.compare,
      ]);
      return this.drilldown.openCustomerMetrics({
        name: title,
        domain: [["customer_id", "in", ids]],
      });
    } catch (error) {
      this.notification.add(errorMessage(error), {type: "danger"});
    }
  }

  onTrendClick({index}) {
    const month = this.loader.charts.trend.months[index];
    const trendMonths = this.loader.data.revenue_trend.map((row) => row.period);
    if (!trendMonths.includes(month)) {
      return; // a forecast month
    }
    return this.drilldown.openSales(monthBounds(month, this.period.dateTo), {
      name: `${_t("Sales")} · ${formatMonth(month, true)}`,
      context: BY_CUSTOMER,
    });
  }

  onTierClick({index}) {
    const tier = this.loader.data.tier_distribution[index];
    return this.drilldown.openSales(this.period, {
      name: `${tier.name} · ${this.periodLabel}`,
      domain: [["tier_id", "=", tier.tier_id || false]],
      context: {pivot_row_groupby: ["customer_id"], pivot_column_groupby: []},
    });
  }

  openCustomer(row) {
    // A customer's history reads better over months: short periods give way to
    // the screen's default (the last 12 months).
    const {dateFrom, dateTo} = this.period;
    return this.drilldown.openCustomerAnalytics(row.customer_id, {
      name: row.name,
      period: daysBetween(dateFrom, dateTo) >= 80 ? this.period : undefined,
    });
  }

  openCustomerOrders(row) {
    return this.drilldown.openOrders(this.period, this.loader.timezone, {
      name: `${row.name} · ${this.periodLabel}`,
      domain: [["b2b_customer_id", "=", row.customer_id]],
    });
  }

  openProduct(row) {
    return this.drilldown.openProducts(this.period, {
      name: `${row.name} · ${this.periodLabel}`,
      domain: [["product_id", "=", row.product_id]],
      context: {pivot_row_groupby: ["customer_id"], pivot_column_groupby: []},
    });
  }

  openAllCustomers() {
    return this.drilldown.openSales(this.period, {
      name: `${_t("Customers")} · ${this.periodLabel}`,
      context: BY_CUSTOMER,
    });
  }

  openAllProducts() {
    return this.drilldown.openProducts(this.period, {
      context: {pivot_row_groupby: ["product_id"], pivot_column_groupby: []},
    });
  }

  openAtRisk() {
    const ids = this.loader.data.at_risk_customers.map((row) => row.customer_id);
    return this.drilldown.openCustomerMetrics({
      name: _t("At-risk customers"),
      domain: [["customer_id", "in", ids]],
    });
  }

  openSegment(segment) {
    const ids = this.loader.rfm.customers
      .filter((row) => row.segment === segment.segment)
      .map((row) => row.customer_id);
    return this.drilldown.openCustomerMetrics({
      name: `${_t("RFM")}: ${segment.segment}`,
      domain: [["customer_id", "in", ids]],
    });
  }

  async onCohortClick(cohort, k) {
    try {
      const first = monthBounds(cohort);
      const members = await this.orm.search("b2b.customer.metrics", [
        ["first_order_date", ">=", first.dateFrom],
        ["first_order_date", "<=", first.dateTo],
      ]);
      const month = addMonths(cohort, k);
      return this.drilldown.openSales(monthBounds(month), {
        name: `${_t("Cohort")} ${formatMonth(cohort)} · ${formatMonth(month)}`,
        domain: [["customer_id", "in", members]],
        context: BY_CUSTOMER,
      });
    } catch (error) {
      this.notification.add(errorMessage(error), {type: "danger"});
    }
  }

  openCustomers() {
    return this.action.doAction("smart_dairy_b2b.b2b_customer_action");
  }

  openQuotations() {
    return this.action.doAction("sale.action_quotations_with_onboarding");
  }
}
