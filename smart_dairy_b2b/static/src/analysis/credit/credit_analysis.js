/** @odoo-module **/

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {downloadFile} from "../../utils/files";
import {formatCount, formatMoney} from "../../utils/format";
import {ANALYTICS_SERVICE, EXPORT_SERVICE, errorMessage} from "../../utils/server";
import {AnalysisPage} from "../analysis_page";
import {AnalysisTable} from "../analysis_table";

/**
 * Credit & Receivables (client action ``smart_dairy_b2b.credit_analysis``): as of today,
 * the visible customers' outstanding and overdue amounts, their credit segments, and
 * each customer's utilisation of its limit and ageing, over their limit first
 * (``get_credit_analysis``). A customer's row opens its open invoices.
 */
export class B2bCreditAnalysis extends Component {
  static template = "smart_dairy_b2b.CreditAnalysis";
  static components = {AnalysisPage, AnalysisTable};
  static props = {...standardActionServiceProps};

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.notification = useService("notification");
    this.title = _t("Credit & Receivables");
    this.formatMoney = formatMoney;
    this.formatCount = formatCount;
  }

  load() {
    return this.orm.call(ANALYTICS_SERVICE, "get_credit_analysis", []);
  }

  isEmpty(data) {
    return !data.customers.length;
  }

  async exportFile(format) {
    downloadFile(
      await this.orm.call(EXPORT_SERVICE, "export_report", ["credit"], {format})
    );
  }

  columns(definitions) {
    const buckets = definitions.ageing_buckets || {};
    return [
      {key: "name", label: _t("Customer")},
      {key: "segment_label", label: _t("Segment")},
      {key: "credit_limit", label: _t("Credit limit"), kind: "money"},
      {key: "outstanding", label: _t("Outstanding"), kind: "money"},
      {key: "utilisation_pct", label: _t("Utilisation"), kind: "pct"},
      {key: "overdue", label: _t("Overdue"), kind: "money"},
      ...Object.entries(buckets).map(([key, label]) => ({key, label, kind: "money"})),
      {
        key: "days_to_pay",
        label: _t("Days to pay"),
        kind: "number",
        title: _t("Average days from invoice to full payment, last 90 days"),
      },
      {
        key: "dso",
        label: _t("DSO"),
        kind: "number",
        title: _t("Outstanding / revenue of the last 90 days × 90"),
      },
    ];
  }

  rows(data, definitions) {
    const segments = definitions.credit_segments || {};
    return data.customers.map((row) => ({
      ...row,
      ...row.ageing,
      segment_label: segments[row.segment] || row.segment,
    }));
  }

  segments(data, definitions) {
    const labels = definitions.credit_segments || {};
    return data.segments.map((row) => ({...row, label: labels[row.segment]}));
  }

  /**
   * The customer's open invoices and credit notes (Odoo's invoice list: sales users may
   * read invoices, not every accounting view of journal items).
   */
  async openItems(row) {
    try {
      const [customer] = await this.orm.read(
        "b2b.customer",
        [row.customer_id],
        ["partner_id", "company_id"]
      );
      await this.action.doAction({
        type: "ir.actions.act_window",
        name: _t("Open invoices of %s", row.name),
        res_model: "account.move",
        views: [
          [false, "list"],
          [false, "form"],
        ],
        domain: [
          ["move_type", "in", ["out_invoice", "out_refund"]],
          ["state", "=", "posted"],
          ["payment_state", "in", ["not_paid", "partial"]],
          ["commercial_partner_id", "=", customer.partner_id[0]],
          ["company_id", "=", customer.company_id[0]],
        ],
        context: {create: false, default_move_type: "out_invoice"},
      });
    } catch (error) {
      this.notification.add(errorMessage(error), {type: "danger"});
    }
  }
}

registry.category("actions").add("smart_dairy_b2b.credit_analysis", B2bCreditAnalysis);
