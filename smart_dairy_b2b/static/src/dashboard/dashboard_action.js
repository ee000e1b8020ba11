/** @odoo-module **/

import {Component, onWillStart, useEffect, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {Layout} from "@web/search/layout";
import {useSetupAction} from "@web/webclient/actions/action_hook";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {B2bChart} from "../components/chart/chart";
import {CohortHeatmap} from "../components/cohort_heatmap/cohort_heatmap";
import {ExportButtons} from "../components/export_buttons/export_buttons";
import {KpiCard} from "../components/kpi_card/kpi_card";
import {PeriodPicker} from "../components/period_picker/period_picker";
import {Drilldown} from "../utils/drilldown";
import {formatNumber, formatPeriod} from "../utils/format";
import {EXPORT_SERVICE} from "../utils/server";
import {AtRiskCustomers} from "./at_risk/at_risk";
import {DashboardDrilldowns} from "./dashboard_drilldowns";
import {DashboardFilters} from "./dashboard_filters/dashboard_filters";
import {DashboardLoader} from "./dashboard_loader";
import {OverdueToday} from "./overdue_today/overdue_today";
import {RfmSegments} from "./rfm_segments/rfm_segments";
import {SalesTarget} from "./sales_target/sales_target";
import {TopCustomers} from "./top_customers/top_customers";
import {TopProducts} from "./top_products/top_products";

/**
 * The executive dashboard (client action ``smart_dairy_b2b.dashboard``): shows what
 * ``DashboardLoader`` keeps, and hands clicks to ``DashboardDrilldowns``.
 */
export class B2bDashboard extends Component {
  static template = "smart_dairy_b2b.Dashboard";
  static components = {
    Layout,
    KpiCard,
    PeriodPicker,
    B2bChart,
    CohortHeatmap,
    ExportButtons,
    TopCustomers,
    TopProducts,
    AtRiskCustomers,
    RfmSegments,
    OverdueToday,
    DashboardFilters,
    SalesTarget,
  };
  static props = {...standardActionServiceProps};

  setup() {
    const orm = useService("orm");
    const action = useService("action");
    const notification = useService("notification");
    this.orm = orm;
    this.loader = useState(
      new DashboardLoader(
        orm,
        useService("company").currentCompany.id,
        this.props.state?.b2bDashboard || stateFromUrl(this.props.action.params)
      )
    );
    this.drilldowns = new DashboardDrilldowns({
      loader: this.loader,
      drilldown: new Drilldown({action, orm, notification}),
      orm,
      action,
      notification,
    });
    useSetupAction({
      getLocalState: () => ({b2bDashboard: this.loader.localState()}),
    });
    // The period and the filters go in the URL too: a reload or a shared link opens
    // the same dashboard.
    const router = useService("router");
    useEffect(
      (preset, dateFrom, dateTo, compare, filters) => {
        if (dateFrom && dateTo) {
          router.pushState(
            {
              b2b_preset: preset,
              b2b_from: dateFrom,
              b2b_to: dateTo,
              b2b_compare: compare,
              b2b_filters: filters === "{}" ? undefined : filters,
            },
            {replace: false}
          );
        }
      },
      () => [
        this.loader.preset,
        this.loader.dateFrom,
        this.loader.dateTo,
        this.loader.compare,
        JSON.stringify(this.loader.activeFilters),
      ]
    );
    onWillStart(() => {
      this.loader.load();
      // The KPI cards' labels and tooltips come with the vocabulary: the first
      // render waits for it (one cached call), not for the figures.
      return this.loader.loadDefinitions();
    });
  }

  exportFile(format) {
    // The file compares like the screen does.
    const {dateFrom, dateTo} = this.loader.period;
    return this.orm.call(EXPORT_SERVICE, "export_executive_report", [], {
      format,
      date_from: dateFrom,
      date_to: dateTo,
      compare: this.loader.compare,
      filters: this.loader.activeFilters,
    });
  }

  // Display ------------------------------------------------------------------------

  get hasTrend() {
    return this.loader.data.revenue_trend.some((row) => row.revenue);
  }

  get periodLabel() {
    const {dateFrom, dateTo} = this.loader.period;
    return formatPeriod(dateFrom, dateTo);
  }

  get compareLabel() {
    const compare = this.loader.comparePeriod;
    return compare ? formatPeriod(compare.dateFrom, compare.dateTo) : "";
  }

  get compareShortLabel() {
    const mode = this.loader.definitions.compare_modes[this.loader.compare];
    return `${mode} (${this.compareLabel})`;
  }

  get forecastNote() {
    const forecast = this.loader.data?.forecast;
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

  get cohortRows() {
    return this.loader.cohorts?.cohorts || [];
  }
}

/** The period and filters a dashboard URL carries (``pushUrlState``), on a reload. */
function stateFromUrl(params = {}) {
  const state = {};
  if (params.b2b_preset) {
    Object.assign(state, {
      preset: params.b2b_preset,
      dateFrom: params.b2b_from,
      dateTo: params.b2b_to,
      compare: params.b2b_compare,
    });
  }
  try {
    state.filters = params.b2b_filters ? JSON.parse(params.b2b_filters) : {};
  } catch {
    state.filters = {};
  }
  return state;
}

registry.category("actions").add("smart_dairy_b2b.dashboard", B2bDashboard);
