/** @odoo-module **/

import {Component, useState} from "@odoo/owl";
import {periodPresets} from "../../utils/periods";

/**
 * Period presets, custom dates and (optionally) the comparison mode. Calls
 * ``onChange({preset, dateFrom, dateTo, compare})``; a preset's dates are computed by
 * the parent, custom dates are applied with the button (or Enter). The comparison
 * modes ({key: label}) are the server's (``get_definitions``).
 */
export class PeriodPicker extends Component {
  static template = "smart_dairy_b2b.PeriodPicker";
  static props = {
    preset: String,
    dateFrom: {optional: true},
    dateTo: {optional: true},
    compare: {type: String, optional: true},
    compareModes: {type: Object, optional: true},
    disabled: {type: Boolean, optional: true},
    onChange: Function,
  };
  static defaultProps = {compare: "previous_period"};

  setup() {
    this.presets = periodPresets();
    this.custom = useState({
      open: this.props.preset === "custom",
      dateFrom: this.props.dateFrom || "",
      dateTo: this.props.dateTo || "",
      error: "",
    });
  }

  get compareModes() {
    return Object.entries(this.props.compareModes || {}).map(([id, label]) => ({
      id,
      label,
    }));
  }

  get customValid() {
    const {dateFrom, dateTo} = this.custom;
    return Boolean(dateFrom && dateTo && dateFrom <= dateTo);
  }

  onPresetChange(ev) {
    const preset = ev.target.value;
    if (preset === "custom") {
      this.custom.open = true;
      this.custom.dateFrom = this.props.dateFrom || "";
      this.custom.dateTo = this.props.dateTo || "";
      return;
    }
    this.custom.open = false;
    this.props.onChange({preset, compare: this.props.compare});
  }

  onCompareChange(ev) {
    this.props.onChange({
      preset: this.props.preset,
      dateFrom: this.props.dateFrom,
      dateTo: this.props.dateTo,
      compare: ev.target.value,
    });
  }

  onDateInput(field, ev) {
    this.custom[field] = ev.target.value;
    this.custom.error = "";
  }

  applyCustom() {
    if (!this.customValid) {
      this.custom.error = "invalid";
      return;
    }
    this.props.onChange({
      preset: "custom",
      dateFrom: this.custom.dateFrom,
      dateTo: this.custom.dateTo,
      compare: this.props.compare,
    });
  }

  onCustomKeydown(ev) {
    if (ev.key === "Enter") {
      this.applyCustom();
    }
  }
}
