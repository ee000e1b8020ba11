/** @odoo-module **/

import {registry} from "@web/core/registry";

/**
 * A B2B customer's contact opens My Account → My Analytics and downloads its report.
 * Expects the data of smart_dairy_b2b/tests/test_portal.py (customer "Tour Dairy Shop").
 */
registry.category("web_tour.tours").add("smart_dairy_b2b_portal_tour", {
  test: true,
  url: "/my",
  steps: () => [
    {
      content: "Open My Analytics from My Account",
      trigger: '.o_portal_index_card a[href="/my/analytics"]',
    },
    {
      content: "The breadcrumb leads back to My Account",
      trigger: '.o_portal_submenu .breadcrumb-item.active:contains("My Analytics")',
      isCheck: true,
    },
    {
      content: "The analytics of the user's own customer are loaded by JSON-RPC",
      trigger: '.o_b2b_customer_name:contains("Tour Dairy Shop")',
      isCheck: true,
    },
    {
      content: "Orders of the last 12 months",
      trigger: '.o_b2b_kpi_orders:contains("2")',
      isCheck: true,
    },
    {
      content: "The monthly spend chart is drawn",
      trigger: "canvas.o_b2b_spend_chart",
      run() {
        if (!window.Chart || !window.Chart.getChart(this.$anchor[0])) {
          throw new Error("the monthly spend chart was not drawn");
        }
      },
    },
    {
      content: "Tier progress towards the next tier",
      trigger: '.o_b2b_tier_progress:contains("Portal Gold") .progress-bar',
      isCheck: true,
    },
    {
      content: "Top products list the products bought",
      trigger: '.o_b2b_top_products td:contains("Portal Cheese")',
      isCheck: true,
    },
    {
      content: "Download the customer report",
      trigger: 'a.o_b2b_report_link[data-format="xlsx"]',
      async run() {
        const response = await fetch(this.$anchor.attr("href"));
        const disposition = response.headers.get("Content-Disposition") || "";
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (
          !response.ok ||
          !disposition.startsWith("attachment") ||
          bytes[0] !== 0x50
        ) {
          throw new Error(`report download failed: ${response.status} ${disposition}`);
        }
        document.body.classList.add("o_b2b_report_downloaded");
      },
    },
    {
      content: "The report was downloaded",
      trigger: "body.o_b2b_report_downloaded",
      isCheck: true,
    },
  ],
});
