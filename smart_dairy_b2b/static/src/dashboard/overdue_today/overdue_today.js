/** @odoo-module **/

import {Component, onWillStart, useState} from "@odoo/owl";
import {useService} from "@web/core/utils/hooks";
import {tableFormats} from "../../utils/format";
import {ANALYTICS_SERVICE, errorMessage, loadDefinitions} from "../../utils/server";

export const OVERDUE_LIMIT = 10;

/**
 * The customers overdue today against their usual ordering rhythm, the most revenue at
 * stake first (``get_overdue_customers``). As of today whatever the dashboard's period,
 * so it loads its own answer; the rule is the server's.
 */
export class OverdueToday extends Component {
  static template = "smart_dairy_b2b.OverdueToday";
  static props = {
    currencyId: {type: [Number, Boolean], optional: true},
    onOpen: Function,
  };

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.fmt = tableFormats(() => this.props.currencyId);
    this.state = useState({data: undefined, error: null, weekdays: {}});
    onWillStart(() => {
      this.load();
    });
  }

  async load() {
    this.state.error = null;
    this.state.data = undefined;
    try {
      const [data, definitions] = await Promise.all([
        this.orm.call(ANALYTICS_SERVICE, "get_overdue_customers", [], {
          limit: OVERDUE_LIMIT,
        }),
        loadDefinitions(this.orm),
      ]);
      this.state.weekdays = definitions.weekdays || {};
      this.state.data = data;
    } catch (error) {
      this.state.error = errorMessage(error);
    }
  }

  rhythm(row) {
    const days = row.usual_weekdays.map((day) => this.state.weekdays[day] || day);
    const gap = Number.isInteger(row.usual_gap_days)
      ? row.usual_gap_days
      : row.usual_gap_days.toFixed(1);
    return days.length ? `${gap} d · ${days.join(", ")}` : `${gap} d`;
  }

  openAll() {
    return this.action.doAction("smart_dairy_b2b.b2b_overdue_customer_server_action");
  }
}
