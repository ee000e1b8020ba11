"""Write the README's performance table from bench/results/*.json (bench/run.py)."""

import json
import re
from pathlib import Path

from run import targets

ROOT = Path(__file__).resolve().parents[1]
SIZE_ORDER = ("S", "L", "XL", "W")
ROWS = [
    ("dashboard", "Executive dashboard"),
    ("customer_summary", "Customer summary"),
    ("pivot_month_tier", "Pivot `b2b.analytics` month × tier"),
    ("rfm_all_customers", "RFM, all customers"),
    ("overdue_customers", "Overdue customers (rhythm)"),
    ("model_fit", "BG/NBD + Gamma-Gamma fit (the refit)"),
    ("executive_xlsx", "Executive XLSX"),
    ("retention_trend_12m", "Retention over time, 12 months"),
    ("category_preferences_12m", "Category preferences, 12 months"),
    ("discount_analysis", "Discounts by tier"),
    ("channel_analysis", "Channels"),
    ("campaign_performance", "Campaigns"),
    ("credit_analysis", "Credit and receivables"),
    ("payment_preferences", "Payment preferences"),
    ("dashboard_after_order", "Executive dashboard, right after an order"),
    ("customer_summary_after_order", "Customer summary, right after its order"),
    ("rfm_all_customers_after_order", "RFM, right after an order"),
    ("at_risk_list_after_order", "At-risk list, right after an order"),
    ("overdue_customers_after_order", "Overdue customers, right after an order"),
    ("sale_report_dashboard_figures", "`sale.report`: the dashboard's figures"),
    ("sale_report_pivot_month", "`sale.report`: month pivot"),
    ("floor", "Floor (a trivial JSON-RPC call)"),
]


def load_reports():
    reports = [
        json.loads(path.read_text())
        for path in (ROOT / "bench" / "results").glob("*.json")
        if not path.name.startswith("load-")  # bench/load.py's: load_table()
    ]
    # L, XL, then W; TimescaleDB before plain PostgreSQL
    return sorted(
        reports, key=lambda r: (SIZE_ORDER.index(r["size"]), "TimescaleDB" not in r["engine"])
    )


def column(report):
    return report["size"] + ("" if "TimescaleDB" in report["engine"] else " (plain)")


def overview(reports):
    """One row per call, one column per dataset: median ms (target)."""
    lines = [
        "| call (median ms, target) | " + " | ".join(column(r) for r in reports) + " |",
        "|---|" + "---:|" * len(reports),
    ]
    for key, label in ROWS:
        if not any(key in r["results"] for r in reports):
            continue
        cells = []
        for report in reports:
            result = report["results"].get(key)
            target = targets(report["size"]).get(key)
            cells.append(
                ""
                if result is None
                else f"{result['median_ms']:.0f}" + (f" (≤ {target})" if target else "")
            )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def details(report):
    results, size_targets = report["results"], targets(report["size"])
    lines = [
        f"**{column(report)}** on {report['engine']} — {report['counted_lines']:,} "
        f"counted lines, {report['customers']:,} customers; {report['machine']}; "
        f"{report['when']}; Odoo worker peak RSS {report['peak_rss_mib']:.0f} MiB.",
        "",
        "| call | median ms | p95 ms | target ms | × floor | × sale.report |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, label in ROWS:
        if key not in results:
            continue
        result = results[key]
        target = size_targets.get(key)
        ratio = result.get("x_sale_report")
        lines.append(
            f"| {label} | {result['median_ms']:.0f} | {result['p95_ms']:.0f} | "
            f"{target if target else ''} | {result['x_floor']:.1f} | "
            f"{f'{ratio:.2f}' if ratio else ''} |"
        )
    fresh = report["freshness"]
    busy = report["concurrent_confirmers"]
    entries = report.get("entries", {})
    lines += [
        "",
        "Freshness: confirm + next dashboard call "
        f"{fresh['confirm_then_dashboard_ms']:.0f} ms, "
        f"order shown: {fresh['shown_in_next_call']}. "
        f"{busy['workers']} concurrent confirmers: {busy['orders']} orders, "
        f"{busy['orders_per_second']:.1f} orders/s, slowest confirm "
        f"{busy['max_confirm_ms']:.0f} ms, errors {len(busy['errors'])}, "
        f"{busy['rollup_runs_beside']} rollup cron runs beside them "
        f"({busy['rollup_run_failures']} failed); "
        f"verify afterwards: {' '.join(report['verify_after_concurrency'])}"
        + "".join(f"; {key} timed as `{entry}`" for key, entry in sorted(entries.items())),
        "",
    ]
    return lines


def table():
    reports = load_reports()
    lines = [*overview(reports), ""]
    for report in reports:
        lines += details(report)
    return "\n".join(lines)


def load_table():
    """bench/load.py's runs: throughput, median and p95 per kind of call."""
    lines = []
    for path in sorted((ROOT / "bench" / "results").glob("load-*.json")):
        report = json.loads(path.read_text())
        users = ", ".join(f"{count} {role}" for role, count in report["users"].items())
        memory = report["peak_memory_mib"]
        lines += [
            f"**Under load, {report['size']}** on {report['engine']} — "
            f"{report['counted_lines']:,} counted lines; {report['machine']}; "
            f"{report['when']} (load average {report['load_average_1m_start_end'][0]:.1f}); "
            f"Odoo with {report['odoo']['workers']} HTTP workers and a cron "
            f"worker; {sum(report['users'].values())} users ({users}) for "
            f"{report['seconds']:g} s, {report['think_s']:g} s between calls on average.",
            "",
            "| call | calls | median ms | p95 ms |",
            "|---|---:|---:|---:|",
        ]
        for kind, figures in report["kinds"].items():
            lines.append(
                f"| {kind} | {figures['calls']} | {figures['median_ms']:.0f} | "
                f"{figures['p95_ms']:.0f} |"
            )
        lines += [
            "",
            f"{report['calls_per_second']:.1f} calls/s; errors {report['error_count']} "
            f"(Odoo log: {report['odoo_log_errors']['count']}); peak RSS of an HTTP worker "
            f"{memory.get('http_worker', 0):.0f} MiB, of the cron worker "
            f"{memory.get('cron_worker', 0):.0f} MiB, of the whole tree "
            f"{memory.get('tree_pss', 0):.0f} MiB (PSS); crons run beside: "
            f"{', '.join(report['crons_run']) or 'none'}; verify afterwards: {report['verify']}",
            "",
        ]
    return "\n".join(lines)


def main():
    readme = ROOT / "README.md"
    text = readme.read_text()
    block = f"<!-- bench:start -->\n{table()}\n{load_table()}<!-- bench:end -->"
    text = re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", lambda _m: block, text, flags=re.S)
    readme.write_text(text)


if __name__ == "__main__":
    main()
