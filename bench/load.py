"""The load test of docs/performance.md: Odoo as it runs in production, many users at once.

    .venv/bin/python bench/load.py --size L                  # bench_l: 16 users for 60 s
    .venv/bin/python bench/load.py --size S --lines 50000 --database hl_load \\
        --port 8760 --gevent-port 8770 --seconds 30         # a quick look

The dataset is bench/run.py's (built or reused the same way, ``ensure_dataset``). Odoo
then runs the way production runs it: the prefork server with ``--workers`` HTTP worker
processes (4), its cron worker in a process of its own (``--max-cron-threads 1``) and
the gevent process. ``--users`` simulated users (16), each on a web session of its own,
work for ``--seconds`` (60), pausing ``--think`` seconds on average between calls:

- managers (Sales / Administrator) on the executive dashboard, over periods, comparisons
  and filters, and on the customer screens (summary, category preferences);
- salespeople (Sales / User: own documents), the customers' account managers, on their
  own customers: dashboard, customer list, customer summary, overdue customers;
- portal buyers, contacts of customers, on My Analytics (``/my/analytics/data``);
- one user exporting: the executive report as XLSX (export service, JSON-RPC) and as
  PDF (the HTTP API's export);
- two users confirming orders (create and ``action_confirm``, a random customer each).

The users are made as the admin over JSON-RPC (logins ``load.*``; the dataset's own
salespeople get a password). When the users start, the rollup cron is made due, so
the cron worker runs beside them. Reported: throughput, median and p95 per kind of
call, errors (the first of each kind; the Odoo log's errors too), the peak memory of
the process tree (psutil), the crons that ran, and ``odoo b2b_facts --verify``
afterwards. Results go to bench/results/load-<size>.json; bench/report.py puts them in
the README.
"""

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

import psutil
import requests
from load_roles import Recorder, World, simulate
from load_users import PASSWORD, UserClient, make_users, ref
from run import PY, ROOT, SIZES, Client, engine, ensure_dataset, odoo, port_answers, psql

FIXED_ROLES = {"exporter": 1, "confirmer": 2}
SHARED_ROLES = ("manager", "salesperson", "portal")  # the other users, in turns
MIN_USERS = sum(FIXED_ROLES.values()) + len(SHARED_ROLES)
DATABASE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


# Arguments -------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="L")
    parser.add_argument("--lines", type=int, help="override the size's line count")
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--database", help="default: bench_<size>, bench/run.py's")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between calls, s")
    parser.add_argument("--workers", type=int, default=4, help="Odoo's HTTP worker processes")
    parser.add_argument("--port", type=int, default=8569)
    parser.add_argument("--gevent-port", type=int, help="default: --port + 1")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="use the database as it is (bench/run.py has just prepared it): no update, "
        "no maintenance",
    )
    args = parser.parse_args(argv)
    if args.users < MIN_USERS:
        parser.error(
            f"--users must be at least {MIN_USERS} (a manager, a salesperson, a portal "
            f"buyer, an exporter and two confirmers), not {args.users}"
        )
    if args.seconds < 5:
        parser.error(f"--seconds must be at least 5, not {args.seconds:g}")
    if args.think < 0:
        parser.error(f"--think must be 0 or more seconds, not {args.think:g}")
    if args.workers < 2:
        parser.error(
            f"--workers must be at least 2 (production's prefork server), not {args.workers}"
        )
    if args.lines is not None and args.lines < 1000:
        parser.error(f"--lines must be at least 1000, not {args.lines}")
    if args.customers < 10:
        parser.error(f"--customers must be at least 10, not {args.customers}")
    args.database = args.database or f"bench_{args.size.lower()}"
    if not DATABASE_NAME.match(args.database):
        parser.error(f"--database must be lower-case letters, digits and _, not {args.database!r}")
    if args.gevent_port is None:
        args.gevent_port = args.port + 1
    for option, port in (("--port", args.port), ("--gevent-port", args.gevent_port)):
        if not 1024 <= port <= 65535:
            parser.error(f"{option} must be between 1024 and 65535, not {port}")
    if args.gevent_port == args.port:
        parser.error("--gevent-port must differ from --port")
    return args


def role_counts(users):
    """How many simulated users play each role: the exporter and the two confirmers,
    then managers, salespeople and portal buyers in turns."""
    counts = dict.fromkeys(SHARED_ROLES, 0) | FIXED_ROLES
    for turn in range(users - sum(FIXED_ROLES.values())):
        counts[SHARED_ROLES[turn % len(SHARED_ROLES)]] += 1
    return counts


# The server and its memory -----------------------------------------------------------


def start_server(args, log):
    """Odoo's prefork server: HTTP workers, a cron worker process, the gevent process."""
    command = [
        PY,
        str(ROOT / "bench" / "odoo_server.py"),
        "-c",
        "odoo.conf",
        "-d",
        args.database,
        f"--db-filter=^{args.database}$",
        "--http-port",
        str(args.port),
        "--gevent-port",
        str(args.gevent_port),
        "--workers",
        str(args.workers),
        "--max-cron-threads",
        "1",
        "--log-level",
        "warn",
        "--logfile",
        str(log),
    ]
    return subprocess.Popen(command, cwd=ROOT)


