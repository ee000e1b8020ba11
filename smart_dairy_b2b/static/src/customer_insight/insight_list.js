/** @odoo-module **/

import {onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {ListRenderer} from "@web/views/list/list_renderer";
import {listView} from "@web/views/list/list_view";

/**
 * Customer Insights' list (``js_class="b2b_insight_list"``): its short column labels
 * ("Days Idle", "P(alive)") say in a tooltip what they measure, from the field's help,
 * and a line above them says when the snapshot was computed (in the analytics
 * timezone, named).
 */
export class InsightListRenderer extends ListRenderer {
  static template = "smart_dairy_b2b.InsightListRenderer";

  setup() {
    super.setup();
    this.snapshot = useState({time: false});
    const orm = useService("orm");
    onWillStart(async () => {
      this.snapshot.time = await orm.call(
        "b2b.customer.insight",
        "get_snapshot_time",
        []
      );
    });
  }

  columnHelp(column) {
    const field = this.props.list.fields[column.name];
    return field?.help || column.label;
  }
}

registry.category("views").add("b2b_insight_list", {
  ...listView,
  Renderer: InsightListRenderer,
});
