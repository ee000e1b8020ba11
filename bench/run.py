"""The benchmark of docs/performance.md: warm JSON-RPC calls on datasets L, XL and W.

    .venv/bin/python bench/run.py --size L          # 1,000,000 counted order lines
    .venv/bin/python bench/run.py --size XL         # 10,000,000
    .venv/bin/python bench/run.py --size W          # 10,000,000 over 50,000 customers
    .venv/bin/python bench/run.py --size S --lines 50000   # a quick look
    .venv/bin/python bench/run.py --size L --plain  # plain PostgreSQL, no TimescaleDB

It builds (or reuses) the dataset with the addon's generator, does what the background
workers would do after such a load, starts Odoo on it, warms up, then times each call
`--calls` times (median and p95). Each analytics method is timed again right after an
order: a new order confirmed for a customer, then the next call of the method (a new
order before each of the `--calls` samples). In the same run it times Odoo's own `sale.report`
read_group for the same figures and a trivial JSON-RPC call (the floor), and prints
everything as ratios to them too. Results go to bench/results/<size>[-plain].json;
bench/report.py turns them into the README's table.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
SIZES = {"S": 50_000, "L": 1_000_000, "XL": 10_000_000, "W": 10_000_000}  # counted lines
CUSTOMERS = {"S": 2000, "L": 2000, "XL": 2000, "W": 50_000}  # --customers by default
TARGETS_MS = {  # DESIGN.md section 9, docs/performance.md
    "dashboard": {"L": 150, "XL": 60, "W": 300},
    "customer_summary": {"L": 80, "XL": 50, "W": 80},
    "pivot_month_tier": {"L": 200, "XL": 200, "W": 300},
    "rfm_all_customers": {"L": 1000, "XL": 1000, "W": 1000},
    "overdue_customers": {"L": 100, "XL": 100, "W": 200},
    "model_fit": {"L": 2000, "XL": 2000, "W": 5000},
    "executive_xlsx": {"L": 3000, "XL": 3000, "W": 3000},
    "retention_trend_12m": {"L": 200},
    "category_preferences_12m": {"L": 200},
    "discount_analysis": {"L": 200},
    "channel_analysis": {"L": 200},
    "campaign_performance": {"L": 200},
    "credit_analysis": {"L": 200},
    "payment_preferences": {"L": 200},
}


def targets(size):
    """{measure: target ms} of a size; a call right after an order has its method's."""
    result = {name: target.get(size) for name, target in TARGETS_MS.items()}
    for name in ("dashboard", "customer_summary", "rfm_all_customers", "overdue_customers"):
        result[f"{name}_after_order"] = result[name]
    # the at-risk list is on the dashboard: its target
    result["at_risk_list_after_order"] = result["dashboard"]
    return result


def odoo(*args, output=False):
    """Run an Odoo command; ``output``: return its output and status to the caller
    instead of failing on an error."""
    command = [PY, "-m", "odoo", "--addons-path=.", *args, "-c", "odoo.conf"]
    if output:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    return subprocess.run(command, cwd=ROOT, check=True)


def psql(database, sql):
    env = dict(os.environ, PGPASSWORD="odoo")
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", "55432", "-U", "odoo", "-d", database, "-qtAc", sql],
        capture_output=True,
        text=True,
        env=env,
    )
    return result.stdout.strip() if result.returncode == 0 else None


def ensure_dataset(database, lines, customers, years):
    subprocess.run(["bash", "scripts/ensure-postgres.sh"], cwd=ROOT, check=True)
    have = psql(database, "SELECT COUNT(*) FROM b2b_sale_fact")
    if have and int(have) >= lines * 0.95:
        print(f"reusing {database}: {int(have):,} counted lines", flush=True)
        # the addon's tables and indexes as the code now defines them
        odoo("-d", database, "-u", "smart_dairy_b2b", "--stop-after-init", "--log-level=warn")
    else:
        subprocess.run(
            ["dropdb", "--if-exists", "-h", "127.0.0.1", "-p", "55432", "-U", "odoo", database],
            env=dict(os.environ, PGPASSWORD="odoo"),
            check=True,
        )
        started = time.monotonic()
        odoo(
            "-d",
            database,
            "-i",
            "smart_dairy_b2b",
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        )
        odoo(
            "b2b_generate",
            "-d",
            database,
            "--lines",
            str(lines),
            "--customers",
            str(customers),
            "--products",
            "150",
            "--years",
            str(years),
            "--seed",
            "42",
            "--log-level=warn",
        )
        print(f"built {database} in {time.monotonic() - started:.0f} s", flush=True)
    background_maintenance(database)


