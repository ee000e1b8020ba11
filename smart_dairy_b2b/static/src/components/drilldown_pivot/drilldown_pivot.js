/** @odoo-module **/

import {registry} from "@web/core/registry";
import {PivotModel} from "@web/views/pivot/pivot_model";
import {pivotView} from "@web/views/pivot/pivot_view";

/**
 * The analyses' pivot (``js_class="b2b_drilldown_pivot"``): Odoo's pivot, whose rows
 * a drill-down sorts by the measure it came from. Odoo 17's pivot takes its measures
 * and groupings from the action's context (``pivot_measures``, ...) but its sort only
 * from the arch (``default_order``); a drill-down puts ``b2b_pivot_order``
 * ("revenue desc") in the context, read on the first load like ``pivot_row_groupby``.
 * The user's own clicks on a header sort as usual afterwards.
 */
export class B2bDrilldownPivotModel extends PivotModel {
  async load(searchParams) {
    const order = searchParams.context.b2b_pivot_order;
    if (!this.reload && order) {
      const [measure, direction] = order.split(" ");
      this.metaData.sortedColumn = {
        groupId: [[], []],
        measure,
        order: direction === "asc" ? "asc" : "desc",
      };
    }
    return super.load(searchParams);
  }
}

registry.category("views").add("b2b_drilldown_pivot", {
  ...pivotView,
  Model: B2bDrilldownPivotModel,
});