class TreeMemory:
    """Samples the memory of the server's process tree until stopped: the peak resident
    set of each kind of process and of the whole tree (shared pages counted in every
    process), every ``interval`` s; the tree's proportional set size (shared pages split
    between the processes) every ``pss_every`` samples, as reading it costs the 2-core
    machine tens of ms per process."""

    def __init__(self, pid, interval=0.5, pss_every=20):
        self.root = psutil.Process(pid)
        self.interval, self.pss_every = interval, pss_every
        self.peak_mib = {}
        self.http_pids = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def kind(self, process):
        if process.pid == self.root.pid:
            return "master"
        if "gevent" in process.cmdline():
            return "gevent"
        if not process.name().startswith("python"):
            return "other"  # wkhtmltopdf rendering a PDF
        # WorkerCron.start() renices its process; HTTP workers keep the master's niceness
        return "cron_worker" if process.nice() > self.root.nice() else "http_worker"

    def sample(self, pss):
        rss_total = pss_total = 0
        for process in [self.root, *self.root.children(recursive=True)]:
            try:
                kind = self.kind(process)
                memory = process.memory_full_info() if pss else process.memory_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue  # a worker recycled between the listing and the reading
            if kind == "http_worker":
                self.http_pids.add(process.pid)
            rss_total += memory.rss
            pss_total += memory.pss if pss else 0
            self._peak(kind, memory.rss)
        self._peak("tree_rss", rss_total)
        if pss:
            self._peak("tree_pss", pss_total)

    def _peak(self, key, size):
        self.peak_mib[key] = max(self.peak_mib.get(key, 0), size / 2**20)

    def _run(self):
        count = 0
        while not self._stop.is_set():
            try:
                self.sample(pss=count % self.pss_every == 0)
            except psutil.NoSuchProcess:
                return  # the server is gone
            count += 1
            self._stop.wait(self.interval)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join()


def serving(url):
    """Whether Odoo answers at ``url``: a worker still loading the registry of a busy
    machine may take longer than run.py's ``port_answers`` waits."""
    try:
        return port_answers(url)
    except requests.Timeout:
        return False


