/** @odoo-module **/

import {Component, markRaw, onWillStart, onWillUpdateProps, useState} from "@odoo/owl";
import {KeepLast} from "@web/core/utils/concurrency";
import {useService} from "@web/core/utils/hooks";
import {formatCount, formatMoney, formatNumber, formatPct} from "../../utils/format";
import {ANALYTICS_SERVICE, errorMessage, loadDefinitions} from "../../utils/server";

/**
 * One customer's credit on the customer screen: open balance, credit limit and
 * utilisation, ageing as of today (``get_credit_analysis`` for the customer), and its
 * payment methods over the screen's period (``get_payment_preferences``).
 */
export class CustomerCredit extends Component {
  static template = "smart_dairy_b2b.CustomerCredit";
  static props = {
    customerId: Number,
    currencyId: {optional: true},
    dateFrom: {optional: true},
    dateTo: {optional: true},
  };

  setup() {
    this.orm = useService("orm");
    this.keepLast = new KeepLast();
    this.state = useState({credit: null, methods: null, labels: null, error: null});
    onWillStart(() => this.load(this.props));
    onWillUpdateProps((next) => {
      if (next.dateFrom !== this.props.dateFrom || next.dateTo !== this.props.dateTo) {
        this.load(next);
      }
    });
  }

  async load({customerId, dateFrom, dateTo}) {
    this.state.error = null;
    try {
      const [credit, methods, definitions] = await this.keepLast.add(
        Promise.all([
          this.orm.call(ANALYTICS_SERVICE, "get_credit_analysis", [], {
            customer_id: customerId,
          }),
          this.orm.call(ANALYTICS_SERVICE, "get_payment_preferences", [], {
            customer_id: customerId,
            date_from: dateFrom || false,
            date_to: dateTo || false,
          }),
          loadDefinitions(this.orm),
        ])
      );
      Object.assign(this.state, {
        credit: markRaw(credit.customers[0] || {}),
        methods: markRaw(methods.methods),
        labels: markRaw(definitions),
      });
    } catch (error) {
      this.state.error = errorMessage(error);
    }
  }

  get ageing() {
    const buckets = this.state.labels.ageing_buckets || {};
    const ageing = this.state.credit.ageing || {};
    return Object.entries(buckets).map(([key, label]) => ({
      key,
      label,
      amount: ageing[key] || 0,
    }));
  }

  get segmentLabel() {
    const segment = this.state.credit.segment;
    return segment ? this.state.labels.credit_segments[segment] : "";
  }

  money(value) {
    return formatMoney(value, this.props.currencyId, {whole: true});
  }

  pct(value) {
    return formatPct(value, 0);
  }

  count(value) {
    return formatCount(value);
  }

  number(value) {
    return formatNumber(value, 0);
  }
}
