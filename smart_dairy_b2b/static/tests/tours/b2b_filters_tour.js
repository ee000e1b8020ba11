/** @odoo-module **/

import {registry} from "@web/core/registry";

// Data from TestFiltersTour (tests/test_filters_tour.py): this month, Filter Agora
// (Dhaka, Filter Gold) bought 1,200, Filter Corner (Dhaka, Filter Silver) 300 and
// Filter Hotel (Sylhet, Filter Gold) 700.
const ready = ".o_b2b_dashboard.o_b2b_ready";
const filtered = `${ready}:has(select[name='region'].border-primary):has(select[name='tier_id'].border-primary)`;
const revenue = ".o_b2b_kpi_card[data-kpi='revenue'] .o_b2b_kpi_value";

function selectOption(name, label) {
  const select = document.querySelector(`${ready} select[name='${name}']`);
  const option = [...select.options].find((item) => item.text.trim() === label);
  select.value = option.value;
  select.dispatchEvent(new Event("change"));
}

// The facets the dashboard's filters and period become on the screen it opens.
const facetSteps = (where) => [
  {
    content: `${where}: the region is a facet`,
    trigger: `.o_searchview_facet:contains("Region"):contains("Dhaka")`,
    isCheck: true,
  },
  {
    content: `${where}: the tier is a facet`,
    trigger: `.o_searchview_facet:contains("Filter Gold")`,
    isCheck: true,
  },
];

const backToDashboard = [
  {
    content: "Back to the dashboard",
    trigger: `.breadcrumb-item a:contains("B2B Dashboard")`,
  },
  {
    content: "The dashboard keeps its filters and figures",
    trigger: `${filtered} ${revenue}:contains("1,200")`,
    isCheck: true,
  },
];

