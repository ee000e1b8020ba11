/** @odoo-module **/

import {markRaw} from "@odoo/owl";
import {loadBundle} from "@web/core/assets";
import {KeepLast} from "@web/core/utils/concurrency";
import {revenueTrendConfig, tierConfig} from "../components/chart/chart_configs";
import {monthsBefore, presetRange} from "../utils/periods";
import {
  ANALYTICS_SERVICE,
  companyCurrencyId,
  errorMessage,
  loadDefinitions,
} from "../utils/server";

/** ``filters`` ({key: value or [values]}, from a URL or a saved state, single
 * values of older links included) as {key: [values]}. */
function filterLists(filters) {
  const lists = {};
  for (const [key, value] of Object.entries(filters || {})) {
    const values = Array.isArray(value) ? value : [value];
    lists[key] = values.filter((item) => item !== "" && item !== null);
  }
  return lists;
}

/**
 * The executive dashboard's data, as ``spreadsheet_dashboard``'s loader keeps its
 * dashboards: asks the server (the dashboard, its vocabulary, then the RFM segments
 * and cohorts), keeps the answers with their loading and error states, and gives the
 * action what to restore when the user comes back. It computes no figure and no
 * period rule: the server answers both (the comparison period included).
 *
 * Used through ``useState(new DashboardLoader(...))``: its fields are the screen's state.
 */
export class DashboardLoader {
  constructor(orm, companyId, restored = {}) {
    this.orm = markRaw(orm);
    this.companyId = companyId;
    this.keepLast = markRaw(new KeepLast());
    this.keepLastRfm = markRaw(new KeepLast());
    this.keepLastCohorts = markRaw(new KeepLast());
    // Chart.js downloads in parallel with the data; the charts wait for it.
    this.chartLibrary = markRaw(loadBundle("web.chartjs_lib"));
    this.preset = restored.preset || "this_month";
    this.dateFrom = restored.dateFrom;
    this.dateTo = restored.dateTo;
    this.compare = restored.compare || "previous_period";
    // The dashboard-wide filters ({key: [values]}), several values per key.
    this.filters = filterLists(restored.filters);
    this.filterOptions = restored.filterOptions
      ? markRaw(restored.filterOptions)
      : null;
    this.timezone = restored.timezone;
    this.currencyId = restored.currencyId || false;
    this.definitions = restored.definitions ? markRaw(restored.definitions) : null;
    this.data = restored.data ? markRaw(restored.data) : null;
    this.charts = restored.data ? buildCharts(restored.data, this.currencyId) : null;
    this.loading = true;
    this.error = null;
    this.noOrders = false;
    this.kpiTime = undefined;
    this.rfm = null;
    this.rfmLoading = true;
    this.rfmError = null;
    this.cohorts = null;
    this.cohortsLoading = true;
    this.cohortsError = null;
  }

  /** What the action saves to come back to the same screen (useSetupAction). */
  localState() {
    return {
      preset: this.preset,
      dateFrom: this.dateFrom,
      dateTo: this.dateTo,
      compare: this.compare,
      filters: this.filters,
      filterOptions: this.filterOptions,
      timezone: this.timezone,
      currencyId: this.currencyId,
      definitions: this.definitions,
      data: this.data,
    };
  }

  /** The period the server answered for ({dateFrom, dateTo}). */
  get period() {
    const period = this.data?.period;
    return period
      ? {dateFrom: period.date_from, dateTo: period.date_to}
      : {dateFrom: this.dateFrom, dateTo: this.dateTo};
  }

  /** The comparison period the server answered for, or null. */
  get comparePeriod() {
    const period = this.data?.period;
    return period?.compare_from
      ? {dateFrom: period.compare_from, dateTo: period.compare_to}
      : null;
  }

