/** @odoo-module **/

import {Component, onWillStart, useState} from "@odoo/owl";
import {useService} from "@web/core/utils/hooks";
import {tableFormats} from "../../utils/format";
import {loadDefinitions} from "../../utils/server";

/**
 * The customer's ordering rhythm as the server measured it (``rhythm`` of
 * ``get_customer_summary``): usual gap and weekdays, the next order's due date, and
 * whether it is overdue with what is at stake. ``rhythm`` null: fewer than 3 order
 * days in the last 180 days.
 */
export class CustomerRhythm extends Component {
  static template = "smart_dairy_b2b.CustomerRhythm";
  static props = {
    rhythm: {type: [Object, {value: null}], optional: true},
    currencyId: {type: [Number, Boolean], optional: true},
  };

  setup() {
    this.fmt = tableFormats(() => this.props.currencyId);
    this.state = useState({weekdays: {}});
    const orm = useService("orm");
    onWillStart(async () => {
      this.state.weekdays = (await loadDefinitions(orm)).weekdays || {};
    });
  }

  get gap() {
    const gap = this.props.rhythm.usual_gap_days;
    return Number.isInteger(gap) ? String(gap) : gap.toFixed(1);
  }

  get weekdays() {
    return this.props.rhythm.usual_weekdays
      .map((day) => this.state.weekdays[day] || day)
      .join(", ");
  }
}