def stop_server(server):
    """SIGTERM to the master (it stops its workers), then whatever of its tree is left
    (psutil refuses to signal a process whose id was reused meanwhile)."""
    try:
        tree = psutil.Process(server.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        tree = []
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    for process in tree:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass


# The run -------------------------------------------------------------------------------


def percentile(durations, share):
    ordered = sorted(durations)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


def summary(recorder, began, seconds):
    """Median and p95 per kind of the calls made in the window; the throughput counts
    those that ended in it (the calls in flight at its end finish after it)."""
    by_kind = {}
    ended_in_window = 0
    last_end = began + seconds
    for phase, kind, ms, ended in recorder.calls:
        if phase == "load":
            by_kind.setdefault(kind, []).append(ms)
            ended_in_window += ended <= began + seconds
            last_end = max(last_end, ended)
    kinds = {
        kind: {
            "calls": len(durations),
            "median_ms": statistics.median(durations),
            "p95_ms": percentile(durations, 0.95),
            "max_ms": max(durations),
        }
        for kind, durations in sorted(by_kind.items())
    }
    return {
        "calls": sum(k["calls"] for k in kinds.values()),
        "calls_per_second": ended_in_window / seconds,
        "last_calls_ended_after_s": last_end - began - seconds,
        "kinds": kinds,
        "errors": {
            kind: {"count": n, "first": first} for kind, (n, first) in recorder.errors.items()
        },
        "error_count": sum(n for n, _first in recorder.errors.values()),
    }


def log_errors(log):
    """Errors and tracebacks the Odoo server logged."""
    text = log.read_text(errors="replace").splitlines()
    lines = [line for line in text if " ERROR " in line or " CRITICAL " in line]
    return {"count": len(lines), "first": lines[0][:500] if lines else None}


def utc_now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def wake_rollup_cron(admin, database):
    """Make the rollup cron due now and wake the cron worker (what ``ir.cron._trigger``
    does), so it runs beside the users whatever its 5-minute schedule."""
    cron = ref(admin, "smart_dairy_b2b.b2b_rollup_maintenance_cron")
    admin.call("ir.cron.trigger", "create", {"cron_id": cron, "call_at": utc_now()})
    psql("postgres", f"SELECT pg_notify('cron_trigger', '{database}')")


def run_users(url, database, users, world, args, on_start):
    """Every simulated user in its thread; returns the recorder and when the window began.
    ``on_start()`` runs when the warm-up is over, just before the users start."""
    recorder = Recorder()
    sessions = []
    for role, logins in users.items():
        for index, login in enumerate(logins):
            sessions.append((role, UserClient(url, database, login, PASSWORD), index))
    window = {}

    def begin():  # run by the barrier once every user is logged in and warmed up
        on_start()
        recorder.start_load()
        window["began"] = time.monotonic()
        stop_at[0] = window["began"] + args.seconds

    start = threading.Barrier(len(sessions) + 1, action=begin)
    stop_at = [float("inf")]
    threads = [
        threading.Thread(
            target=simulate,
            args=(role, client, world, random.Random(f"{args.seed}-{role}-{index}"), recorder)
            + (start, stop_at, args.think),
        )
        for role, client, index in sessions
    ]
    for thread in threads:
        thread.start()
    try:
        start.wait()
    except threading.BrokenBarrierError:
        for thread in threads:
            thread.join()
        raise RuntimeError(f"a simulated user could not start: {recorder.errors}") from None
    for thread in threads:
        thread.join()
    return recorder, window["began"]


def main(argv=None):
    args = parse_args(argv)
    url = f"http://127.0.0.1:{args.port}"
    if port_answers(url):
        sys.exit(f"something already serves {url}: stop it, or choose another --port")
    if not args.as_is:
        ensure_dataset(args.database, args.lines or SIZES[args.size], args.customers, args.years)
    elif not psql(args.database, "SELECT COUNT(*) FROM b2b_sale_fact"):
        sys.exit(f"--as-is: {args.database} has no B2B facts; leave --as-is out to build it")
    log = ROOT / ".local" / f"load-{args.database}.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text("")
    server = start_server(args, log)
    memory = None
    try:
        for _attempt in range(180):
            if server.poll() is not None:
                raise RuntimeError(f"the Odoo server stopped on start (log: {log})")
            if serving(url):
                break
            time.sleep(1)
        memory = TreeMemory(server.pid)
        memory.start()
        admin = Client(url, args.database)
        uid = admin.call_path("/web/session/get_session_info", {})["uid"]
        company = admin.call("res.users", "read", [uid], ["company_id"])[0]["company_id"][0]
        world = World(admin, company)
        counts = role_counts(args.users)
        users = make_users(admin, company, world.customers, counts)
        world = World(admin, company)  # the customers' account managers as set up
        print(f"{args.users} users {counts} on {args.database} for {args.seconds:g} s", flush=True)
        began = {}

        def on_start():
            began["utc"] = utc_now()
            began["load_average"] = psutil.getloadavg()[0]  # a quiet machine: about 0
            wake_rollup_cron(admin, args.database)

        recorder, window_start = run_users(url, args.database, users, world, args, on_start)
        load_average = [began["load_average"], psutil.getloadavg()[0]]
        crons = admin.call(
            "ir.cron",
            "search_read",
            [("lastcall", ">=", began["utc"])],
            ["cron_name", "lastcall"],
            context={"active_test": False},
        )
        counted = psql(args.database, "SELECT COUNT(*) FROM b2b_sale_fact")
    finally:
        if memory:
            memory.stop()
        stop_server(server)
    verify = odoo("b2b_facts", "--verify", "-d", args.database, "--log-level=warn", output=True)
    verdict = (verify.stdout.strip().splitlines() or ["(no output)"])[-1]
    report = {
        "size": args.size,
        "database": args.database,
        "counted_lines": int(counted),
        "customers": len(world.customers),
        "engine": engine(args.database),
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB",
        "load_average_1m_start_end": load_average,
        "odoo": {"workers": args.workers, "cron_workers": 1, "gevent": True},
        "users": counts,
        "seconds": args.seconds,
        "think_s": args.think,
        **summary(recorder, window_start, args.seconds),
        "odoo_log_errors": log_errors(log),
        "peak_memory_mib": memory.peak_mib,
        "http_worker_processes": len(memory.http_pids),
        "crons_run": sorted({c["cron_name"] for c in crons}),
        "verify": verdict,
        "verify_ok": verify.returncode == 0,
    }
    print_report(report)
    out = ROOT / "bench" / "results" / f"load-{args.size}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"written {out.relative_to(ROOT)}")
    clean = report["error_count"] == 0 and report["verify_ok"]
    return 0 if clean and not report["odoo_log_errors"]["count"] else 1


def print_report(report):
    print(
        f"{report['calls']} calls in {report['seconds']:g} s: "
        f"{report['calls_per_second']:.1f} calls/s (the last ended "
        f"{report['last_calls_ended_after_s']:.1f} s after)"
    )
    for kind, figures in report["kinds"].items():
        print(
            f"{kind:24} {figures['calls']:6} calls  median {figures['median_ms']:8.1f} ms"
            f"   p95 {figures['p95_ms']:8.1f} ms"
        )
    print(f"errors: {report['error_count']}")
    for kind, error in report["errors"].items():
        print(f"  {kind}: {error['count']} x, first: {error['first'][:400]}")
    print(f"Odoo log errors: {report['odoo_log_errors']}")
    print(
        "peak memory MiB: "
        + ", ".join(f"{k} {v:.0f}" for k, v in report["peak_memory_mib"].items())
    )
    print(
        f"HTTP worker processes: {report['http_worker_processes']}; "
        f"crons run: {report['crons_run']}"
    )
    print(f"verify: {report['verify']}")
    print(
        "machine load average (1 min) at the start and the end: %.1f, %.1f"
        % tuple(report["load_average_1m_start_end"])
    )


if __name__ == "__main__":
    sys.exit(main())
