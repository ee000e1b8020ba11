/** @odoo-module **/

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {B2bChart} from "../../components/chart/chart";
import {formatCount, formatMonth, formatNumber} from "../../utils/format";
import {ANALYTICS_SERVICE, errorMessage} from "../../utils/server";
import {AnalysisPage} from "../analysis_page";
import {AnalysisTable} from "../analysis_table";
import {retentionConfig} from "./retention_chart";

/**
 * Retention over time (docs/definitions.md): per month, the customers starting it,
 * retained, new, won back and churned, as a chart and a table, and the one-time and
 * repeat buyers of the period. A bar (or a line point) opens the customers of its group
 * and month; a row opens the month's won-back customers. The server counts and lists
 * them (``get_retention_trend``, ``get_retention_customers``): nothing is derived here.
 */
export class B2bRetention extends Component {
  static template = "smart_dairy_b2b.Retention";
  static components = {AnalysisPage, AnalysisTable, B2bChart};
  static props = {...standardActionServiceProps};

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.notification = useService("notification");
    // the chart's config, drawn again only for a new answer (not reactive: the chart
    // redraws when its config object changes)
    this.drawn = {data: null, config: null};
  }

  async load({dateFrom, dateTo}) {
    return this.orm.call(ANALYTICS_SERVICE, "get_retention_trend", [], {
      date_from: dateFrom,
      date_to: dateTo,
    });
  }

  labels(definitions) {
    return definitions?.retention_groups || {};
  }

  chart(data, definitions) {
    if (this.drawn.data !== data) {
      this.drawn = {
        data,
        config: retentionConfig(data.months, this.labels(definitions)),
      };
    }
    return this.drawn.config;
  }

  columns(definitions) {
    const labels = this.labels(definitions);
    const group = (key) => ({key, label: labels[key] || key, kind: "count"});
    return [
      {key: "label", label: _t("Month")},
      group("starting"),
      group("retained"),
      group("new"),
      group("won_back"),
      group("churned"),
      {key: "retention_pct", label: _t("Retention %"), kind: "pct"},
      {key: "churn_pct", label: _t("Churn %"), kind: "pct"},
      {key: "win_back_pct", label: _t("Win-back %"), kind: "pct"},
    ];
  }

  rows(data) {
    // a month cut by the period's end (this month, usually) says so: its churn is
    // only "not yet ordered"
    const end = luxon.DateTime.fromISO(data.period.date_to);
    const cut = end.plus({days: 1}).day !== 1 ? end.toFormat("yyyy-MM") : null;
    return data.months.map((row) => ({
      ...row,
      label:
        formatMonth(row.month, true) + (row.month === cut ? ` (${_t("to date")})` : ""),
    }));
  }

  buyers(data) {
    return [
      {
        key: "one_time",
        label: _t("One-time buyers"),
        value: formatCount(data.one_time_buyers),
      },
      {
        key: "repeat",
        label: _t("Repeat buyers"),
        value: formatCount(data.repeat_buyers),
      },
      {
        key: "lifespan",
        label: _t("Average lifespan"),
        value:
          data.avg_lifespan_days === null
            ? "—"
            : `${formatNumber(data.avg_lifespan_days, 0)} ${_t("days")}`,
      },
    ];
  }

  isEmpty(data) {
    return !data.months.some((row) => row.starting || row.new || row.won_back);
  }

  onChartClick(data, definitions, period, {datasetIndex, index}) {
    const config = this.chart(data, definitions);
    const group = config.data.datasets[datasetIndex].group;
    if (group) {
      this.openCustomers(group, data.months[index].month, period, definitions);
    }
  }

  async openCustomers(group, month, period, definitions) {
    try {
      const ids = await this.orm.call(
        ANALYTICS_SERVICE,
        "get_retention_customers",
        [group, month],
        {date_to: period.dateTo}
      );
      await this.action.doAction({
        type: "ir.actions.act_window",
        name: `${this.labels(definitions)[group] || group} · ${formatMonth(month, true)}`,
        res_model: "b2b.customer",
        views: [
          [false, "list"],
          [false, "form"],
        ],
        domain: [["id", "in", ids]],
        context: {create: false, active_test: false},
        target: "current",
      });
    } catch (error) {
      this.notification.add(errorMessage(error), {
        title: _t("Could not open the customers"),
        type: "danger",
      });
    }
  }
}

registry.category("actions").add("smart_dairy_b2b.retention", B2bRetention);
