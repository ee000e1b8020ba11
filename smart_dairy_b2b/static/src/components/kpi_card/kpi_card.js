/** @odoo-module **/

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {formatChange, formatValue} from "../../utils/format";

/**
 * One KPI: its value, the comparison period's value and the change, coloured by
 * whether the change is good news (``higherIsBetter``). Shows a skeleton while
 * ``kpi`` is undefined; opens the details with ``onOpen``.
 */
export class KpiCard extends Component {
  static template = "smart_dairy_b2b.KpiCard";
  static props = {
    name: String,
    label: String,
    definition: String,
    format: String,
    higherIsBetter: {type: Boolean, optional: true},
    kpi: {type: Object, optional: true},
    currencyId: {type: [Number, Boolean], optional: true},
    compareLabel: {type: String, optional: true},
    showPrevious: {type: Boolean, optional: true},
    onOpen: {type: Function, optional: true},
  };
  static defaultProps = {higherIsBetter: true, showPrevious: true};

  get value() {
    return formatValue(this.props.format, this.props.kpi.value, this.props.currencyId);
  }

  get previous() {
    return formatValue(
      this.props.format,
      this.props.kpi.previous,
      this.props.currencyId
    );
  }

  get change() {
    return this.props.kpi?.change_pct;
  }

  get hasChange() {
    return this.change !== null && this.change !== undefined;
  }

  get changeText() {
    return formatChange(this.change);
  }

  get changeClass() {
    if (!this.hasChange || Math.abs(this.change) < 0.05) {
      return "text-muted";
    }
    const good = this.change > 0 === this.props.higherIsBetter;
    return good ? "text-success" : "text-danger";
  }

  get arrowClass() {
    if (!this.hasChange || Math.abs(this.change) < 0.05) {
      return "fa-minus";
    }
    return this.change > 0 ? "fa-arrow-up" : "fa-arrow-down";
  }

  get noChangeText() {
    const kpi = this.props.kpi;
    if (kpi.previous === null || kpi.previous === undefined) {
      return _t("no comparison");
    }
    return _t("n/a (previous is 0)");
  }

  get tooltipInfo() {
    return JSON.stringify({
      label: this.props.label,
      definition: this.props.definition,
      clickable: Boolean(this.props.onOpen),
    });
  }

  onClick() {
    if (this.props.onOpen && this.props.kpi) {
      this.props.onOpen(this.props.name);
    }
  }

  onKeydown(ev) {
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      this.onClick();
    }
  }
}
