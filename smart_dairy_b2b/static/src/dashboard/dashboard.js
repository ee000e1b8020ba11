/** @odoo-module **/

import {Component, markRaw, onWillStart, useState} from "@odoo/owl";
import {loadBundle} from "@web/core/assets";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {KeepLast} from "@web/core/utils/concurrency";
import {useService} from "@web/core/utils/hooks";
import {Layout} from "@web/search/layout";
import {useSetupAction} from "@web/webclient/actions/action_hook";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {B2bChart} from "./chart/b2b_chart";
import {revenueTrendConfig, tierConfig} from "./chart_configs";
import {CohortHeatmap} from "./cohort_heatmap/cohort_heatmap";
import {Drilldown} from "./drilldown";
import {ExportButtons} from "./export_buttons/export_buttons";
import {KpiCard} from "./kpi_card/kpi_card";
import {PeriodPicker} from "./period_picker/period_picker";
import {
  ANALYTICS_SERVICE,
  EXPORT_SERVICE,
  RFM_COLORS,
  companyCurrencyId,
  comparisonPeriod,
  errorMessage,
  formatCount,
  formatDay,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPct,
  formatPeriod,
  monthBounds,
  presetRange,
} from "./utils";

/** The KPIs of DESIGN.md section 6, with the definitions shown in their tooltips. */
export function kpiDefinitions() {
  return [
    {
      name: "revenue",
      label: _t("Revenue"),
      format: "money",
      definition: _t(
        "Untaxed amount after discount of the product lines of confirmed B2B sales orders dated in the period, in the company currency. Quotations, cancelled orders, sections, notes and down payments do not count."
      ),
    },
    {
      name: "orders",
      label: _t("Orders"),
      format: "count",
      definition: _t("Number of confirmed B2B sales orders dated in the period."),
    },
    {
      name: "aov",
      label: _t("Average order value"),
      format: "money",
      definition: _t("Revenue divided by the number of orders of the period."),
    },
    {
      name: "gross_margin",
      label: _t("Gross margin"),
      format: "money",
      definition: _t(
        "Revenue minus cost, the cost being the order line's product cost times the quantity."
      ),
    },
    {
      name: "margin_pct",
      label: _t("Margin %"),
      format: "pct",
      definition: _t("Gross margin as a percentage of revenue."),
    },
    {
      name: "active_customers",
      label: _t("Active customers"),
      format: "count",
      definition: _t("B2B customers with at least one confirmed order in the period."),
    },
    {
      name: "new_customers",
      label: _t("New customers"),
      format: "count",
      definition: _t(
        "B2B customers whose first confirmed order ever falls in the period."
      ),
    },
    {
      name: "retention_rate",
      label: _t("Retention"),
      format: "pct",
      definition: _t(
        "Customers active in both this period and the comparison period, as a percentage of the customers active in the comparison period; none without a comparison."
      ),
    },
    {
      name: "churned_customers",
      label: _t("Churned customers"),
      format: "count",
      higherIsBetter: false,
      definition: _t(
        "Customers active in the comparison period with no order in this period; none without a comparison."
      ),
    },
    {
      name: "repeat_purchase_rate",
      label: _t("Repeat purchase rate"),
      format: "pct",
      definition: _t(
        "Customers with two or more orders in the period, as a percentage of the active customers."
      ),
    },
  ];
}

export class B2bDashboard extends Component {
  static template = "smart_dairy_b2b.Dashboard";
  static components = {
    Layout,
    KpiCard,
    PeriodPicker,
    B2bChart,
    CohortHeatmap,
    ExportButtons,
  };
  static props = {...standardActionServiceProps};

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.notification = useService("notification");
    this.company = useService("company");
    this.drilldown = new Drilldown({
      action: this.action,
      orm: this.orm,
      notification: this.notification,
    });
    this.kpis = kpiDefinitions();
    this.rfmColors = RFM_COLORS;
    this.keepLast = new KeepLast();
    this.keepLastRfm = new KeepLast();
    this.keepLastCohorts = new KeepLast();

