/** @odoo-module **/

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {AnalysisPage} from "../analysis/analysis_page";
import {AnalysisTable} from "../analysis/analysis_table";
import {B2bChart} from "../components/chart/chart";
import {Drilldown} from "../utils/drilldown";
import {ANALYTICS_SERVICE, EXPORT_SERVICE} from "../utils/server";
import {pivotContext, rowDomain, teamTrendConfig} from "./deals_common";

const MEASURES = ["revenue", "order_count", "margin"];

/**
 * Channels & campaigns (docs/definitions.md, *Channels and campaigns*): revenue by
 * sales team and by medium with the change against the previous period, the monthly
 * revenue of each team, and the campaigns with the customers they acquired. Rows (and
 * the chart's bars) open the sales analysis behind them, for the period.
 */
export class B2bChannels extends Component {
  static template = "smart_dairy_b2b.Channels";
  static components = {AnalysisPage, AnalysisTable, B2bChart};
  static props = ["*"];

  setup() {
    this.orm = useService("orm");
    this.drilldown = new Drilldown({
      action: useService("action"),
      orm: this.orm,
      notification: useService("notification"),
    });
    this.title = _t("Channels & Campaigns");
    const streams = (label) => [
      {key: "name", label},
      {key: "revenue", label: _t("Revenue"), kind: "money"},
      {key: "orders", label: _t("Orders"), kind: "count"},
      {key: "customers", label: _t("Customers"), kind: "count"},
      {key: "share_pct", label: _t("Share %"), kind: "pct"},
      {key: "previous_revenue", label: _t("Previous"), kind: "money"},
      {key: "change_pct", label: _t("Change"), kind: "change"},
    ];
    this.channelColumns = streams(_t("Sales team"));
    this.mediumColumns = streams(_t("Medium"));
    this.campaignColumns = [
      {key: "name", label: _t("Campaign")},
      {key: "orders", label: _t("Orders"), kind: "count"},
      {key: "revenue", label: _t("Revenue"), kind: "money"},
      {key: "margin", label: _t("Margin"), kind: "money"},
      {key: "aov", label: _t("Avg. order"), kind: "money"},
      {key: "customers", label: _t("Customers"), kind: "count"},
      {
        key: "acquired_customers",
        label: _t("Acquired"),
        kind: "count",
        title: _t(
          "Customers whose first order ever carries the campaign, in the period"
        ),
      },
      {key: "previous_revenue", label: _t("Previous"), kind: "money"},
      {key: "change_pct", label: _t("Change"), kind: "change"},
    ];
  }

  async load({dateFrom, dateTo}) {
    const kwargs = {date_from: dateFrom, date_to: dateTo};
    const [channels, campaigns] = await Promise.all([
      this.orm.call(ANALYTICS_SERVICE, "get_channel_analysis", [], kwargs),
      this.orm.call(ANALYTICS_SERVICE, "get_campaign_performance", [], kwargs),
    ]);
    return {...channels, campaigns: campaigns.campaigns};
  }

  isEmpty(data) {
    return !data.channels.length && !data.campaigns.length;
  }

  trend(data, currencyId) {
    return teamTrendConfig(data.trend, currencyId);
  }

  exportFile(format, period) {
    return this.orm.call(EXPORT_SERVICE, "export_report", ["campaigns"], {
      format,
      date_from: period.dateFrom,
      date_to: period.dateTo,
    });
  }

  open(field, row, period) {
    return this.drilldown.openSales(period, {
      name: `${_t("Sales")} · ${row.name}`,
      domain: rowDomain(field, row[field]),
      context: pivotContext(field, MEASURES),
    });
  }

  openTrendBar(trend, element, period) {
    const teamId = trend.teamIds[element.datasetIndex];
    const month = trend.months[element.index];
    // the month's days within the period
    const first = `${month}-01`;
    const monthPeriod = {
      dateFrom: first > period.dateFrom ? first : period.dateFrom,
      dateTo: period.dateTo.startsWith(month) ? period.dateTo : endOfMonth(month),
    };
    const name = trend.config.data.datasets[element.datasetIndex].label;
    return this.open("team_id", {team_id: teamId, name}, monthPeriod);
  }
}

function endOfMonth(month) {
  const [year, number] = month.split("-").map(Number);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, "0")}`;
}

registry.category("actions").add("smart_dairy_b2b.channels", B2bChannels);
