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
import {B2bChart} from "../dashboard/chart/b2b_chart";
import {customerTrendConfig} from "../dashboard/chart_configs";
import {Drilldown} from "../dashboard/drilldown";
import {ExportButtons} from "../dashboard/export_buttons/export_buttons";
import {PeriodPicker} from "../dashboard/period_picker/period_picker";
import {
  ANALYTICS_SERVICE,
  EXPORT_SERVICE,
  RFM_COLORS,
  companyCurrencyId,
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
} from "../dashboard/utils";

function customerTypes() {
  return {
    supermarket: _t("Supermarket Chain"),
    retailer: _t("Retailer"),
    horeca: _t("HoReCa"),
    institution: _t("Institution"),
    distributor: _t("Distributor"),
  };
}

function customerStates() {
  return {
    draft: _t("Draft"),
    pending: _t("Pending Approval"),
    approved: _t("Approved"),
    suspended: _t("Suspended"),
  };
}

/**
 * One B2B customer's analytics (client action ``smart_dairy_b2b.customer_analytics``,
 * param ``customer_id``): purchase history, top products, CLV, RFM segment and churn
 * risk, from one ``get_customer_summary`` call.
 */
export class B2bCustomerAnalytics extends Component {
  static template = "smart_dairy_b2b.CustomerAnalytics";
  static components = {Layout, PeriodPicker, B2bChart, ExportButtons};
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
    this.state = useState({
      preset: restored.preset || (passedPeriod ? "custom" : "last_12_months"),
      dateFrom: restored.dateFrom || params.date_from,
      dateTo: restored.dateTo || params.date_to,
      currencyId: false,
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
      const [data, currencyId] = await this.keepLast.add(
        Promise.all([
          this.orm.call(
            ANALYTICS_SERVICE,
            "get_customer_summary",
            [this.customerId],
            kwargs
          ),
          companyCurrencyId(this.orm, this.company.currentCompany.id),
        ])
      );
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
    return customerTypes()[this.customer.customer_type] || this.customer.customer_type;
  }

  get stateLabel() {
    return customerStates()[this.customer.state] || this.customer.state;
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
    const s = this.state.data.summary;
    const money = (value) => this.money(value);
    const marginPct = s.total_revenue ? (s.total_margin * 100) / s.total_revenue : null;
    return [
      {
        name: "revenue",
        label: _t("Revenue"),
        value: money(s.total_revenue),
        hint: _t("in the period"),
        open: () => this.openSales(["revenue", "order_count"]),
      },
      {
        name: "orders",
        label: _t("Orders"),
        value: formatCount(s.order_count),
        hint: _t("confirmed"),
        open: () => this.openOrders(this.period),
      },
      {
        name: "aov",
        label: _t("Avg order value"),
        value: money(s.avg_order_value),
        hint: _t("revenue / orders"),
        open: () => this.openSales(["aov", "revenue", "order_count"]),
      },
      {
        name: "margin",
        label: _t("Gross margin"),
        value: money(s.total_margin),
        hint: marginPct === null ? "" : _t("%s of revenue", formatPct(marginPct)),
        open: () => this.openSales(["margin", "margin_pct", "revenue"]),
      },
      {
        name: "last_order",
        label: _t("Last order"),
        value: s.last_order_date ? formatDay(s.last_order_date) : "—",
        hint:
          s.days_since_last_order === null
            ? _t("never ordered")
            : s.days_since_last_order === 0
              ? _t("today")
              : _t("%s days ago", formatCount(s.days_since_last_order)),
        open: () => this.openOrders(null),
      },
      {
        name: "frequency",
        label: _t("Order interval"),
        value:
          s.avg_days_between_orders === null
            ? "—"
            : _t("%s days", formatNumber(s.avg_days_between_orders, 1)),
        hint: _t("average gap"),
      },
      {
        name: "first_order",
        label: _t("Customer since"),
        value: s.first_order_date ? formatDay(s.first_order_date) : "—",
        hint: _t("first order"),
      },
    ];
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
    return (
      {
        tier: _t("measured on the customer's tier"),
        overall: _t("measured on all customers"),
        fallback: _t("default setting (not measurable yet)"),
      }[this.clv.formula?.retention_source] || ""
    );
  }

  get predictiveMessage() {
    const method = this.clv.predictive?.method;
    return (
      {
        insufficient_data: _t(
          "Not enough history yet: the BG/NBD model needs at least 50 customers with a repeat order."
        ),
        no_orders: _t("No orders yet."),
      }[method] || ""
    );
  }

  get rfm() {
    return this.state.data.rfm || {};
  }

  get rfmColor() {
    return RFM_COLORS[this.rfm.segment] || "#714B67";
  }

  get rfmScores() {
    return [
      {key: "r", label: _t("Recency"), value: this.rfm.r},
      {key: "f", label: _t("Frequency"), value: this.rfm.f},
      {key: "m", label: _t("Monetary"), value: this.rfm.m},
    ];
  }

  get churn() {
    return this.state.data.churn || {};
  }

  get churnClass() {
    return (
      {high: "text-bg-danger", medium: "text-bg-warning", low: "text-bg-success"}[
        this.churn.risk
      ] || "text-bg-secondary"
    );
  }

  get churnLabel() {
    return (
      {high: _t("High risk"), medium: _t("Medium risk"), low: _t("Low risk")}[
        this.churn.risk
      ] || _t("Not assessed")
    );
  }

  get churnMethodLabel() {
    if (this.churn.method === "bgnbd_gamma_gamma") {
      return _t(
        "From the BG/NBD model: probability that the customer is still buying."
      );
    }
    if (this.churn.method === "order_gap") {
      return _t(
        "From the order gap: days since the last order compared with the customer's usual gap (the model needs more data)."
      );
    }
    return "";
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
