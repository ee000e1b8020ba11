"""Refresh the README's screenshots from a running Odoo with the demo.

    .venv/bin/python scripts/screenshots.py [--url http://127.0.0.1:8069] [--db smart_dairy]
        [--out DIR] [--salesperson LOGIN:PASSWORD] [--states] [--insights] [--mail EML]

Logs in as admin (dashboard, a customer's analytics) and as the demo's portal buyer (portal), and
saves docs/dashboard.png, docs/customer.png, docs/credit.png and docs/portal.png, with headless
Chromium driven over the DevTools protocol. ``--salesperson`` adds the dashboard as that user
(dashboard_salesperson.png); ``--states`` adds the dashboard while loading (its call held back),
on a period without sales, and when its data cannot be loaded (dashboard_loading.png,
dashboard_empty.png, dashboard_error.png); ``--insights`` Customer Insights and the
customer screen one of its rows opens (insights.png, insights_customer.png); ``--mail`` an
e-mail as received, its HTML part rendered (mail.png; `make run` catches them in
.local/mail). Each page is captured once its content is on screen (a
CSS selector), never on "network idle": Odoo's bus keeps a connection open.
"""

import argparse
import base64
import email
import email.policy
import html
import itertools
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
DEBUG_PORT = 9377
WIDTH, HEIGHT = 1440, 1100
PORTAL_LOGIN, PORTAL_PASSWORD = "buyer@padmasupershop.example", "buyer"
CUSTOMER = "Padma Super Shop"


class Browser:
    """One headless Chromium tab, driven over the DevTools protocol."""

    def __init__(self, profile):
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--remote-debugging-port={DEBUG_PORT}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ids = itertools.count(1)
        self.socket = websocket.create_connection(self._page_socket(), timeout=60)
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip

    def _page_socket(self):
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{DEBUG_PORT}/json") as answer:
                    pages = [t for t in json.load(answer) if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("Chromium did not open its DevTools port")

    def call(self, method, **params):
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True,
                           returnByValue=True)  # fmt: skip
        return result.get("result", {}).get("value")

    def goto(self, url):
        # A full load: a change of the hash alone would not make the web client read it.
        self.call("Page.navigate", url="about:blank")
        self.call("Page.navigate", url=url)

    def wait_for(self, selector, timeout=240):
        deadline = time.monotonic() + timeout
        check = f"!!document.querySelector({json.dumps(selector)})"
        while time.monotonic() < deadline:
            if self.evaluate(check):
                return
            time.sleep(0.3)
        failed = Path(tempfile.gettempdir()) / "screenshot-failed.png"
        data = self.call("Page.captureScreenshot", format="png")["data"]
        failed.write_bytes(base64.b64decode(data))
        raise RuntimeError(f"{selector} did not appear within {timeout} s (see {failed})")

    def screenshot(self, path, full_page=True):
        height = HEIGHT
        if full_page:
            height = max(HEIGHT, int(self.evaluate(
                "Math.max(...[...document.querySelectorAll('.o_content, .o_action, main, body')]"
                ".map(e => e.scrollHeight))"
            ) or HEIGHT))  # fmt: skip
            self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=height,
                      deviceScaleFactor=1, mobile=False)  # fmt: skip
            time.sleep(1.5)  # charts redraw at the new size
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip
        print(f"saved {path} ({WIDTH}x{height})")

    def login(self, base, db, login, password):
        self.call("Network.enable")
        self.call("Network.clearBrowserCookies")
        self.goto(f"{base}/web/login?db={db}")
        self.wait_for("form.oe_login_form input[name=login]")
        self.evaluate(
            "(() => {const f = document.querySelector('form.oe_login_form');"
            f"f.login.value = {json.dumps(login)}; f.password.value = {json.dumps(password)};"
            "f.submit();})()"
        )
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:  # until the login page has sent us on
            time.sleep(0.5)
            if self.evaluate("location.pathname") not in (None, "/web/login"):
                return
        raise RuntimeError(f"{login} could not log in")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(10)


DASHBOARD = "/web#action=smart_dairy_b2b.b2b_dashboard_action"
READY = ".o_b2b_dashboard.o_b2b_ready"
# A period long before any demo sale, entered as a user would in the period picker.
EMPTY_PERIOD = """(() => {
    const select = document.querySelector('.o_b2b_period_select');
    select.value = 'custom';
    select.dispatchEvent(new Event('change', {bubbles: true}));
})()"""
EMPTY_DATES = """(() => {
    for (const [field, value] of [['from', '2001-01-01'], ['to', '2001-01-31']]) {
        const input = document.querySelector('.o_b2b_date_' + field);
        input.value = value;
        input.dispatchEvent(new Event('input', {bubbles: true}));
    }
    document.querySelector('.o_b2b_apply_dates').click();
})()"""


def dashboard_states(browser, base, out):
    """The dashboard while loading, on a period without sales, and failing to load."""
    # The dashboard's call is held (paused) until the skeletons are captured.
    browser.call("Fetch.enable", patterns=[{"urlPattern": "*get_executive_dashboard*"}])
    browser.goto(f"{base}{DASHBOARD}")
    browser.wait_for(".o_b2b_dashboard:not(.o_b2b_ready) .o_b2b_kpi_card .o_b2b_skeleton")
    browser.screenshot(out / "dashboard_loading.png", full_page=False)
    browser.call("Fetch.disable")
    browser.goto(f"{base}{DASHBOARD}")
    browser.wait_for(f"{READY} canvas")
    browser.evaluate(EMPTY_PERIOD)
    browser.wait_for(".o_b2b_date_from")
    browser.evaluate(EMPTY_DATES)
    browser.wait_for(f"{READY}[data-date-from='2001-01-01'] .o_b2b_cohorts .o_b2b_section_empty")
    time.sleep(1)
    browser.screenshot(out / "dashboard_empty.png")
    browser.call("Network.setBlockedURLs", urls=["*get_executive_dashboard*"])
    browser.goto(f"{base}{DASHBOARD}")
    browser.wait_for(".o_b2b_dashboard .o_b2b_error")
    time.sleep(1)
    browser.screenshot(out / "dashboard_error.png", full_page=False)
    browser.call("Network.setBlockedURLs", urls=[])


