/** @odoo-module **/

import {Component} from "@odoo/owl";
import {formatMonth, tableFormats} from "../../utils/format";

/**
 * This month's target (as of today, whatever the period): actual, % reached and the
 * run-rate projection (actual / elapsed days x days in the month), from the server's
 * ``targets.current``.
 */
export class SalesTarget extends Component {
  static template = "smart_dairy_b2b.SalesTarget";
  static props = {
    target: {type: Object, optional: true},
    currencyId: {optional: true},
    onOpenTargets: {type: Function, optional: true},
  };

  setup() {
    this.fmt = tableFormats(() => this.props.currencyId);
  }

  get monthLabel() {
    return formatMonth(this.props.target.month, true);
  }

  /** Width (0-100) of a bar for a share of the target. */
  bar(pct) {
    return Math.max(0, Math.min(100, pct || 0));
  }

  get projectionClass() {
    const pct = this.props.target.run_rate_pct;
    if (pct === null || pct === undefined) {
      return "text-muted";
    }
    return pct >= 100 ? "text-success" : pct >= 90 ? "text-warning" : "text-danger";
  }
}