    const restored = this.props.state?.b2bDashboard || {};
    this.state = useState({
      preset: restored.preset || "this_month",
      dateFrom: restored.dateFrom,
      dateTo: restored.dateTo,
      compare: restored.compare || "previous_period",
      timezone: restored.timezone,
      currencyId: restored.currencyId || false,
      data: restored.data ? markRaw(restored.data) : null,
      charts: restored.data
        ? this.buildCharts(restored.data, restored.currencyId)
        : null,
      loading: true,
      error: null,
      noOrders: false,
      rfm: null,
      rfmLoading: true,
      rfmError: null,
      cohorts: null,
      cohortsLoading: true,
      cohortsError: null,
    });
    useSetupAction({
      getLocalState: () => ({
        b2bDashboard: {
          preset: this.state.preset,
          dateFrom: this.state.dateFrom,
          dateTo: this.state.dateTo,
          compare: this.state.compare,
          timezone: this.state.timezone,
          currencyId: this.state.currencyId,
          data: this.state.data,
        },
      }),
    });
    // Chart.js downloads in parallel with the data; the charts wait for it.
    this.chartLibrary = loadBundle("web.chartjs_lib");
    onWillStart(() => {
      this.startedAt = performance.now();
      this.load();
    });
  }

  // Data ---------------------------------------------------------------------------

  get period() {
    const period = this.state.data?.period;
    return period
      ? {dateFrom: period.date_from, dateTo: period.date_to}
      : {dateFrom: this.state.dateFrom, dateTo: this.state.dateTo};
  }

  get comparePeriod() {
    const period = this.state.data?.period;
    return period?.compare_from
      ? {dateFrom: period.compare_from, dateTo: period.compare_to}
      : null;
  }

  async load() {
    this.state.loading = true;
    this.state.error = null;
    const kwargs = {compare: this.state.compare};
    if (this.state.dateFrom && this.state.dateTo) {
      kwargs.date_from = this.state.dateFrom;
      kwargs.date_to = this.state.dateTo;
    }
    const companyId = this.company.currentCompany.id;
    try {
      // One RPC for the dashboard; the currency id (cached) comes alongside.
      const [data, currencyId] = await this.keepLast.add(
        Promise.all([
          this.orm.call(ANALYTICS_SERVICE, "get_executive_dashboard", [], kwargs),
          companyCurrencyId(this.orm, companyId),
        ])
      );
      // A period without orders: is it the whole database (first steps)?
      const noOrders =
        !data.kpis.orders.value &&
        !data.top_customers.length &&
        !(await this.keepLast.add(this.orm.searchCount("b2b.customer.metrics", [])));
      await this.chartLibrary;
      this.state.noOrders = noOrders;
      this.state.currencyId = currencyId;
      this.state.timezone = data.period.timezone;
      this.state.dateFrom = data.period.date_from;
      this.state.dateTo = data.period.date_to;
      this.state.charts = this.buildCharts(data, currencyId);
      this.state.data = markRaw(data);
      this.state.loading = false;
      if (this.startedAt) {
        this.kpiTime = Math.round(performance.now() - this.startedAt);
        this.startedAt = null;
      }
    } catch (error) {
      this.state.error = errorMessage(error);
      this.state.loading = false;
      return;
    }
    this.loadRfm();
    this.loadCohorts();
  }

  async loadRfm() {
    this.state.rfmLoading = true;
    this.state.rfmError = null;
    try {
      const rfm = await this.keepLastRfm.add(
        this.orm.call(ANALYTICS_SERVICE, "get_rfm_segments", [], {
          as_of: this.state.dateTo,
        })
      );
      this.state.rfm = markRaw(rfm);
    } catch (error) {
      this.state.rfmError = errorMessage(error);
    }
    this.state.rfmLoading = false;
  }

  async loadCohorts() {
    this.state.cohortsLoading = true;
    this.state.cohortsError = null;
    // The twelve cohorts up to the end of the period.
    const end = this.state.dateTo;
    const start = luxon.DateTime.fromISO(end).minus({months: 11}).startOf("month");
    try {
      const cohorts = await this.keepLastCohorts.add(
        this.orm.call(ANALYTICS_SERVICE, "get_cohort_retention", [], {
          date_from: start.toISODate(),
          date_to: end,
        })
      );
      this.state.cohorts = markRaw(cohorts);
    } catch (error) {
      this.state.cohortsError = errorMessage(error);
    }
    this.state.cohortsLoading = false;
  }

  buildCharts(data, currencyId) {
    return markRaw({
      trend: revenueTrendConfig(
        data.revenue_trend,
        data.forecast,
        currencyId,
        data.period.date_to
      ),
      tiers: data.tier_distribution.length
        ? tierConfig(data.tier_distribution, currencyId)
        : null,
    });
  }

  onPeriodChange({preset, dateFrom, dateTo, compare}) {
    if (preset !== "custom") {
      ({dateFrom, dateTo} = presetRange(preset, this.state.timezone));
    }
    Object.assign(this.state, {preset, dateFrom, dateTo, compare});
    this.load();
  }

  retry() {
    this.load();
  }

  exportFile(format) {
    // The file compares like the screen does.
    return this.orm.call(EXPORT_SERVICE, "export_executive_report", [], {
      format,
      date_from: this.period.dateFrom,
      date_to: this.period.dateTo,
      compare: this.state.compare,
    });
  }

  // Display ------------------------------------------------------------------------

  get hasTrend() {
    return this.state.data.revenue_trend.some((row) => row.revenue);
  }

  get periodLabel() {
    return formatPeriod(this.period.dateFrom, this.period.dateTo);
  }

  get compareLabel() {
    const compare = this.comparePeriod;
    return compare ? formatPeriod(compare.dateFrom, compare.dateTo) : "";
  }

  get compareShortLabel() {
    const label =
      this.state.compare === "previous_year" ? _t("Last year") : _t("Previous period");
    return `${label} (${this.compareLabel})`;
  }

  get forecastNote() {
    const forecast = this.state.data?.forecast;
    if (!forecast || !forecast.periods?.length) {
      return "";
    }
    const methods = {
      holt_winters: _t("seasonal exponential smoothing"),
      holt: _t("exponential smoothing with trend"),
      mean: _t("average of the past months"),
    };
    const mase = forecast.backtest?.mase;
    const method = methods[forecast.method] || forecast.method;
    return mase === null || mase === undefined
      ? _t("Forecast: %s.", method)
      : _t(
          "Forecast: %s; backtest error (MASE) %s vs %s for a naive forecast.",
          method,
          formatNumber(mase, 2),
          formatNumber(forecast.backtest.baseline_mase, 2)
        );
  }

  get rfmRows() {
    const rfm = this.state.rfm;
    if (!rfm) {
      return [];
    }
    const most = Math.max(1, ...rfm.segments.map((s) => s.customers));
    return rfm.segments
      .filter((segment) => segment.customers)
      .map((segment) => ({
        ...segment,
        width: (segment.customers * 100) / most,
        color: RFM_COLORS[segment.segment] || "#714B67",
      }));
  }

  get atRiskHasModel() {
    return this.state.data.at_risk_customers.some(
      (row) => row.probability_alive !== null
    );
  }

  get cohortRows() {
    return this.state.cohorts?.cohorts || [];
  }

  money(value) {
    return formatMoney(value, this.state.currencyId, {whole: true});
  }

  count(value) {
    return formatCount(value);
  }

  pct(value, decimals = 1) {
    return formatPct(value, decimals);
  }

  day(value) {
    return formatDay(value);
  }

  riskClass(risk) {
    return risk === "high"
      ? "text-bg-danger"
      : risk === "medium"
        ? "text-bg-warning"
        : "text-bg-success";
  }

  riskLabel(risk) {
    return {high: _t("High"), medium: _t("Medium"), low: _t("Low")}[risk] || risk;
  }

  // Drill-down ---------------------------------------------------------------------

  async openKpi(name) {
    const period = this.period;
    const label = this.kpis.find((kpi) => kpi.name === name).label;
    const title = `${label} · ${this.periodLabel}`;
    const measures = {
      revenue: ["revenue", "order_count"],
      aov: ["aov", "revenue", "order_count"],
      gross_margin: ["margin", "revenue"],
      margin_pct: ["margin_pct", "margin", "revenue"],
    };
    if (name in measures) {
      return this.drilldown.openSales(period, {
        name: title,
        context: {pivot_measures: measures[name]},
      });
    }
    if (name === "orders") {
      return this.drilldown.openOrders(period, this.state.timezone, {name: title});
    }
    if (name === "active_customers") {
      return this.drilldown.openSales(period, {
        name: title,
        context: {
          pivot_measures: ["revenue", "order_count"],
          pivot_row_groupby: ["customer_id"],
          pivot_column_groupby: [],
        },
      });
    }
    if (name === "new_customers") {
      return this.drilldown.openCustomerMetrics({
        name: title,
        domain: [
          ["first_order_date", ">=", period.dateFrom],
          ["first_order_date", "<=", period.dateTo],
        ],
      });
    }
    // Customer sets: computed from the sales analysis of both periods.
    try {
      const current = await this.drilldown.activeCustomers(period);
      let ids;
      if (name === "repeat_purchase_rate") {
        ids = Object.keys(current).filter((id) => current[id] >= 2);
      } else {
        const base =
          this.comparePeriod ||
          comparisonPeriod(period.dateFrom, period.dateTo, "previous_period");
        const before = await this.drilldown.activeCustomers(base);
        ids = Object.keys(before).filter((id) =>
          name === "retention_rate" ? id in current : !(id in current)
        );
      }
      return this.drilldown.openCustomerMetrics({
        name: title,
        domain: [["customer_id", "in", ids.map(Number)]],
      });
    } catch (error) {
      this.notification.add(errorMessage(error), {type: "danger"});
    }
  }

  onTrendClick({index}) {
    const month = this.state.charts.trend.months[index];
    const trendMonths = this.state.data.revenue_trend.map((row) => row.period);
    if (!trendMonths.includes(month)) {
      return; // a forecast month
    }
    const period = monthBounds(month, this.period.dateTo);
    return this.drilldown.openSales(period, {
      name: `${_t("Sales")} · ${formatMonth(month, true)}`,
      context: {
        pivot_measures: ["revenue", "order_count"],
        pivot_row_groupby: ["customer_id"],
        pivot_column_groupby: [],
      },
    });
  }

  onTierClick({index}) {
    const tier = this.state.data.tier_distribution[index];
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
    const days = luxon.DateTime.fromISO(dateTo).diff(
      luxon.DateTime.fromISO(dateFrom),
      "days"
    ).days;
    return this.drilldown.openCustomerAnalytics(row.customer_id, {
      name: row.name,
      period: days >= 80 ? this.period : undefined,
    });
  }

  openCustomerOrders(row) {
    return this.drilldown.openOrders(this.period, this.state.timezone, {
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
      context: {
        pivot_measures: ["revenue", "order_count"],
        pivot_row_groupby: ["customer_id"],
        pivot_column_groupby: [],
      },
    });
  }

  openAllProducts() {
    return this.drilldown.openProducts(this.period, {
      context: {pivot_row_groupby: ["product_id"], pivot_column_groupby: []},
    });
  }

  openAtRisk() {
    return this.drilldown.openCustomerMetrics({
      name: _t("At-risk customers"),
      domain: [
        [
          "customer_id",
          "in",
          this.state.data.at_risk_customers.map((r) => r.customer_id),
        ],
      ],
    });
  }

  openSegment(segment) {
    const ids = this.state.rfm.customers
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
      const month = luxon.DateTime.fromISO(`${cohort}-01`)
        .plus({months: k})
        .toFormat("yyyy-MM");
      return this.drilldown.openSales(monthBounds(month), {
        name: `${_t("Cohort")} ${formatMonth(cohort)} · ${formatMonth(month)}`,
        domain: [["customer_id", "in", members]],
        context: {
          pivot_measures: ["revenue", "order_count"],
          pivot_row_groupby: ["customer_id"],
          pivot_column_groupby: [],
        },
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

registry.category("actions").add("smart_dairy_b2b.dashboard", B2bDashboard);