def insights(browser, base, out):
    """Customer Insights, then the customer screen its first row opens."""
    browser.goto(f"{base}/web#action=smart_dairy_b2b.b2b_customer_insight_server_action")
    browser.wait_for(".o_list_renderer .o_data_row")
    time.sleep(1)
    browser.screenshot(out / "insights.png", full_page=False)
    browser.evaluate("document.querySelector('.o_data_row .o_data_cell').click()")
    browser.wait_for(".o_b2b_customer_analytics.o_b2b_ready canvas")
    time.sleep(2)
    browser.screenshot(out / "insights_customer.png")


def received_mail(browser, eml, out):
    """An e-mail as its recipient reads it: its headers over its HTML part."""
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    body = message.get_body(("html", "plain"))
    content = body.get_content() if body else ""
    attachments = [part.get_filename() for part in message.iter_attachments()]
    header = "".join(
        f"<div><b>{name}:</b> {html.escape(str(message[name] or ''))}</div>"
        for name in ("From", "To", "Subject", "Date")
    )
    files = "".join(
        f"<div><b>Attached:</b> {html.escape(name or '')}</div>" for name in attachments
    )
    page = Path(tempfile.gettempdir()) / "b2b_received_mail.html"
    page.write_text(
        "<html><body style='font-family:sans-serif;margin:24px;max-width:900px'>"
        f"<div style='border-bottom:1px solid #ccc;padding-bottom:8px'>{header}{files}</div>"
        f"<div style='padding-top:8px'>{content}</div></body></html>",
        encoding="utf-8",
    )
    browser.goto(page.as_uri())
    browser.wait_for("body div")
    browser.screenshot(out / "mail.png", full_page=False)


def customer_id(base, db):
    """The demo customer's b2b.customer id, over JSON-RPC as admin."""

    def rpc(service, method, *args):
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": args},
            }
        )
        request = urllib.request.Request(f"{base}/jsonrpc", body.encode(),
                                         {"Content-Type": "application/json"})  # fmt: skip
        with urllib.request.urlopen(request) as answer:
            reply = json.load(answer)
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["result"]

    uid = rpc("common", "login", db, "admin", "admin")
    found = rpc("object", "execute_kw", db, uid, "admin", "b2b.customer", "search",
                [[["partner_id.name", "=", CUSTOMER]]], {"limit": 1})  # fmt: skip
    if not found:
        raise RuntimeError(f"no demo customer named {CUSTOMER}: is the demo loaded?")
    return found[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="smart_dairy")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--salesperson", help="LOGIN:PASSWORD of a salesperson")
    parser.add_argument("--states", action="store_true", help="loading, empty and error too")
    parser.add_argument("--insights", action="store_true", help="Customer Insights too")
    parser.add_argument("--mail", type=Path, help="an .eml file to render as received")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = args.url.rstrip("/")
    customer = customer_id(base, args.db)
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        browser = Browser(profile)
        try:
            browser.login(base, args.db, "admin", "admin")
            browser.goto(f"{base}{DASHBOARD}")
            browser.wait_for(f"{READY} canvas")
            time.sleep(2)  # chart animations
            browser.screenshot(args.out / "dashboard.png")
            browser.goto(
                f"{base}/web#action=smart_dairy_b2b.b2b_customer_analytics_action"
                f"&active_id={customer}"
            )
            browser.wait_for(".o_b2b_customer_analytics.o_b2b_ready canvas")
            time.sleep(2)
            browser.screenshot(args.out / "customer.png")
            browser.goto(f"{base}/web#action=smart_dairy_b2b.b2b_retention_action")
            browser.wait_for(".o_b2b_retention.o_b2b_ready canvas")
            time.sleep(2)
            browser.screenshot(args.out / "retention.png")
            browser.goto(f"{base}/web#action=smart_dairy_b2b.b2b_credit_analysis_action")
            browser.wait_for(".o_b2b_credit_analysis.o_b2b_ready .o_b2b_credit_customers")
            browser.screenshot(args.out / "credit.png", full_page=False)  # 100+ rows
            if args.states:
                dashboard_states(browser, base, args.out)
            if args.insights:
                insights(browser, base, args.out)
            if args.mail:
                received_mail(browser, args.mail, args.out)
            if args.salesperson:
                login, password = args.salesperson.split(":", 1)
                browser.login(base, args.db, login, password)
                browser.goto(f"{base}{DASHBOARD}")
                browser.wait_for(f"{READY} canvas")
                time.sleep(2)
                browser.screenshot(args.out / "dashboard_salesperson.png")
            browser.login(base, args.db, PORTAL_LOGIN, PORTAL_PASSWORD)
            browser.goto(f"{base}/my/analytics")
            browser.wait_for(".o_b2b_portal_analytics canvas, .o_b2b_portal_analytics table")
            time.sleep(2)
            browser.screenshot(args.out / "portal.png")
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
