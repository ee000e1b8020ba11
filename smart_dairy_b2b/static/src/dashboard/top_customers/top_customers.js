/** @odoo-module **/

import {Component} from "@odoo/owl";
import {tableFormats} from "../../utils/format";

/** The period's biggest customers, with their share of revenue; ``rows`` undefined
 * while loading. */
export class TopCustomers extends Component {
  static template = "smart_dairy_b2b.TopCustomers";
  static props = {
    rows: {type: Array, optional: true},
    currencyId: {type: [Number, Boolean], optional: true},
    onOpen: Function,
    onOpenOrders: Function,
    onOpenAll: Function,
  };

  setup() {
    this.fmt = tableFormats(() => this.props.currencyId);
  }
}
