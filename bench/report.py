"""Write the README's performance table from bench/results/*.json (bench/run.py)."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = [
    ("dashboard", "Executive dashboard"),
    ("customer_summary", "Customer summary"),
    ("pivot_month_tier", "Pivot `b2b.analytics` month × tier"),
    ("rfm_all_customers", "RFM, all customers"),
    ("overdue_customers", "Overdue customers (rhythm)"),
    ("model_fit", "BG/NBD + Gamma-Gamma fit"),
    ("executive_xlsx", "Executive XLSX"),
    ("sale_report_dashboard_figures", "`sale.report`: the dashboard's figures"),
    ("sale_report_pivot_month", "`sale.report`: month pivot"),
    ("floor", "Floor (a trivial JSON-RPC call)"),
]


def table():
    lines = []
    reports = [
        json.loads(path.read_text())
        for path in (ROOT / "bench" / "results").glob("*.json")
        if not path.name.startswith("load-")  # bench/load.py's: load_table()
    ]
    # L before XL, TimescaleDB before plain PostgreSQL
    for report in sorted(reports, key=lambda r: (len(r["size"]), "+" not in r["engine"])):
        results, targets = report["results"], report["targets_ms"]
        lines += [
            f"**{report['size']}** on {report['engine']} — {report['counted_lines']:,} "
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
            target = targets.get(key)
            ratio = result.get("x_sale_report")
            lines.append(
                f"| {label} | {result['median_ms']:.0f} | {result['p95_ms']:.0f} | "
                f"{target if target else ''} | {result['x_floor']:.1f} | "
                f"{f'{ratio:.2f}' if ratio else ''} |"
            )
        fresh = report["freshness"]
        busy = report["concurrent_confirmers"]
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
            f"verify afterwards: {' '.join(report['verify_after_concurrency'])}",
            "",
        ]
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
