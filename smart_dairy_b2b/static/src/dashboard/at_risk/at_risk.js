/** @odoo-module **/

import {Component} from "@odoo/owl";
import {riskClass, tableFormats} from "../../utils/format";

/**
 * The customers at risk of churning, as the server assessed them; their risk labels
 * are the server's (``riskLabels``, from get_definitions). ``rows`` undefined while
 * loading.
 */
export class AtRiskCustomers extends Component {
  static template = "smart_dairy_b2b.AtRiskCustomers";
  static props = {
    rows: {type: Array, optional: true},
    riskLabels: Object,
    currencyId: {type: [Number, Boolean], optional: true},
    onOpen: Function,
    onOpenAll: Function,
  };

  setup() {
    this.fmt = tableFormats(() => this.props.currencyId);
    this.riskClass = riskClass;
  }

  get hasModel() {
    return this.props.rows.some((row) => row.probability_alive !== null);
  }

  riskLabel(risk) {
    return this.props.riskLabels[risk] || risk;
  }
}