  /** The vocabulary, awaited by the action before its first render (cached). */
  async loadDefinitions() {
    try {
      this.definitions = markRaw(await loadDefinitions(this.orm));
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  /** A new period or comparison: a preset's dates in the analytics timezone. */
  setPeriod({preset, dateFrom, dateTo, compare}) {
    if (preset !== "custom") {
      ({dateFrom, dateTo} = presetRange(preset, this.timezone));
    }
    Object.assign(this, {preset, dateFrom, dateTo, compare});
    return this.load();
  }

  /** The filters as the server takes them (no empty keys). */
  get activeFilters() {
    return Object.fromEntries(
      Object.entries(this.filters).filter(([, values]) => values.length)
    );
  }

  /** The context narrowing every call like the dashboard (``b2b_filters``). */
  get filterContext() {
    return {b2b_filters: this.activeFilters};
  }

  /** A filter's values set (``[]``: cleared); every card reloads narrowed by them. */
  setFilter(key, values) {
    this.filters = {...this.filters, [key]: values};
    return this.load();
  }

  clearFilters() {
    this.filters = {};
    return this.load();
  }

  async loadFilterOptions() {
    if (!this.filterOptions) {
      this.filterOptions = markRaw(
        await this.orm.call(ANALYTICS_SERVICE, "get_filter_options", [])
      );
    }
  }

  async load() {
    const startedAt = this.kpiTime === undefined ? performance.now() : null;
    this.loading = true;
    this.error = null;
    const kwargs = {compare: this.compare, filters: this.activeFilters};
    if (this.dateFrom && this.dateTo) {
      kwargs.date_from = this.dateFrom;
      kwargs.date_to = this.dateTo;
    }
    try {
      // One RPC for the dashboard; the currency id and the vocabulary (cached) alongside.
      const [data, currencyId, definitions] = await this.keepLast.add(
        Promise.all([
          this.orm.call(ANALYTICS_SERVICE, "get_executive_dashboard", [], kwargs),
          companyCurrencyId(this.orm, this.companyId),
          loadDefinitions(this.orm),
          this.loadFilterOptions(),
        ])
      );
      // A period without orders: is it the whole database (first steps)?
      const noOrders =
        !Object.keys(this.activeFilters).length &&
        !data.kpis.orders.value &&
        !data.top_customers.length &&
        !(await this.keepLast.add(this.orm.searchCount("b2b.customer.metrics", [])));
      await this.chartLibrary;
      this.noOrders = noOrders;
      this.currencyId = currencyId;
      this.definitions = markRaw(definitions);
      this.timezone = data.period.timezone;
      this.dateFrom = data.period.date_from;
      this.dateTo = data.period.date_to;
      this.charts = buildCharts(data, currencyId);
      this.data = markRaw(data);
      this.loading = false;
      if (startedAt !== null) {
        this.kpiTime = Math.round(performance.now() - startedAt);
      }
    } catch (error) {
      this.error = errorMessage(error);
      this.loading = false;
      return;
    }
    this.loadRfm();
    this.loadCohorts();
  }

  async loadRfm() {
    this.rfmLoading = true;
    this.rfmError = null;
    try {
      // As of today, whatever the period (the card says so).
      const rfm = await this.keepLastRfm.add(
        this.orm.call(ANALYTICS_SERVICE, "get_rfm_segments", [], {
          context: this.filterContext,
        })
      );
      this.rfm = markRaw(rfm);
    } catch (error) {
      this.rfmError = errorMessage(error);
    }
    this.rfmLoading = false;
  }

  async loadCohorts() {
    this.cohortsLoading = true;
    this.cohortsError = null;
    try {
      // The twelve cohorts up to the end of the period.
      const cohorts = await this.keepLastCohorts.add(
        this.orm.call(ANALYTICS_SERVICE, "get_cohort_retention", [], {
          date_from: monthsBefore(this.dateTo, 11),
          date_to: this.dateTo,
          context: this.filterContext,
        })
      );
      this.cohorts = markRaw(cohorts);
    } catch (error) {
      this.cohortsError = errorMessage(error);
    }
    this.cohortsLoading = false;
  }
}

function buildCharts(data, currencyId) {
  return markRaw({
    trend: revenueTrendConfig(
      data.revenue_trend,
      data.forecast,
      currencyId,
      data.period.date_to,
      {targets: data.targets.trend, lastYear: data.revenue_trend_last_year}
    ),
    tiers: data.tier_distribution.length
      ? tierConfig(data.tier_distribution, currencyId)
      : null,
  });
}
