/** @odoo-module **/

import {registry} from "@web/core/registry";
import {formatDate} from "@web/core/l10n/dates";

// Data from TestDrilldownTour (tests/test_drilldown_tour.py): this month in Dhaka,
// Drill Bravo (Drill Silver) 1,200 in 4 orders (400 of them yogurt), Drill Zeta
// (Drill Gold) one order of 1,000 at 00:30 on the 1st, Drill Alpha (Drill Bronze)
// 2 orders of 450.
const ready = ".o_b2b_dashboard.o_b2b_ready";
const revenue = ".o_b2b_kpi_card[data-kpi='revenue'] .o_b2b_kpi_value";

/** Fails unless the pivot's row headers are ``expected``, in that order. */
function pivotRows(expected) {
  const rows = [
    ...document.querySelectorAll(".o_pivot_view tbody th.o_pivot_header_cell_closed"),
  ].map((cell) => cell.textContent.trim());
  if (JSON.stringify(rows) !== JSON.stringify(expected)) {
    throw new Error(
      `pivot rows ${JSON.stringify(rows)}, expected ${JSON.stringify(expected)}`
    );
  }
}

const backToDashboard = [
  {
    content: "Back to the dashboard",
    trigger: `.breadcrumb-item a:contains("B2B Dashboard")`,
  },
  {
    content: "The dashboard again",
    trigger: `${ready} ${revenue}`,
    isCheck: true,
  },
];

registry.category("web_tour.tours").add("b2b_drilldown_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_dashboard_action",
  steps: () => [
    {
      content: "This month's revenue",
      trigger: `${ready}[data-preset='this_month'] ${revenue}:contains("3,100")`,
      isCheck: true,
    },
    // Revenue: tiers by revenue, not A-Z ------------------------------------------
    {
      content: "Drill down from the revenue KPI",
      trigger: `${ready} .o_b2b_kpi_card[data-kpi='revenue']`,
    },
    {
      content: "The tiers by revenue, largest first",
      trigger: `.o_pivot_view th.o_pivot_header_cell_closed:contains("Drill Bronze")`,
      run: () => pivotRows(["Drill Silver", "Drill Gold", "Drill Bronze"]),
    },
    ...backToDashboard,
    // Average order value: tiers by it --------------------------------------------
    {
      content: "Drill down from the average order value",
      trigger: `${ready} .o_b2b_kpi_card[data-kpi='aov']`,
    },
    {
      content: "The tiers by average order, largest first",
      trigger: `.o_pivot_view th.o_pivot_header_cell_closed:contains("Drill Bronze")`,
      run: () => pivotRows(["Drill Gold", "Drill Bronze", "Drill Silver"]),
    },
    ...backToDashboard,
    // All customers: by revenue -------------------------------------------------------
    {
      content: "All customers",
      trigger: `${ready} .o_b2b_top_customers a:contains("All customers")`,
    },
    {
      content: "The customers by revenue, largest first",
      trigger: `.o_pivot_view th.o_pivot_header_cell_closed:contains("Drill Alpha")`,
      run: () => pivotRows(["Drill Bravo", "Drill Zeta", "Drill Alpha"]),
    },
    ...backToDashboard,
    // Orders: largest first, on their day in the analytics timezone ----------------------
    {
      content: "Drill down to the orders",
      trigger: `${ready} .o_b2b_kpi_card[data-kpi='orders']`,
    },
    {
      content: "The largest order first, on its day in Dhaka (the 1st), not in UTC",
      trigger: `.o_list_view .o_data_row:first-child:contains("Drill Zeta")`,
      run: () => {
        const firstDay = luxon.DateTime.now().setZone("Asia/Dhaka").startOf("month");
        const cell = document.querySelector(
          ".o_list_view .o_data_row:first-child td[name='b2b_order_day']"
        );
        if (!cell || cell.textContent.trim() !== formatDate(firstDay)) {
          throw new Error(
            `Order Day ${cell?.textContent}, expected ${formatDate(firstDay)}`
          );
        }
      },
    },
    ...backToDashboard,
    // The category filter on a customer's screen -------------------------------------
    {
      content: "Filter by a product category",
      trigger: `${ready} select[name='categ_id']`,
      run: () => {
        const select = document.querySelector(`${ready} select[name='categ_id']`);
        const option = [...select.options].find(
          (item) => item.text.trim() === "Drill Yogurt"
        );
        select.value = option.value;
        select.dispatchEvent(new Event("change"));
      },
    },
    {
      content: "Only Bravo bought yogurt",
      trigger: `${ready}:has(select[name='categ_id'].border-primary) ${revenue}:contains("400")`,
      isCheck: true,
    },
    {
      content: "Open Bravo",
      trigger: `${ready} .o_b2b_top_customer:contains("Drill Bravo")`,
    },
    {
      content: "The customer's screen shows the category as a facet, its yogurt only",
      trigger: `.o_b2b_customer_analytics.o_b2b_ready:has(.o_b2b_category_facet:contains("Drill Yogurt")) .o_b2b_summary_card[data-kpi='revenue'] .o_b2b_kpi_value:contains("400")`,
      isCheck: true,
    },
    {
      content: "Remove the facet",
      trigger: `.o_b2b_category_facet .o_b2b_remove_category`,
    },
    {
      content: "All of Bravo's purchases",
      trigger: `.o_b2b_customer_analytics.o_b2b_ready:not(:has(.o_b2b_category_facet)) .o_b2b_summary_card[data-kpi='revenue'] .o_b2b_kpi_value:contains("1,200")`,
      isCheck: true,
    },
  ],
});
