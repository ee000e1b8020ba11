/** @odoo-module **/

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {AnalysisPage} from "../analysis/analysis_page";
import {AnalysisTable} from "../analysis/analysis_table";
import {ANALYTICS_SERVICE} from "../utils/server";

/**
 * Account Managers (client action ``smart_dairy_b2b.account_managers``, managers'
 * menu): each account manager's book in the period against the previous one, with
 * today's high-risk and overdue customers and the follow-ups opened and won back
 * (``get_account_manager_performance``). A row opens that manager's customers.
 */
export class AccountManagers extends Component {
  static template = "smart_dairy_b2b.AccountManagers";
  static components = {AnalysisPage, AnalysisTable};
  static props = {...standardActionServiceProps};

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.columns = [
      {key: "name", label: _t("Account manager")},
      {key: "customers", label: _t("Customers"), kind: "count"},
      {key: "active_customers", label: _t("Active"), kind: "count"},
      {key: "revenue", label: _t("Revenue"), kind: "money"},
      {key: "change_pct", label: _t("Change"), kind: "change"},
      {key: "retention_rate", label: _t("Retention"), kind: "pct"},
      {key: "churned_customers", label: _t("Churned"), kind: "count"},
      {key: "new_customers", label: _t("New"), kind: "count"},
      {
        key: "high_risk_customers",
        label: _t("High risk"),
        kind: "count",
        title: _t("Customers at high churn risk today"),
      },
      {
        key: "overdue_customers",
        label: _t("Overdue"),
        kind: "count",
        title: _t("Customers overdue today against their usual rhythm"),
      },
      {
        key: "actions_opened",
        label: _t("Actions"),
        kind: "count",
        title: _t("Follow-ups opened in the period"),
      },
      {
        key: "won_back",
        label: _t("Won back"),
        kind: "count",
        title: _t(
          "Follow-ups whose customer ordered again within 30 days, in the period"
        ),
      },
    ];
  }

  load({dateFrom, dateTo}) {
    return this.orm.call(ANALYTICS_SERVICE, "get_account_manager_performance", [], {
      date_from: dateFrom,
      date_to: dateTo,
    });
  }

  isEmpty(data) {
    return !data.managers.length;
  }

  openCustomers(row) {
    return this.action.doAction({
      type: "ir.actions.act_window",
      name: row.name,
      res_model: "b2b.customer",
      views: [
        [false, "list"],
        [false, "form"],
      ],
      domain: [["user_id", "=", row.user_id || false]],
    });
  }
}

registry.category("actions").add("smart_dairy_b2b.account_managers", AccountManagers);
