"""What each simulated user of bench/load.py does, call by call: every call is timed
by the ``Recorder`` under its kind, and its answer checked enough to catch a wrong one."""

import base64
import threading
import time
from datetime import date, timedelta

SERVICE = "b2b.analytics.service"
API_EXPORT = "/api/v1/b2b/analytics/export"


class Failed(Exception):
    """A timed call failed (already recorded): the rest of the action is skipped."""


class Recorder:
    def __init__(self):
        self.calls = []  # (phase, kind, ms, monotonic time it ended)
        self.errors = {}  # kind -> [count, first message]
        self.phase = "warm-up"
        self.lock = threading.Lock()

    def fail(self, kind, error):
        with self.lock:
            entry = self.errors.setdefault(kind, [0, f"{type(error).__name__}: {error}"])
            entry[0] += 1

    def timed(self, kind, function, check=None):
        """``function()``'s answer, timed under ``kind``; ``check(answer)`` raises on a
        wrong one, which counts as an error of that kind."""
        started = time.perf_counter()
        try:
            answer = function()
            elapsed = (time.perf_counter() - started) * 1000
            if check:
                check(answer)
        except Exception as error:
            self.fail(kind, error)
            raise Failed(kind) from error
        with self.lock:
            self.calls.append((self.phase, kind, elapsed, time.monotonic()))
        return answer

    def start_load(self):
        """The warm-up is over: from now on calls are measured."""
        self.phase = "load"


def expect(condition, what):
    if not condition:
        raise RuntimeError(f"unexpected answer: {what}")


def periods(today):
    """The period presets the screens offer: (date_from, date_to), None for the default."""
    month = today.replace(day=1)
    last_month_end = month - timedelta(days=1)
    quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    return [
        (None, None),
        (last_month_end.replace(day=1).isoformat(), last_month_end.isoformat()),
        (quarter.isoformat(), today.isoformat()),
        (today.replace(month=1, day=1).isoformat(), today.isoformat()),
        ((today - timedelta(days=364)).isoformat(), today.isoformat()),
    ]


class World:
    """What the users pick from: today, the customers, products, filter values."""

    def __init__(self, admin, company):
        dashboard = admin.call(SERVICE, "get_executive_dashboard")
        self.today = date.fromisoformat(dashboard["period"]["date_to"])
        self.periods = periods(self.today)
        self.customers = admin.call(
            "b2b.customer",
            "search_read",
            [("company_id", "=", company)],
            ["id", "partner_id", "user_id"],
            order="id",
        )
        self.products = admin.call(
            "product.product",
            "search",
            [("sale_ok", "=", True), ("company_id", "in", [company, False])],
            limit=40,
            order="id",
        )
        options = admin.call(SERVICE, "get_filter_options")
        self.filters = [
            {key: choice["id"]}
            for key in ("region", "customer_type", "tier_id", "categ_id")
            for choice in options[key]
        ]


def dashboard_kwargs(world, rng):
    date_from, date_to = rng.choice(world.periods)
    return {
        "date_from": date_from,
        "date_to": date_to,
        "compare": rng.choice(["previous_period", "previous_year"]),
    }


def has_kpis(answer):
    expect("kpis" in answer, "a dashboard without its KPIs")


def manager_actions(client, world, rng, timed):
    def dashboard():
        kwargs = dashboard_kwargs(world, rng)
        timed(
            "dashboard",
            lambda: client.call(SERVICE, "get_executive_dashboard", **kwargs),
            has_kpis,
        )

    def dashboard_filtered():
        kwargs = dict(dashboard_kwargs(world, rng), filters=rng.choice(world.filters))
        timed(
            "dashboard_filtered",
            lambda: client.call(SERVICE, "get_executive_dashboard", **kwargs),
            lambda answer: expect(answer["filters"], "a filtered dashboard without its filters"),
        )

    def customer_screen():
        customer = rng.choice(world.customers)["id"]
        period = dict(zip(("date_from", "date_to"), rng.choice(world.periods), strict=True))
        timed(
            "customer_summary",
            lambda: client.call(SERVICE, "get_customer_summary", customer, **period),
            lambda answer: expect(answer["customer"]["id"] == customer, "another's summary"),
        )
        timed(
            "customer_categories",
            lambda: client.call(
                SERVICE, "get_category_preferences", customer_id=customer, **period
            ),
        )

    return [(dashboard, 3), (dashboard_filtered, 2), (customer_screen, 4)]


