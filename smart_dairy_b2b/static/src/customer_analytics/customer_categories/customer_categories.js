/** @odoo-module **/

import {Component, onWillStart, onWillUpdateProps, useState} from "@odoo/owl";
import {useService} from "@web/core/utils/hooks";
import {KeepLast} from "@web/core/utils/concurrency";
import {formatCount, formatMoney, formatPct} from "../../utils/format";
import {ANALYTICS_SERVICE, errorMessage} from "../../utils/server";

/**
 * The categories a customer buys in the screen's period (revenue, orders, share of
 * its revenue), by the product's current category, from
 * ``get_category_preferences``; with its own loading, empty and error states. A row
 * opens the customer's order lines of that category.
 */
export class CustomerCategories extends Component {
  static template = "smart_dairy_b2b.CustomerCategories";
  static props = {
    customerId: Number,
    dateFrom: String,
    dateTo: String,
    currencyId: {optional: true},
  };

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.keepLast = new KeepLast();
    this.state = useState({categories: null, loading: true, error: null});
    onWillStart(() => this.load(this.props));
    onWillUpdateProps((next) => {
      if (next.dateFrom !== this.props.dateFrom || next.dateTo !== this.props.dateTo) {
        this.load(next);
      }
    });
  }

  async load({customerId, dateFrom, dateTo}) {
    this.state.loading = true;
    this.state.error = null;
    try {
      const answer = await this.keepLast.add(
        this.orm.call(ANALYTICS_SERVICE, "get_category_preferences", [], {
          date_from: dateFrom,
          date_to: dateTo,
          customer_id: customerId,
        })
      );
      this.state.categories = answer.categories;
    } catch (error) {
      this.state.error = errorMessage(error);
    }
    this.state.loading = false;
  }

  money(value) {
    return formatMoney(value, this.props.currencyId, {whole: true});
  }

  count(value) {
    return formatCount(value);
  }

  pct(value) {
    return formatPct(value);
  }

  openLines(row) {
    const {customerId, dateFrom, dateTo} = this.props;
    return this.action.doAction({
      type: "ir.actions.act_window",
      name: row.name,
      res_model: "b2b.product.analytics",
      views: [
        [false, "list"],
        [false, "pivot"],
      ],
      domain: [
        ["customer_id", "=", customerId],
        ["categ_id", "=", row.category_id],
        ["date", ">=", dateFrom],
        ["date", "<=", dateTo],
      ],
      context: {create: false},
      target: "current",
    });
  }
}
