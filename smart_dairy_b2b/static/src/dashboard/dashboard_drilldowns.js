/** @odoo-module **/

import {_t} from "@web/core/l10n/translation";
import {formatMonth, formatPeriod} from "../utils/format";
import {addMonths, monthBounds} from "../utils/periods";
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

  /** The dashboard's filters for the screens it opens: values, and their names. */
  get scope() {
    const filters = this.loader.activeFilters;
    const labels = {};
    const titles = {
      region: _t("Region"),
      customer_type: _t("Customer type"),
      tier_id: _t("Tier"),
      account_manager_id: _t("Account manager"),
      categ_id: _t("Product category"),
    };
    for (const [key, values] of Object.entries(filters)) {
      const names = values.map((value) => {
        const option = (this.loader.filterOptions?.[key] || []).find(
          (item) => String(item.id) === String(value)
        );
        return option ? option.name : value;
      });
      labels[key] = `${titles[key]}: ${names.join(", ")}`;
    }
    return {filters, labels};
  }

  async openKpi(name) {
    const period = this.period;
    const kpi = this.loader.definitions.kpis.find((item) => item.name === name);
    const title = `${kpi.label} · ${this.periodLabel}`;
    if (name in KPI_MEASURES) {
      return this.drilldown.openSales(period, {
        name: title,
        context: {pivot_measures: KPI_MEASURES[name]},
        scope: this.scope,
      });
    }
    if (name === "orders") {
      return this.drilldown.openOrders(period, this.loader.timezone, {
        name: title,
        scope: this.scope,
      });
    }
    if (name === "active_customers") {
      return this.drilldown.openSales(period, {
        name: title,
        context: BY_CUSTOMER,
        scope: this.scope,
      });
    }
    if (!CUSTOMER_SET_KPIS.includes(name)) {
      return;
    }
    try {
      const ids = await this.orm.call(
        ANALYTICS_SERVICE,
        "get_kpi_customers",
        [name, period.dateFrom, period.dateTo, this.loader.compare],
        {context: this.loader.filterContext}
      );
      return this.drilldown.openCustomerMetrics({
        name: title,
        domain: [["customer_id", "in", ids]],
        scope: this.scope,
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
      scope: this.scope,
    });
  }

  onTierClick({index}) {
    const tier = this.loader.data.tier_distribution[index];
    return this.drilldown.openSales(this.period, {
      name: `${tier.name} · ${this.periodLabel}`,
      domain: [["tier_id", "=", tier.tier_id || false]],
      context: {pivot_row_groupby: ["customer_id"], pivot_column_groupby: []},
      scope: this.scope,
    });
  }

  /** A customer's screen on the dashboard's period and category filter (a customer
   * of the list matches the customer filters). */
  openCustomer(row) {
    return this.drilldown.openCustomerAnalytics(row.customer_id, {
      name: row.name,
      period: this.period,
      scope: this.scope,
    });
  }

  /** A customer of an "as of today" card (at risk): its screen's own default. */
  openCustomerToday(row) {
    return this.drilldown.openCustomerAnalytics(row.customer_id, {name: row.name});
  }

  openCustomerOrders(row) {
    return this.drilldown.openOrders(this.period, this.loader.timezone, {
      name: `${row.name} · ${this.periodLabel}`,
      domain: [["b2b_customer_id", "=", row.customer_id]],
      scope: this.scope,
    });
  }

  openProduct(row) {
    return this.drilldown.openProducts(this.period, {
      name: `${row.name} · ${this.periodLabel}`,
      domain: [["product_id", "=", row.product_id]],
      context: {pivot_row_groupby: ["customer_id"], pivot_column_groupby: []},
      scope: this.scope,
    });
  }

  openAllCustomers() {
    return this.drilldown.openSales(this.period, {
      name: `${_t("Customers")} · ${this.periodLabel}`,
      context: BY_CUSTOMER,
      scope: this.scope,
    });
  }

  openAllProducts() {
    return this.drilldown.openProducts(this.period, {
      context: {pivot_row_groupby: ["product_id"], pivot_column_groupby: []},
      scope: this.scope,
    });
  }

  openAtRisk() {
    const ids = this.loader.data.at_risk_customers.map((row) => row.customer_id);
    return this.drilldown.openCustomerMetrics({
      name: _t("At-risk customers"),
      domain: [["customer_id", "in", ids]],
      scope: this.scope,
    });
  }

  openSegment(segment) {
    const ids = this.loader.rfm.customers
      .filter((row) => row.segment === segment.segment)
      .map((row) => row.customer_id);
    return this.drilldown.openCustomerMetrics({
      name: `${_t("RFM")}: ${segment.segment}`,
      domain: [["customer_id", "in", ids]],
      scope: this.scope,
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
        scope: this.scope,
      });
    } catch (error) {
      this.notification.add(errorMessage(error), {type: "danger"});
    }
  }

  openCustomers() {
    return this.action.doAction("smart_dairy_b2b.b2b_customer_action");
  }

  openTargets() {
    return this.action.doAction("smart_dairy_b2b.b2b_sales_target_action");
  }

  openQuotations() {
    return this.action.doAction("sale.action_quotations_with_onboarding");
  }
}
