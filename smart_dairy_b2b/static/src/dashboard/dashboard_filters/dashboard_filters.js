/** @odoo-module **/

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";

/**
 * The dashboard-wide filters: one choice per filter (region, customer type, tier,
 * account manager, product category); each change narrows every card at once
 * (the server applies them, docs/definitions.md *Filters*).
 */
export class DashboardFilters extends Component {
  static template = "smart_dairy_b2b.DashboardFilters";
  static props = {
    options: {type: Object, optional: true},
    filters: Object,
    onChange: Function,
    onClear: Function,
  };

  get fields() {
    return [
      {key: "region", label: _t("Region")},
      {key: "customer_type", label: _t("Customer type")},
      {key: "tier_id", label: _t("Tier")},
      {key: "account_manager_id", label: _t("Account manager")},
      {key: "categ_id", label: _t("Product category")},
    ].filter((field) => this.props.options?.[field.key]?.length);
  }

  get hasFilters() {
    return Object.values(this.props.filters).some(
      (value) => value !== null && value !== ""
    );
  }

  isSelected(key, option) {
    return String(this.props.filters[key] ?? "") === String(option.id);
  }

  onSelect(key, event) {
    const raw = event.target.value;
    const value = raw === "" ? null : key.endsWith("_id") ? parseInt(raw, 10) : raw;
    this.props.onChange(key, value);
  }
}
