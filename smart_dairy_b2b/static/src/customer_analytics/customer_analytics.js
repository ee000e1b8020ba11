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
import {B2bChart} from "../components/chart/chart";
import {customerTrendConfig} from "../components/chart/chart_configs";
import {ExportButtons} from "../components/export_buttons/export_buttons";
import {PeriodPicker} from "../components/period_picker/period_picker";
import {Drilldown} from "../utils/drilldown";
import {
  RFM_COLORS,
  formatCount,
  formatDay,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPct,
  formatPeriod,
  riskClass,
} from "../utils/format";
import {monthBounds, presetRange} from "../utils/periods";
import {
  ANALYTICS_SERVICE,
  EXPORT_SERVICE,
  companyCurrencyId,
  errorMessage,
  loadDefinitions,
  selectionLabels,
} from "../utils/server";
import {
  predictiveMessage,
  retentionSourceLabel,
  rfmScores,
  riskView,
  summaryCards,
} from "./customer_summary";
import {CUSTOMER_CARDS} from "./customer_cards";

/**
 * One B2B customer's analytics (client action ``smart_dairy_b2b.customer_analytics``,
 * param ``customer_id``): purchase history, top products, CLV, RFM segment and churn
 * risk, from one ``get_customer_summary`` call.
 */
export class B2bCustomerAnalytics extends Component {
  static template = "smart_dairy_b2b.CustomerAnalytics";
  static components = {
    Layout,
    PeriodPicker,
    B2bChart,
    ExportButtons,
    ...CUSTOMER_CARDS,
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
    this.keepLast = new KeepLast();
    const {params = {}, context = {}} = this.props.action;
    this.customerId =
      parseInt(params.customer_id || context.customer_id || context.active_id, 10) ||
      null;
    const restored = this.props.state?.b2bCustomer || {};
    const passedPeriod = params.date_from && params.date_to;
    // The dashboard's product category filter (docs/definitions.md, *Filters*): it
    // narrows the customer's figures until removed; the customer filters (region,
    // tier, ...) need no carrying, the customer is one of theirs.
    const categories = [params.categ_id || []].flat();
    const passedCategory = categories.length
      ? {id: categories, label: params.categ_label || categories.join(", ")}
      : null;
    this.state = useState({
      category: "category" in restored ? restored.category : passedCategory,
      preset: restored.preset || (passedPeriod ? "custom" : "last_12_months"),
      dateFrom: restored.dateFrom || params.date_from,
      dateTo: restored.dateTo || params.date_to,
      currencyId: false,
      definitions: null,
      customerLabels: null,
      data: null,
      chart: null,
      loading: true,
      error: null,
    });
    useSetupAction({
      getLocalState: () => ({
        b2bCustomer: {
          preset: this.state.preset,
          dateFrom: this.state.dateFrom,
          dateTo: this.state.dateTo,
          category: this.state.category,
        },
      }),
    });
    this.chartLibrary = loadBundle("web.chartjs_lib");
    onWillStart(() => {
      this.load();
    });
  }

  async load() {
    if (!this.customerId) {
      this.state.error = _t(
        "No customer was given to this screen. Open it from a B2B customer (Analytics button) or from the dashboard."
      );
      this.state.loading = false;
      return;
    }
    this.state.loading = true;
    this.state.error = null;
    const kwargs = {};
    if (this.state.dateFrom && this.state.dateTo) {
      kwargs.date_from = this.state.dateFrom;
      kwargs.date_to = this.state.dateTo;
    }
    try {
      const [data, currencyId, definitions, customerLabels] = await this.keepLast.add(
        Promise.all([
          this.orm.call(ANALYTICS_SERVICE, "get_customer_summary", [this.customerId], {
            ...kwargs,
            context: {b2b_filters: this.scope.filters},
          }),
          companyCurrencyId(this.orm, this.company.currentCompany.id),
          loadDefinitions(this.orm),
          selectionLabels(this.orm, "b2b.customer", ["customer_type", "state"]),
        ])
      );
      this.state.definitions = markRaw(definitions);
      this.state.customerLabels = markRaw(customerLabels);
      await this.chartLibrary;
      this.state.currencyId = currencyId;
      this.state.dateFrom = data.period.date_from;
      this.state.dateTo = data.period.date_to;
      this.state.chart = markRaw(customerTrendConfig(data.monthly_trend, currencyId));
      this.state.data = markRaw(data);
      this.env.config.setDisplayName(`${data.customer.name} · ${_t("Analytics")}`);
    } catch (error) {
      this.state.error = errorMessage(error);
    }
    this.state.loading = false;
  }

  onPeriodChange({preset, dateFrom, dateTo}) {
    if (preset !== "custom") {
      ({dateFrom, dateTo} = presetRange(preset, this.state.data?.period.timezone));
    }
    Object.assign(this.state, {preset, dateFrom, dateTo});
    this.load();
  }

  /** The category facet removed: the customer's whole figures. */
  removeCategory() {
    this.state.category = null;
    this.load();
  }

  /** The screen's filters for the server and the screens it opens. */
  get scope() {
    const category = this.state.category;
    return category
      ? {filters: {categ_id: category.id}, labels: {categ_id: category.label}}
      : {filters: {}, labels: {}};
  }

