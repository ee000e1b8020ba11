/** @odoo-module **/

import {Component, markRaw, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {useService} from "@web/core/utils/hooks";
import {KeepLast} from "@web/core/utils/concurrency";
import {Layout} from "@web/search/layout";
import {useSetupAction} from "@web/webclient/actions/action_hook";
import {ExportButtons} from "../components/export_buttons/export_buttons";
import {PeriodPicker} from "../components/period_picker/period_picker";
import {formatPeriod} from "../utils/format";
import {presetRange} from "../utils/periods";
import {companyCurrencyId, errorMessage, loadDefinitions} from "../utils/server";

/**
 * The frame of an analysis screen (discounts, channels, credit, retention, …): a
 * control panel with the period picker (or "As of today"), optional export buttons,
 * then the loading skeleton, the error with a retry, the empty state, or the content.
 *
 * The parent gives ``load({dateFrom, dateTo, compare})`` (the service call, with the
 * dates of the chosen preset in the analytics timezone; none for ``asOf``) and renders the
 * answer in the default slot, whose scope has ``data`` (the answer), ``period``
 * ({dateFrom, dateTo, compare}, as the server answered it) and ``currencyId`` (the
 * company currency, for formatMoney). ``asOf`` screens (credit, overdue) have no
 * period picker. ``isEmpty(data)`` says when to show ``emptyText`` instead of the slot.
 * ``exportFile(format, period)`` adds the Excel/PDF buttons. The period is kept in the
 * breadcrumbs: coming back restores it.
 */
export class AnalysisPage extends Component {
  static template = "smart_dairy_b2b.AnalysisPage";
  static components = {Layout, PeriodPicker, ExportButtons};
  static props = {
    title: String,
    load: Function,
    asOf: {type: Boolean, optional: true},
    compare: {type: Boolean, optional: true},
    defaultPreset: {type: String, optional: true},
    isEmpty: {type: Function, optional: true},
    emptyText: {type: String, optional: true},
    exportFile: {type: Function, optional: true},
    className: {type: String, optional: true},
    slots: Object,
  };
  static defaultProps = {defaultPreset: "this_month", compare: false};

  setup() {
    this.orm = useService("orm");
    this.companyId = useService("company").currentCompany.id;
    this.keepLast = new KeepLast();
    const restored = this.env.config?.getLocalState?.()?.b2bAnalysis || {};
    this.state = useState({
      preset: restored.preset || this.props.defaultPreset,
      dateFrom: restored.dateFrom,
      dateTo: restored.dateTo,
      compare: restored.compare || "previous_period",
      timezone: restored.timezone,
      data: null,
      currencyId: false,
      definitions: null,
      loading: true,
      error: null,
    });
    useSetupAction({
      getLocalState: () => {
        const {preset, dateFrom, dateTo, compare, timezone} = this.state;
        return {b2bAnalysis: {preset, dateFrom, dateTo, compare, timezone}};
      },
    });
    onWillStart(() => {
      this.load();
    });
  }

  /** The period as the server answered it (its defaults included). */
  get period() {
    const {dateFrom, dateTo, compare} = this.state;
    return {dateFrom, dateTo, compare};
  }

  get periodLabel() {
    return formatPeriod(this.state.dateFrom, this.state.dateTo);
  }

  get emptyText() {
    return this.props.emptyText || _t("Nothing to show for this period.");
  }

  get empty() {
    return Boolean(this.state.data && this.props.isEmpty?.(this.state.data));
  }

  setPeriod({preset, dateFrom, dateTo, compare}) {
    if (preset !== "custom") {
      ({dateFrom, dateTo} = presetRange(preset, this.state.timezone));
    }
    Object.assign(this.state, {preset, dateFrom, dateTo, compare});
    return this.load();
  }

  async load() {
    this.state.loading = true;
    this.state.error = null;
    try {
      if (!this.state.definitions) {
        this.state.definitions = markRaw(await loadDefinitions(this.orm));
        this.state.timezone ||= this.state.definitions.timezone;
      }
      const {preset, timezone, compare} = this.state;
      if (!this.props.asOf && !this.state.dateFrom) {
        Object.assign(this.state, presetRange(preset, timezone));
      }
      const {dateFrom, dateTo} = this.state;
      const [data, currencyId] = await this.keepLast.add(
        Promise.all([
          this.props.load(this.props.asOf ? {} : {dateFrom, dateTo, compare}),
          companyCurrencyId(this.orm, this.companyId),
        ])
      );
      const period = data?.period || {};
      Object.assign(this.state, {
        dateFrom: period.date_from || dateFrom,
        dateTo: period.date_to || dateTo,
        currencyId,
        data: markRaw(data),
        loading: false,
      });
    } catch (error) {
      this.state.error = errorMessage(error);
      this.state.loading = false;
    }
  }

  exportFile(format) {
    return this.props.exportFile(format, this.period);
  }
}
