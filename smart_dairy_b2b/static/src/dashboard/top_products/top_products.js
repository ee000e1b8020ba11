/** @odoo-module **/

import {Component} from "@odoo/owl";
import {tableFormats} from "../../utils/format";

/** The period's best-selling products; ``rows`` undefined while loading. */
export class TopProducts extends Component {
  static template = "smart_dairy_b2b.TopProducts";
  static props = {
    rows: {type: Array, optional: true},
    currencyId: {type: [Number, Boolean], optional: true},
    onOpen: Function,
    onOpenAll: Function,
  };

  setup() {
    this.fmt = tableFormats(() => this.props.currencyId);
  }
}
