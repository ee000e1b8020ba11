/** @odoo-module **/

import {
  Component,
  onMounted,
  onWillUnmount,
  useEffect,
  useRef,
  useState,
} from "@odoo/owl";
import {loadJS} from "@web/core/assets";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const CHART_JS = "/web/static/lib/Chart/Chart.js";

/**
 * My Account → My Analytics: the purchases of the portal user's own B2B customer,
 * loaded by JSON-RPC (spend, orders, products, monthly trend, tier progress, latest
 * orders, invoices and open balance of the last 12 months), with a monthly spend chart
 * and report downloads. The server computes every figure; this only shows them.
 */
export class PortalAnalytics extends Component {
  static template = "smart_dairy_b2b.PortalAnalytics";
  static props = {
    dataUrl: String,
    reportUrl: String,
    formats: {type: Array, element: String},
    locale: String,
  };

  setup() {
    this.rpc = useService("rpc");
    this.chartRef = useRef("chart");
    this.state = useState({data: null, error: null});
    this.locale = this.props.locale;
    onMounted(() => this.load());
    useEffect(
      () => {
        this.renderChart();
      },
      () => [this.state.data]
    );
    onWillUnmount(() => this.chart?.destroy());
  }

  async load() {
    try {
      const [data] = await Promise.all([
        this.rpc(this.props.dataUrl, {}),
        loadJS(CHART_JS),
      ]);
      this.state.data = data;
    } catch (error) {
      this.state.error =
        error?.data?.message ||
        error?.message ||
        _t("The analytics could not be loaded.");
    }
  }

  renderChart() {
    const canvas = this.chartRef.el;
    if (!canvas || !this.state.data || !window.Chart) {
      return;
    }
    this.chart?.destroy();
    const months = this.state.data.monthly_trend;
    const style = getComputedStyle(document.body);
    const primary =
      style.getPropertyValue("--bs-primary").trim() ||
      style.getPropertyValue("--primary").trim() ||
      "#714B67";
    this.chart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: months.map((m) => this.formatMonth(m.month)),
        datasets: [
          {
            type: "bar",
            label: _t("Spend before taxes"),
            data: months.map((m) => m.spend_untaxed),
            backgroundColor: primary,
            borderRadius: 3,
            yAxisID: "y",
            order: 2,
          },
          {
            type: "line",
            label: _t("Orders"),
            data: months.map((m) => m.orders),
            borderColor: "#F2A93B",
            backgroundColor: "#F2A93B",
            tension: 0.3,
            yAxisID: "orders",
            order: 1,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: {mode: "index", intersect: false},
        plugins: {
          legend: {position: "bottom"},
          tooltip: {
            callbacks: {
              label: (ctx) =>
                ctx.dataset.yAxisID === "y"
                  ? `${ctx.dataset.label}: ${this.formatAmount(ctx.parsed.y)}`
                  : `${ctx.dataset.label}: ${ctx.parsed.y}`,
            },
          },
        },
        scales: {
          y: {
            beginAtZero: true,
            ticks: {callback: (value) => this.formatCompact(value)},
          },
          orders: {
            position: "right",
            beginAtZero: true,
            grid: {drawOnChartArea: false},
            ticks: {precision: 0},
          },
        },
      },
    });
  }

  // Formatting ---------------------------------------------------------------------

  formatNumber(value, digits = 0) {
    return new Intl.NumberFormat(this.locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value || 0);
  }

  formatAmount(value) {
    const currency = this.state.data.currency_format;
    const number = this.formatNumber(value, currency.decimals);
    return currency.position === "before"
      ? `${currency.symbol}\u00a0${number}`
      : `${number}\u00a0${currency.symbol}`;
  }

  /** An order's amount, in its own currency when that is not the company's. */
  formatOrderAmount(order, value) {
    return order.currency === this.state.data.currency_format.name
      ? this.formatAmount(value)
      : `${this.formatNumber(value, 2)}\u00a0${order.currency}`;
  }

  formatCompact(value) {
    return new Intl.NumberFormat(this.locale, {notation: "compact"}).format(value);
  }

  formatDate(isoDate) {
    if (!isoDate) {
      return "—";
    }
    const [year, month, day] = isoDate.split("-").map(Number);
    return new Date(year, month - 1, day).toLocaleDateString(this.locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
    });
  }

  formatMonth(isoMonth) {
    const [year, month] = isoMonth.split("-").map(Number);
    return new Date(year, month - 1, 1).toLocaleDateString(this.locale, {
      year: "2-digit",
      month: "short",
    });
  }

  reportHref(format) {
    return `${this.props.reportUrl}?format=${encodeURIComponent(format)}`;
  }

  get hasPurchases() {
    return this.state.data.summary.order_count > 0;
  }

  get hasInvoices() {
    return this.state.data.invoices.count > 0;
  }
}

registry
  .category("public_components")
  .add("smart_dairy_b2b.portal_analytics", PortalAnalytics);