def background_maintenance(database):
    """What the background workers do soon after a bulk load, done now: the rollup
    cron (TimescaleDB: refresh the continuous aggregates), TimescaleDB's compression
    policies, autovacuum (planner statistics, the visibility map of index-only scans),
    the checkpoint after it."""
    odoo("b2b_facts", "--refresh", "-d", database, "--log-level=warn")
    jobs = psql(
        database,
        "SELECT string_agg(job_id::text, ' ') FROM timescaledb_information.jobs"
        " WHERE proc_name = 'policy_compression'",
    )
    for job in (jobs or "").split():
        psql(database, f"CALL run_job({int(job)})")
    psql(database, "VACUUM ANALYZE")
    # the pages VACUUM dirtied written out now, not by the checkpointer during the timings
    psql(database, "CHECKPOINT")


def engine(database):
    """PostgreSQL's version, and TimescaleDB's where the facts are a hypertable."""
    version = psql(database, "SHOW server_version").split()[0]
    timescale = psql(
        database,
        "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"
        " AND EXISTS (SELECT FROM timescaledb_information.hypertables"
        " WHERE hypertable_name = 'b2b_sale_fact')",
    )
    return f"PostgreSQL {version}" + (f" + TimescaleDB {timescale}" if timescale else "")


class Client:
    """A JSON-RPC client on a logged-in Odoo web session."""

    def __init__(self, url, database):
        self.url = url
        self.session = requests.Session()
        self.call_path(
            "/web/session/authenticate", {"db": database, "login": "admin", "password": "admin"}
        )

    def call_path(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=600,
        )
        body = response.json()
        if "error" in body:
            raise RuntimeError(json.dumps(body["error"])[:2000])
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.call_path(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def port_answers(url):
    try:
        return requests.get(url + "/web/login", timeout=5).status_code == 200
    except requests.RequestException:  # not up yet, or too busy starting to answer
        return False


def timed(function, calls):
    function()  # warm-up
    function()
    durations = []
    for _call in range(calls):
        started = time.perf_counter()
        function()
        durations.append((time.perf_counter() - started) * 1000)
    return summary(durations)


def summary(durations):
    durations = sorted(durations)
    return {
        "median_ms": statistics.median(durations),
        "p95_ms": durations[max(0, int(round(0.95 * len(durations))) - 1)],
        "calls": len(durations),
    }


def confirm_order(client, partner, product):
    """A new order for ``partner``, confirmed."""
    order = client.call(
        "sale.order",
        "create",
        {
            "partner_id": partner,
            "order_line": [[0, 0, {"product_id": product, "product_uom_qty": 3}]],
        },
    )
    client.call("sale.order", "action_confirm", [order])


def record(results, name, result):
    """``results[name] = result``, printed."""
    results[name] = result
    print(
        f"{name:32} median {result['median_ms']:8.1f} ms   p95 {result['p95_ms']:8.1f} ms",
        flush=True,
    )


def timed_after_orders(client, function, customers, product, calls):
    """The call right after an order: for each sample, confirm a new order for the next
    customer (untimed), then time ``function(customer)``: what the first user to look
    after an order waits, with no time-kept result to lean on."""
    durations = []
    for sample in range(calls):
        customer = customers[sample % len(customers)]
        confirm_order(client, customer["partner_id"][0], product)
        started = time.perf_counter()
        function(customer)
        durations.append((time.perf_counter() - started) * 1000)
    return summary(durations)


def refit_entry(client):
    """The model's refit as its cron runs it, when the addon has such a cron (its code
    names the fit); else the manager's refit through ``get_model_fit``. Returns (what
    is timed, its label)."""
    crons = client.call(
        "ir.cron",
        "search_read",
        [("ir_actions_server_id.model_id.model", "like", "b2b.%"), ("code", "ilike", "fit")],
        ["id", "code"],
        context={"active_test": False},
    )
    if crons:
        cron = crons[0]["id"]
        return (
            lambda: client.call("ir.cron", "method_direct_trigger", [cron]),
            f"cron: {crons[0]['code'].strip()}",
        )
    return (
        lambda: client.call("b2b.analytics.service", "get_model_fit", refresh=True),
        "get_model_fit(refresh=True)",
    )


def at_risk_entry(client):
    """The at-risk list, as the dashboard shows it (the service has no method of its
    own). Returns (what is timed, its label)."""
    return (
        lambda: client.call("b2b.analytics.service", "get_executive_dashboard")[
            "at_risk_customers"
        ],
        "get_executive_dashboard()['at_risk_customers']",
    )


def freshness(client, customer_partner, product):
    """Confirm an order and time until the very next dashboard call shows it."""
    before = client.call("b2b.analytics.service", "get_executive_dashboard")
    order = client.call(
        "sale.order",
        "create",
        {
            "partner_id": customer_partner,
            "order_line": [[0, 0, {"product_id": product, "product_uom_qty": 3}]],
        },
    )
    started = time.perf_counter()
    client.call("sale.order", "action_confirm", [order])
    after = client.call("b2b.analytics.service", "get_executive_dashboard")
    elapsed = (time.perf_counter() - started) * 1000
    return {
        "confirm_then_dashboard_ms": elapsed,
        "shown_in_next_call": after["kpis"]["orders"]["value"]
        == before["kpis"]["orders"]["value"] + 1,
    }


def concurrent_confirmers(url, database, partners, product, workers=4, orders_each=15):
    """Four users confirm orders at once, each for its own customers (as account
    managers do), while the rollup cron's work (TimescaleDB: the continuous
    aggregates' refresh) runs again and again beside them; reports throughput, the
    slowest confirm and how many rollup runs finished."""
    results, errors = [], []
    confirming = threading.Event()
    confirming.set()
    maintenance = {"runs": 0, "failures": 0}

    def work(seed):
        client = Client(url, database)
        rng = random.Random(seed)
        own = partners[seed::workers]
        for _order in range(orders_each):
            order = client.call(
                "sale.order",
                "create",
                {
                    "partner_id": rng.choice(own),
                    "order_line": [[0, 0, {"product_id": product, "product_uom_qty": 1}]],
                },
            )
            started = time.perf_counter()
            try:
                client.call("sale.order", "action_confirm", [order])
            except RuntimeError as error:
                errors.append(str(error)[:200])
            results.append((time.perf_counter() - started) * 1000)

    def maintain_rollups():
        admin = Client(url, database)
        cron = admin.call(
            "ir.model.data",
            "search_read",
            [("module", "=", "smart_dairy_b2b"), ("name", "=", "b2b_rollup_maintenance_cron")],
            ["res_id"],
        )[0]["res_id"]
        while confirming.is_set():
            try:
                admin.call("ir.cron", "method_direct_trigger", [cron])
                maintenance["runs"] += 1
            except RuntimeError:
                maintenance["failures"] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(workers)]
    maintainer = threading.Thread(target=maintain_rollups)
    maintainer.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = time.perf_counter() - started
    confirming.clear()
    maintainer.join()
    return {
        "workers": workers,
        "orders": len(results),
        "orders_per_second": len(results) / total,
        "median_confirm_ms": statistics.median(results),
        "max_confirm_ms": max(results),
        "errors": errors,
        "rollup_runs_beside": maintenance["runs"],
        "rollup_run_failures": maintenance["failures"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="L")
    parser.add_argument("--lines", type=int, help="override the size's line count")
    parser.add_argument(
        "--customers", type=int, help="B2B customers (default: the size's, W: 50,000)"
    )
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--port", type=int, default=8569)
    parser.add_argument(
        "--plain", action="store_true", help="plain PostgreSQL tables even where TimescaleDB is"
    )
    parser.add_argument("--database", help="the dataset's database (default: bench_<size>)")
    args = parser.parse_args()
    if args.calls < 1 or (args.lines is not None and args.lines < 1000):
        parser.error("--calls must be >= 1 and --lines >= 1000")
    lines = args.lines or SIZES[args.size]
    args.customers = args.customers or CUSTOMERS[args.size]
    dataset = args.size + ("-plain" if args.plain else "")
    database = args.database or "bench_" + dataset.lower().replace("-", "_")
    if args.plain:  # the addon then installs plain tables (a new database only)
        os.environ["SMART_DAIRY_B2B_TIMESCALE"] = "off"
    url = f"http://127.0.0.1:{args.port}"
    if port_answers(url):
        parser.error(f"something already serves {url}: stop it, or choose another --port")
    ensure_dataset(database, lines, args.customers, args.years)

    server = subprocess.Popen(
        [
            PY,
            "-m",
            "odoo",
            "-c",
            "odoo.conf",
            "-d",
            database,
            f"--db-filter=^{database}$",
            "--http-port",
            str(args.port),
            "--workers",
            "0",
            "--max-cron-threads",
            "0",
            "--log-level",
            "warn",
        ],
        cwd=ROOT,
    )
    try:
        for _attempt in range(120):
            if server.poll() is not None:
                raise RuntimeError(f"the Odoo server for {database} stopped on start")
            if port_answers(url):
                break
            time.sleep(1)
        client = Client(url, database)
        process = psutil.Process(server.pid)
        peak_rss = [0]
        sampling = threading.Event()

        def sample():
            while not sampling.is_set():
                peak_rss[0] = max(peak_rss[0], process.memory_info().rss)
                time.sleep(0.05)

        threading.Thread(target=sample, daemon=True).start()
        today = date.fromisoformat(
            client.call("b2b.analytics.service", "get_executive_dashboard")["period"]["date_to"]
        )
        year_ago = (today - timedelta(days=364)).isoformat()
        customers = client.call(
            "b2b.customer", "search_read", [], fields=["id", "partner_id"], limit=50, order="id"
        )
        product = client.call("product.product", "search", [("sale_ok", "=", True)], limit=1)[0]
        rng = random.Random(1)
        refit, refit_label = refit_entry(client)
        at_risk, at_risk_label = at_risk_entry(client)

        def month_tier_pivot():
            return client.call(
                "b2b.analytics",
                "read_group",
                [("date", ">=", year_ago)],
                ["revenue:sum", "order_count:sum", "aov:avg"],
                ["date:month", "tier_id"],
                lazy=False,
            )

        def sale_report_month_pivot():
            return client.call(
                "sale.report",
                "read_group",
                [("state", "=", "sale"), ("date", ">=", year_ago)],
                ["price_subtotal:sum", "nbr:sum"],
                ["date:month", "team_id"],
                lazy=False,
            )

        def sale_report_dashboard():
            """What sale.report needs for the dashboard's revenue, orders and top
            customers over the same period."""
            month_start = today.replace(day=1).isoformat()
            client.call(
                "sale.report",
                "read_group",
                [("state", "=", "sale"), ("date", ">=", month_start)],
                ["price_subtotal:sum", "order_reference:count_distinct"],
                [],
            )
            return client.call(
                "sale.report",
                "read_group",
                [("state", "=", "sale"), ("date", ">=", month_start)],
                ["price_subtotal:sum"],
                ["commercial_partner_id"],
                orderby="price_subtotal desc",
                limit=10,
                lazy=False,
            )

        measures = {
            "floor": lambda: client.call("res.company", "search_count", []),
            "dashboard": lambda: client.call("b2b.analytics.service", "get_executive_dashboard"),
            "customer_summary": lambda: client.call(
                "b2b.analytics.service", "get_customer_summary", rng.choice(customers)["id"]
            ),
            "pivot_month_tier": month_tier_pivot,
            "rfm_all_customers": lambda: client.call("b2b.analytics.service", "get_rfm_segments"),
            "overdue_customers": lambda: client.call(
                "b2b.analytics.service", "get_overdue_customers"
            ),
            "credit_analysis": lambda: client.call("b2b.analytics.service", "get_credit_analysis"),
            "payment_preferences": lambda: client.call(
                "b2b.analytics.service", "get_payment_preferences"
            ),
            "model_fit": refit,
            "retention_trend_12m": lambda: client.call(
                "b2b.analytics.service", "get_retention_trend", year_ago, today.isoformat()
            ),
            "category_preferences_12m": lambda: client.call(
                "b2b.analytics.service", "get_category_preferences", year_ago, today.isoformat()
            ),
            "executive_xlsx": lambda: client.call(
                "b2b.report.export.service", "export_executive_report", "xlsx"
            ),
            "discount_analysis": lambda: client.call(
                "b2b.analytics.service", "get_discount_analysis"
            ),
            "channel_analysis": lambda: client.call(
                "b2b.analytics.service", "get_channel_analysis"
            ),
            "campaign_performance": lambda: client.call(
                "b2b.analytics.service", "get_campaign_performance"
            ),
        }
        results = {}
        for name, function in measures.items():
            record(results, name, timed(function, args.calls))
        service = "b2b.analytics.service"
        after_order = {
            "dashboard": lambda _c: client.call(service, "get_executive_dashboard"),
            "customer_summary": lambda c: client.call(service, "get_customer_summary", c["id"]),
            "rfm_all_customers": lambda _c: client.call(service, "get_rfm_segments"),
            "at_risk_list": lambda _c: at_risk(),
            "overdue_customers": lambda _c: client.call(service, "get_overdue_customers"),
        }
        for name, function in after_order.items():
            record(
                results,
                f"{name}_after_order",
                timed_after_orders(client, function, customers, product, args.calls),
            )
        # Odoo's own figures last: their scans of every order line push the analytics'
        # rollups out of the caches, which the calls above would then pay for
        comparisons = {
            "sale_report_pivot_month": sale_report_month_pivot,
            "sale_report_dashboard_figures": sale_report_dashboard,
        }
        for name, function in comparisons.items():
            record(results, name, timed(function, args.calls))
        floor = results["floor"]["median_ms"]
        for result in results.values():
            result["x_floor"] = result["median_ms"] / floor
        results["dashboard"]["x_sale_report"] = (
            results["dashboard"]["median_ms"]
            / results["sale_report_dashboard_figures"]["median_ms"]
        )
        results["pivot_month_tier"]["x_sale_report"] = (
            results["pivot_month_tier"]["median_ms"]
            / results["sale_report_pivot_month"]["median_ms"]
        )
        partner_ids = [c["partner_id"][0] for c in customers]
        fresh = freshness(client, partner_ids[0], product)
        concurrency = concurrent_confirmers(url, database, partner_ids, product)
        sampling.set()
        counted = psql(database, "SELECT COUNT(*) FROM b2b_sale_fact")
    finally:
        server.terminate()
        server.wait(timeout=60)
    verify = odoo("b2b_facts", "--verify", "-d", database, "--log-level=warn", output=True)
    report = {
        "size": args.size,
        "database": database,
        "counted_lines": int(counted),
        "customers": args.customers,
        "engine": engine(database),
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB",
        "results": results,
        "targets_ms": targets(args.size),
        "entries": {"model_fit": refit_label, "at_risk_list": at_risk_label},
        "freshness": fresh,
        "concurrent_confirmers": concurrency,
        "verify_after_concurrency": verify.stdout.strip().splitlines()[-1:],
        "peak_rss_mib": peak_rss[0] / 2**20,
    }
    out = ROOT / "bench" / "results" / f"{dataset}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(json.dumps({k: v for k, v in report.items() if k != "results"}, indent=2))
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
