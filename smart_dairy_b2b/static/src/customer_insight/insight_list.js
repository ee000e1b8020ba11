/** @odoo-module **/

import {registry} from "@web/core/registry";
import {ListRenderer} from "@web/views/list/list_renderer";
import {listView} from "@web/views/list/list_view";

/**
 * Customer Insights' list (``js_class="b2b_insight_list"``): its short column labels
 * ("Days Idle", "P(alive)") say in a tooltip what they measure, from the field's help.
 */
export class InsightListRenderer extends ListRenderer {
  static template = "smart_dairy_b2b.InsightListRenderer";

  columnHelp(column) {
    const field = this.props.list.fields[column.name];
    return field?.help || column.label;
  }
}

registry.category("views").add("b2b_insight_list", {
  ...listView,
  Renderer: InsightListRenderer,
});