def salesperson_actions(client, world, rng, timed):
    own = [c["id"] for c in world.customers if c["user_id"] and c["user_id"][0] == client.uid]
    expect(own, f"user {client.uid} manages no customer")

    def dashboard():
        timed(
            "sales_dashboard",
            lambda: client.call(SERVICE, "get_executive_dashboard"),
            has_kpis,
        )

    def customer_list():
        fields = ["name", "tier_id", "state", "user_id"]
        timed(
            "sales_customer_list",
            lambda: client.call("b2b.customer", "search_read", [], fields, limit=80, order="name"),
            lambda rows: expect(
                all(not r["user_id"] or r["user_id"][0] == client.uid for r in rows),
                "a salesperson sees another account manager's customers",
            ),
        )

    def customer_summary():
        customer = rng.choice(own)
        timed(
            "sales_customer_summary",
            lambda: client.call(SERVICE, "get_customer_summary", customer),
            lambda answer: expect(answer["customer"]["id"] == customer, "another's summary"),
        )

    def overdue():
        timed("sales_overdue", lambda: client.call(SERVICE, "get_overdue_customers", limit=20))

    return [(dashboard, 2), (customer_list, 1), (customer_summary, 3), (overdue, 1)]


def portal_actions(client, world, rng, timed):
    today = world.today
    choices = [
        {},  # the page's default: the last 12 months
        {"date_from": today.replace(month=1, day=1).isoformat(), "date_to": today.isoformat()},
        {"date_from": (today - timedelta(days=90)).isoformat(), "date_to": today.isoformat()},
    ]

    def my_analytics():
        period = rng.choice(choices)
        timed(
            "portal_analytics",
            lambda: client.call_path("/my/analytics/data", period),
            lambda view: expect(
                "summary" in view and "margin" not in view["summary"], "the buyer's own view"
            ),
        )

    return [(my_analytics, 1)]


def exporter_actions(client, world, rng, timed):
    def xlsx():
        timed(
            "export_xlsx",
            lambda: client.call("b2b.report.export.service", "export_executive_report", "xlsx"),
            lambda result: expect(base64.b64decode(result["content"])[:2] == b"PK", "an XLSX file"),
        )

    def pdf():
        timed(
            "export_pdf",
            lambda: client.session.post(
                client.url + API_EXPORT, json={"report": "executive", "format": "pdf"}, timeout=600
            ),
            lambda response: expect(
                response.status_code == 200 and response.content[:5] == b"%PDF-",
                f"HTTP {response.status_code}, not a PDF: {response.content[:300]!r}",
            ),
        )

    return [(xlsx, 1), (pdf, 1)]


def confirmer_actions(client, world, rng, timed):
    def confirm_order():
        partner = rng.choice(world.customers)["partner_id"][0]
        products = rng.sample(world.products, rng.randint(1, min(3, len(world.products))))
        lines = [(0, 0, {"product_id": p, "product_uom_qty": rng.randint(1, 12)}) for p in products]
        order = timed(
            "order_create",
            lambda: client.call(
                "sale.order", "create", {"partner_id": partner, "order_line": lines}
            ),
        )
        timed(
            "order_confirm",
            lambda: client.call("sale.order", "action_confirm", [order]),
            lambda answer: expect(answer is True, f"action_confirm answered {answer!r}"),
        )

    return [(confirm_order, 1)]


ACTIONS = {
    "manager": manager_actions,
    "salesperson": salesperson_actions,
    "portal": portal_actions,
    "exporter": exporter_actions,
    "confirmer": confirmer_actions,
}


def simulate(role, client, world, rng, recorder, start, stop_at, think):
    """One user: each of its actions once to warm up, then at random (by weight) until
    the end, pausing between them; in-flight calls finish after the end."""
    try:
        actions = ACTIONS[role](client, world, rng, recorder.timed)
        for action, _weight in actions:
            try:
                action()
            except Failed:
                pass
    except Exception as error:  # the user cannot play its role: nobody starts
        recorder.fail(f"{role}_setup", error)
        start.abort()
        return
    try:
        start.wait()
    except threading.BrokenBarrierError:
        return
    functions, weights = zip(*actions, strict=True)
    while time.monotonic() < stop_at[0]:
        try:
            rng.choices(functions, weights)[0]()
        except Failed:
            pass
        pause = rng.uniform(0, 2 * think)
        time.sleep(max(0.0, min(pause, stop_at[0] - time.monotonic())))
