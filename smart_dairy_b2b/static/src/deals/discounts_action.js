/** @odoo-module **/

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {AnalysisPage} from "../analysis/analysis_page";
import {AnalysisTable} from "../analysis/analysis_table";
import {B2bChart} from "../components/chart/chart";
import {Drilldown} from "../utils/drilldown";
import {ANALYTICS_SERVICE, EXPORT_SERVICE} from "../utils/server";
import {barConfig, pivotContext, rowDomain} from "./deals_common";

const MEASURES = ["revenue", "gross", "discount", "discount_pct"];

/**
 * Discounts by tier (docs/definitions.md, *Discounts*): what each tier's discounts
 * cost against the revenue they bring, as a table with the total and a chart. A row
 * opens the sales analysis of that tier in the period, discounts as measures.
 */
export class B2bDiscounts extends Component {
  static template = "smart_dairy_b2b.Discounts";
  static components = {AnalysisPage, AnalysisTable, B2bChart};
  static props = ["*"];

  setup() {
    this.orm = useService("orm");
    this.drilldown = new Drilldown({
      action: useService("action"),
      orm: this.orm,
      notification: useService("notification"),
    });
    this.title = _t("Discounts by Tier");
    this.columns = [
      {key: "name", label: _t("Tier")},
      {key: "customers", label: _t("Customers"), kind: "count"},
      {key: "revenue", label: _t("Revenue"), kind: "money"},
      {
        key: "gross",
        label: _t("Gross"),
        kind: "money",
        title: _t("Revenue + discount"),
      },
      {key: "discount", label: _t("Discount"), kind: "money"},
      {key: "discount_pct", label: _t("Discount %"), kind: "pct"},
      {
        key: "configured_discount_pct",
        label: _t("Tier discount %"),
        kind: "pct",
        title: _t("The discount configured on the tier"),
      },
      {key: "revenue_per_customer", label: _t("Revenue / customer"), kind: "money"},
      {key: "orders_per_customer", label: _t("Orders / customer"), kind: "number"},
      {key: "margin_pct", label: _t("Margin %"), kind: "pct"},
    ];
  }

  load({dateFrom, dateTo}) {
    return this.orm.call(ANALYTICS_SERVICE, "get_discount_analysis", [], {
      date_from: dateFrom,
      date_to: dateTo,
    });
  }

  isEmpty(data) {
    return !data.tiers.length;
  }

  total(data) {
    return {...data.total, name: _t("Total")};
  }

  chart(data, currencyId) {
    return barConfig(
      data.tiers,
      [
        {key: "revenue", label: _t("Revenue")},
        {key: "discount", label: _t("Discount")},
      ],
      currencyId
    );
  }

  exportFile(format, period) {
    // The executive report holds the discounts by tier of the same period.
    return this.orm.call(EXPORT_SERVICE, "export_executive_report", [], {
      format,
      date_from: period.dateFrom,
      date_to: period.dateTo,
    });
  }

  openTier(row, period) {
    return this.drilldown.openSales(period, {
      name: `${_t("Discounts")} · ${row.name}`,
      domain: rowDomain("tier_id", row.tier_id),
      context: pivotContext("tier_id", MEASURES),
    });
  }
}

registry.category("actions").add("smart_dairy_b2b.discounts", B2bDiscounts);