registry.category("web_tour.tours").add("b2b_filters_tour", {
  test: true,
  url: "/web#action=smart_dairy_b2b.b2b_dashboard_action",
  steps: () => [
    {
      content: "Every customer this month",
      trigger: `${ready}[data-preset='this_month'] ${revenue}:contains("2,200")`,
      isCheck: true,
    },
    {
      content: "Filter by region",
      trigger: `${ready} select[name='region']`,
      run: () => selectOption("region", "Dhaka"),
    },
    {
      content: "The Dhaka customers only",
      trigger: `${ready}:has(select[name='region'].border-primary) ${revenue}:contains("1,500")`,
      run: () => selectOption("tier_id", "Filter Gold"),
    },
    {
      content: "Dhaka and Filter Gold: one customer",
      trigger: `${filtered} ${revenue}:contains("1,200")`,
      isCheck: true,
    },
    {
      content: "Top customers follow the filters",
      trigger: `${filtered} .o_b2b_top_customers:contains("Filter Agora"):not(:contains("Filter Hotel")):not(:contains("Filter Corner"))`,
      isCheck: true,
    },
    {
      content: "The URL keeps the filters",
      trigger: `${filtered}`,
      run: () => {
        if (!window.location.href.includes("b2b_filters")) {
          throw new Error(`no filters in ${window.location.href}`);
        }
      },
    },
    // A KPI -------------------------------------------------------------------
    {
      content: "Drill down from the revenue KPI",
      trigger: `${filtered} .o_b2b_kpi_card[data-kpi='revenue']`,
    },
    {
      content: "The pivot opens on the dashboard's period, as a facet",
      trigger: `.o_pivot_view .o_searchview_facet:contains("Period")`,
      isCheck: true,
    },
    ...facetSteps("KPI"),
    {
      content: "The pivot agrees with the KPI",
      trigger: `.o_pivot_view .o_pivot_cell_value:contains("1,200")`,
      isCheck: true,
    },
    ...backToDashboard,
    // A bar of the trend -------------------------------------------------------
    {
      content: "Click this month's bar",
      trigger: `${filtered} .o_b2b_trend canvas`,
      run: () => {
        const canvas = document.querySelector(".o_b2b_trend canvas");
        const chart = window.Chart.getChart(canvas);
        const bars = chart.getDatasetMeta(0).data;
        const months = chart.data.labels;
        const index =
          months.length -
          1 -
          [...months]
            .reverse()
            .findIndex(
              (_month, i) => chart.data.datasets[0].data[months.length - 1 - i] !== null
            );
        const rect = canvas.getBoundingClientRect();
        const bar = bars[index];
        canvas.dispatchEvent(
          new MouseEvent("click", {
            clientX: rect.left + bar.x,
            clientY: rect.top + bar.y + 1,
            bubbles: true,
          })
        );
      },
    },
    {
      content: "The month's sales open with the period as a facet",
      trigger: `.o_pivot_view .o_searchview_facet:contains("Period")`,
      isCheck: true,
    },
    ...facetSteps("Trend"),
    {
      content: "The month's pivot agrees (customer rows, by revenue)",
      trigger: `.o_pivot_view .o_pivot_header_cell_closed:contains("Filter Agora")`,
      isCheck: true,
    },
    {
      content: "and its total",
      trigger: `.o_pivot_view .o_pivot_cell_value:contains("1,200")`,
      isCheck: true,
    },
    ...backToDashboard,
    // The orders KPI ------------------------------------------------------------
    {
      content: "Drill down to the orders",
      trigger: `${filtered} .o_b2b_kpi_card[data-kpi='orders']`,
    },
    {
      content: "The orders list says its period is in the analytics timezone",
      trigger: `.o_list_view .o_searchview_facet:contains("Ordered"):contains("dates in")`,
      isCheck: true,
    },
    {
      content: "and holds the filtered customer's order only",
      trigger: `.o_list_view .o_list_table:has(.o_data_row:contains("Filter Agora")):not(:contains("Filter Hotel")):not(:contains("Filter Corner"))`,
      isCheck: true,
    },
    ...backToDashboard,
    // A top customer -------------------------------------------------------------
    {
      content: "Open the top customer",
      trigger: `${filtered} .o_b2b_top_customer:contains("Filter Agora")`,
    },
    {
      content: "Its screen opens on the dashboard's period, and agrees",
      trigger: `.o_b2b_customer_analytics.o_b2b_ready .o_b2b_summary_card[data-kpi='revenue'] .o_b2b_kpi_value:contains("1,200")`,
      isCheck: true,
    },
    ...backToDashboard,
    // Several values of a filter ---------------------------------------------------
    {
      content: "Add a second region: Dhaka or Sylhet, Filter Gold",
      trigger: `${filtered} .o_b2b_filter_value[data-filter='region']:contains("Dhaka")`,
      run: () => selectOption("region", "Sylhet"),
    },
    {
      content: "Both regions are tags; Filter Agora and Filter Hotel count",
      trigger: `${filtered}:has(.o_b2b_filter_value[data-filter='region']:contains("Sylhet")) ${revenue}:contains("1,900")`,
      run: () => {
        const url = decodeURIComponent(window.location.href);
        if (!url.includes("dhaka") || !url.includes("sylhet")) {
          throw new Error(`the URL lacks a region: ${url}`);
        }
      },
    },
    {
      content: "Drill down to the orders of both regions",
      trigger: `${filtered} .o_b2b_kpi_card[data-kpi='orders']`,
    },
    {
      content: "One facet names both regions; the orders of Agora and Hotel",
      trigger: `.o_list_view:has(.o_searchview_facet:contains("Dhaka, Sylhet")) .o_list_table:has(.o_data_row:contains("Filter Agora")):has(.o_data_row:contains("Filter Hotel")):not(:contains("Filter Corner"))`,
      isCheck: true,
    },
    {
      content: "Back to the dashboard",
      trigger: `.breadcrumb-item a:contains("B2B Dashboard")`,
    },
    {
      content: "Remove Sylhet",
      trigger: `${filtered} .o_b2b_filter_value[data-filter='region']:contains("Sylhet") .o_b2b_filter_remove`,
    },
    {
      content: "Dhaka and Filter Gold again",
      trigger: `${filtered}:not(:has(.o_b2b_filter_value:contains("Sylhet"))) ${revenue}:contains("1,200")`,
      isCheck: true,
    },
  ],
});