  exportFile(format) {
    return this.orm.call(EXPORT_SERVICE, "export_customer_report", [this.customerId], {
      date_from: this.period.dateFrom,
      date_to: this.period.dateTo,
      format,
    });
  }

  // Display ------------------------------------------------------------------------

  get period() {
    const period = this.state.data?.period;
    return period
      ? {dateFrom: period.date_from, dateTo: period.date_to}
      : {dateFrom: this.state.dateFrom, dateTo: this.state.dateTo};
  }

  get timezone() {
    return this.state.data?.period.timezone;
  }

  get periodLabel() {
    return formatPeriod(this.period.dateFrom, this.period.dateTo);
  }

  get customer() {
    return this.state.data.customer;
  }

  get typeLabel() {
    const labels = this.state.customerLabels?.customer_type || {};
    return labels[this.customer.customer_type] || this.customer.customer_type;
  }

  get stateLabel() {
    const labels = this.state.customerLabels?.state || {};
    return labels[this.customer.state] || this.customer.state;
  }

  get stateClass() {
    return (
      {
        approved: "text-bg-success",
        pending: "text-bg-warning",
        suspended: "text-bg-danger",
      }[this.customer.state] || "text-bg-secondary"
    );
  }

  get summaryCards() {
    const kpis = this.state.definitions.kpis;
    return summaryCards(this.state.data.summary, {
      kpiLabel: (name) => kpis.find((kpi) => kpi.name === name).label,
      money: (value) => this.money(value),
      openSales: (measures) => this.openSales(measures),
      openOrders: (period) => this.openOrders(period),
      period: this.period,
    });
  }

  get hasOrders() {
    return Boolean(this.state.data.summary.first_order_date);
  }

  get hasTrend() {
    return this.state.data.monthly_trend.some((row) => row.revenue || row.orders);
  }

  get clv() {
    return this.state.data.clv || {};
  }

  get retentionSourceLabel() {
    return retentionSourceLabel(this.clv.formula?.retention_source);
  }

  get predictiveMessage() {
    return predictiveMessage(this.clv.predictive?.method);
  }

  get rfm() {
    return this.state.data.rfm || {};
  }

  get rfmColor() {
    return RFM_COLORS[this.rfm.segment] || "#714B67";
  }

  get rfmScores() {
    return rfmScores(this.rfm);
  }

  get churn() {
    return this.state.data.churn || {};
  }

  get churnClass() {
    return riskClass(this.churn.risk);
  }

  get risk() {
    const {data, definitions} = this.state;
    return riskView(data, this.stateLabel, definitions);
  }

  money(value) {
    return formatMoney(value, this.state.currencyId, {whole: true});
  }

  moneyExact(value) {
    return formatMoney(value, this.state.currencyId);
  }

  count(value) {
    return formatCount(value);
  }

  number(value, decimals = 1) {
    return formatNumber(value, decimals);
  }

  pct(value, decimals = 1) {
    return formatPct(value, decimals);
  }

  day(value) {
    return formatDay(value);
  }

  // Drill-down ---------------------------------------------------------------------

  openSales(measures) {
    return this.drilldown.openSales(this.period, {
      name: `${this.customer.name} · ${this.periodLabel}`,
      domain: [["customer_id", "=", this.customerId]],
      context: {
        pivot_measures: measures,
        pivot_row_groupby: [],
        pivot_column_groupby: ["date:month"],
      },
      scope: this.scope,
    });
  }

  openOrders(period) {
    if (!period) {
      return this.drilldown.openReport("sale.order", {
        name: `${this.customer.name} · ${_t("Orders")}`,
        domain: [
          ["state", "=", "sale"],
          ["b2b_customer_id", "=", this.customerId],
        ],
        viewType: "list",
      });
    }
    return this.drilldown.openOrders(period, this.timezone, {
      name: `${this.customer.name} · ${formatPeriod(period.dateFrom, period.dateTo)}`,
      domain: [["b2b_customer_id", "=", this.customerId]],
      scope: this.scope,
    });
  }

  onTrendClick({index}) {
    const month = this.state.data.monthly_trend[index].month;
    const bounds = monthBounds(month, this.period.dateTo);
    if (bounds.dateFrom < this.period.dateFrom) {
      bounds.dateFrom = this.period.dateFrom;
    }
    return this.drilldown.openOrders(bounds, this.timezone, {
      name: `${this.customer.name} · ${formatMonth(month, true)}`,
      domain: [["b2b_customer_id", "=", this.customerId]],
      scope: this.scope,
    });
  }

  openProduct(row) {
    return this.drilldown.openProducts(this.period, {
      name: `${this.customer.name} · ${row.name}`,
      domain: [
        ["customer_id", "=", this.customerId],
        ["product_id", "=", row.product_id],
      ],
      viewType: "list",
      scope: this.scope,
    });
  }

  openCustomerForm() {
    return this.drilldown.openCustomerForm(this.customerId);
  }

  retry() {
    this.load();
  }
}

registry
  .category("actions")
  .add("smart_dairy_b2b.customer_analytics", B2bCustomerAnalytics);
