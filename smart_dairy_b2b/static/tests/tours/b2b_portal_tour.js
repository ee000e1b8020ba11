/** @odoo-module **/

import {registry} from "@web/core/registry";

/**
 * A B2B customer's buyer opens My Account → My Analytics, sees its purchases, invoices
 * and open balance, and downloads its own report, which holds none of the dairy's
 * internal assessments. Expects the data of smart_dairy_b2b/tests/portal_common.py
 * (customer "Tour Dairy Shop": 3,600.00 before taxes, 4,140.00 with taxes, open
 * balance 635.00).
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
      content: "The user's own customer is shown",
      trigger: '.o_b2b_customer_name:contains("Tour Dairy Shop")',
      isCheck: true,
    },
    {
      content: "Spend before taxes",
      trigger: '.o_b2b_kpi_spend:contains("3,600.00")',
      isCheck: true,
    },
    {
      content: "Spend including taxes",
      trigger: '.o_b2b_kpi_spend_total:contains("4,140.00")',
      isCheck: true,
    },
    {
      content: "Orders of the last 12 months",
      trigger: '.o_b2b_kpi_orders:contains("2")',
      isCheck: true,
    },
    {
      content: "Open balance of the posted invoices and credit notes",
      trigger: '.o_b2b_kpi_balance:contains("635.00")',
      isCheck: true,
    },
    {
      content: "The overdue part of it",
      trigger: '.o_b2b_kpi_overdue:contains("750.00")',
      isCheck: true,
    },
    {
      content:
        "The invoices list the invoice and the credit note, linked to the portal",
      trigger: ".o_b2b_invoice_list tbody tr:nth-child(2) a[href^='/my/invoices/']",
      run() {
        const text = document.querySelector(".o_b2b_invoices").textContent;
        if (!text.includes("credit note") || !text.includes("750.00")) {
          throw new Error(`unexpected invoices: ${text}`);
        }
      },
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
      trigger:
        '.o_b2b_tier_progress:contains("Portal Gold") .progress-bar:contains("36")',
      isCheck: true,
    },
    {
      content: "Products list what was bought",
      trigger: '.o_b2b_products td:contains("Portal Milk 1L")',
      isCheck: true,
    },
    {
      content: "No internal assessment is on the page",
      trigger: ".o_b2b_portal_analytics",
      run() {
        const text = this.$anchor[0].textContent.toLowerCase();
        for (const word of [
          "margin",
          "lifetime",
          "rfm",
          "churn",
          "p(alive)",
          "at risk",
        ]) {
          if (text.includes(word)) {
            throw new Error(`the page shows "${word}"`);
          }
        }
      },
    },
    {
      content: "Download the buyer's own report",
      trigger: 'a.o_b2b_report_link[data-format="csv"]',
      async run() {
        const response = await fetch(this.$anchor.attr("href"));
        const disposition = response.headers.get("Content-Disposition") || "";
        const text = await response.text();
        if (
          !response.ok ||
          !disposition.startsWith("attachment") ||
          !text.includes("Spend before taxes") ||
          !text.includes("3600.00") ||
          /margin|churn|rfm|clv/i.test(text)
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
