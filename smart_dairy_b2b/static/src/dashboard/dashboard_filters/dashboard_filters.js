/** @odoo-module **/

import {Component} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";

/**
 * The dashboard-wide filters (region, customer type, tier, account manager, product
 * category), each taking several values the way Odoo's spreadsheet global filters
 * do: a value chosen in a filter's select is added to it (shown as a removable tag),
 * values of one filter combine with OR, filters with AND. Each change narrows every
 * card at once (the server applies them, docs/definitions.md *Filters*).
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
    return Object.values(this.props.filters).some((values) => values?.length);
  }

  /** The chosen values of ``key`` with their names, in the options' order. */
  chosen(key) {
    const values = (this.props.filters[key] || []).map(String);
    return (this.props.options?.[key] || []).filter((option) =>
      values.includes(String(option.id))
    );
  }

  /** The options of ``key`` still to choose. */
  remaining(key) {
    const values = (this.props.filters[key] || []).map(String);
    return (this.props.options?.[key] || []).filter(
      (option) => !values.includes(String(option.id))
    );
  }

  onSelect(key, event) {
    const raw = event.target.value;
    // the select only adds: it shows its placeholder again
    event.target.value = "";
    if (raw === "") {
      return;
    }
    const value = key.endsWith("_id") ? parseInt(raw, 10) : raw;
    this.props.onChange(key, [...(this.props.filters[key] || []), value]);
  }

  onRemove(key, option) {
    const values = (this.props.filters[key] || []).filter(
      (value) => String(value) !== String(option.id)
    );
    this.props.onChange(key, values);
  }
}
