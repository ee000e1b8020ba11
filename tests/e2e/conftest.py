"""Live end-to-end tests: a real HTTP client against a running Odoo server.

``scripts/test.sh`` starts Odoo on the tier 2 test database and runs
``pytest -m live tests/e2e`` with ``B2B_E2E_URL`` and ``B2B_E2E_DB`` set. The session
fixture ``world`` builds, through JSON-RPC as the admin, everything the tests need:
two B2B customers with orders, an analytics user, a manager, an employee without the
B2B group, a portal user of each customer, and an API key for each of them (created
the way a user does: the API key wizard behind the password check).
"""

import os
import re
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

try:
    import hypothesis  # noqa: F401
    import openapi_spec_validator  # noqa: F401
    import requests
    from openapi_schema_validator import OAS31Validator
except ImportError:  # the live dependencies are in requirements.txt; tier 1 needs none
    collect_ignore_glob = ["test_*.py"]

ROOT = Path(__file__).resolve().parents[2]
API = "/api/v1/b2b/analytics"
MISSING_ID = 2_147_000_000  # an id no record has: the same 404 as an invisible one


class RpcError(Exception):
    pass


@pytest.fixture(scope="session")
def b2b_facts(server):
    """``b2b_facts(option)``: run ``odoo b2b_facts OPTION`` (``--verify``, ``--rebuild``)
    on the live database in another process, committed; returns the finished process."""
    _url, db = server

    def run(option):
        return subprocess.run(
            [sys.executable, "-m", "odoo", "--addons-path=.", "b2b_facts", option]
            + ["-c", "odoo.conf", "-d", db, "--log-level=warn"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    return run


@pytest.fixture(scope="session")
def rpc_error():
    """What a JSON-RPC error raises (test modules do not import conftest)."""
    return RpcError


class OdooClient:
    """A browser-like JSON-RPC client: one cookie session per user."""

    def __init__(self, url, db):
        self.url, self.db = url.rstrip("/"), db
        self.http = requests.Session()
        self.uid = None

    def rpc(self, path, params):
        response = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RpcError(body["error"]["data"].get("message") or body["error"]["message"])
        return body["result"]

    def login(self, login, password):
        result = self.rpc(
            "/web/session/authenticate", {"db": self.db, "login": login, "password": password}
        )
        self.uid = result["uid"]
        return self

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        assert rows, f"no record {xmlid}"
        return rows[0]["res_id"]

    def new_api_key(self, password, name="e2e"):
        """The API key wizard as a user runs it: describe, confirm the password, read
        the key the last screen shows."""
        wizard = self.call("res.users.apikeys.description", "create", {"name": name})
        action = self.call("res.users.apikeys.description", "make_key", [wizard])
        if action.get("res_model") == "res.users.identitycheck":
            check = action["res_id"]
            self.call("res.users.identitycheck", "write", [check], {"password": password})
            action = self.call("res.users.identitycheck", "run_check", [check])
        return action["context"]["default_key"]


@dataclass
class Role:
    name: str
    key: str | None = None  # API key; None for the anonymous caller
    login: str | None = None
    password: str | None = None
    session: object = None  # a logged-in requests.Session, when the role has one


@dataclass
class World:
    url: str
    db: str
    roles: dict
    customer_a: int
    customer_b: int
    company_id: int
    admin: OdooClient
    extra: dict = field(default_factory=dict)


@pytest.fixture(scope="session")
def server():
    url, db = os.environ.get("B2B_E2E_URL"), os.environ.get("B2B_E2E_DB")
    if not url or not db:
        pytest.skip("B2B_E2E_URL and B2B_E2E_DB name the running server (see scripts/test.sh)")
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(url.rstrip("/") + "/web/health", timeout=5).ok:
                break
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"no Odoo server answers at {url}")
        time.sleep(1)
    return url.rstrip("/"), db


def _create_user(admin, login, password, partner_id, groups, company_id):
    return admin.call(
        "res.users",
        "create",
        {
            "name": login.replace("_", " ").title(),
            "login": login,
            "password": password,
            "partner_id": partner_id,
            "company_id": company_id,
            "company_ids": [(6, 0, [company_id])],
            "groups_id": [(6, 0, groups)],
        },
        context={"no_reset_password": True},
    )


def _confirmed_order(admin, partner_id, lines, company_id):
    order = admin.call(
        "sale.order",
        "create",
        {
            "partner_id": partner_id,
            "company_id": company_id,
            "order_line": [
                (0, 0, {"product_id": product, "product_uom_qty": qty}) for product, qty in lines
            ],
        },
    )
    admin.call("sale.order", "action_confirm", [order])
    return order


@pytest.fixture(scope="session")
def world(server):
    url, db = server
    admin = OdooClient(url, db).login(
        os.environ.get("B2B_E2E_ADMIN_LOGIN", "admin"),
        os.environ.get("B2B_E2E_ADMIN_PASSWORD", "admin"),
    )
    run = uuid.uuid4().hex[:6]
    admin.call("ir.config_parameter", "set_param", "portal.allow_api_keys", "True")
    company_id = admin.call("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"][0]
    group_user, group_portal = admin.ref("base.group_user"), admin.ref("base.group_portal")
    group_b2b_user = admin.ref("smart_dairy_b2b.group_b2b_user")
    group_b2b_manager = admin.ref("smart_dairy_b2b.group_b2b_manager")

    def partner(name, **values):
        return admin.call("res.partner", "create", {"name": f"{name} {run}", **values})

    shop_a, shop_b = partner("E2E Shop A", is_company=True), partner("E2E Shop B", is_company=True)
    buyer_a = partner("E2E Buyer A", parent_id=shop_a, type="contact", email=f"a{run}@e2e.test")
    buyer_b = partner("E2E Buyer B", parent_id=shop_b, type="contact", email=f"b{run}@e2e.test")
    password = f"e2e-{run}-Secret!"
    users = {
        "employee": ([group_user], partner("E2E Employee")),
        "analyst": ([group_user, group_b2b_user], partner("E2E Analyst")),
        "manager": ([group_user, group_b2b_manager], partner("E2E Manager")),
        "portal_a": ([group_portal], buyer_a),
        "portal_b": ([group_portal], buyer_b),
    }
    user_ids = {
        role: _create_user(admin, f"e2e_{role}_{run}", password, partner_id, groups, company_id)
        for role, (groups, partner_id) in users.items()
    }
    tiers = admin.call(
        "b2b.customer.tier", "search", [("company_id", "=", company_id)], order="sequence, id"
    )

    def customer(shop, manager_id):
        return admin.call(
            "b2b.customer",
            "create",
            {
                "partner_id": shop,
                "company_id": company_id,
                "customer_type": "retailer",
                "user_id": manager_id,
                "tier_id": tiers[0] if tiers else False,
            },
        )

    # The analyst manages customer A; customer B belongs to the manager, so the
    # analyst's record rule ("own or unassigned") hides it.
    customer_a = customer(shop_a, user_ids["analyst"])
    customer_b = customer(shop_b, user_ids["manager"])
    products = admin.call(
        "product.product", "search", [("sale_ok", "=", True), ("type", "!=", "service")], limit=3
    )
    assert products, "the test database has no saleable product"
    _confirmed_order(admin, buyer_a, [(products[0], 12), (products[-1], 4)], company_id)
    _confirmed_order(admin, buyer_a, [(products[0], 6)], company_id)
    _confirmed_order(admin, buyer_b, [(products[-1], 3)], company_id)

    roles = {"anonymous": Role("anonymous"), "bad_key": Role("bad_key", key="0" * 40)}
    for role in users:
        login = f"e2e_{role}_{run}"
        client = OdooClient(url, db).login(login, password)
        roles[role] = Role(
            role,
            key=client.new_api_key(password, name=f"e2e {role}"),
            login=login,
            password=password,
            session=client.http,
        )
    return World(
        url=url,
        db=db,
        roles=roles,
        customer_a=customer_a,
        customer_b=customer_b,
        company_id=company_id,
        admin=admin,
        extra={"user_ids": user_ids, "run": run, "products": products},
    )


class ApiClient:
    """Calls the API as a role, by API key (default) or with the role's session."""

    def __init__(self, world):
        self.world = world

    def request(self, role, method, path, via="key", **kwargs):
        role = self.world.roles[role] if isinstance(role, str) else role
        headers = dict(kwargs.pop("headers", {}) or {})
        http = requests
        if via == "session":
            assert role.session is not None, f"{role.name} has no session"
            http = role.session
        elif role.key:
            headers["Authorization"] = f"Bearer {role.key}"
        return http.request(
            method, self.world.url + API + path, headers=headers, timeout=180, **kwargs
        )


@pytest.fixture(scope="session")
def api(world):
    return ApiClient(world)


@pytest.fixture(scope="session")
def openapi_document(server):
    url, _db = server
    response = requests.get(url + API + "/openapi.json", timeout=30)
    assert response.status_code == 200
    return response.json()


class ResponseValidator:
    """Checks that a response is one the OpenAPI document describes: a documented
    status of the operation and, for JSON, a body that matches its schema."""

    def __init__(self, document):
        self.document = document
        self.templates = []
        for template, item in document["paths"].items():
            pattern = "^" + template.replace("{customer_id}", "[^/]+") + "$"
            self.templates.append((pattern, item))

    def operation(self, method, path):
        for pattern, item in self.templates:
            if re.match(pattern, path):
                return item.get(method.lower()) or next(iter(item.values()))
        raise AssertionError(f"{path} is not in the OpenAPI document")

    def _resolve(self, node):
        while "$ref" in node:
            target = self.document
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def __call__(self, response):
        path = response.request.path_url.split("?")[0]
        operation = self.operation(response.request.method, path)
        status = str(response.status_code)
        documented = operation["responses"].get(status) or operation["responses"].get("default")
        assert documented, f"{status} is not a documented answer of {path}"
        spec = self._resolve(documented)
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        assert content_type in spec["content"], (
            f"{path} answered {status} with {content_type!r}, documented: {list(spec['content'])}"
        )
        if content_type != "application/json":
            return None
        body = response.json()
        schema = dict(spec["content"][content_type]["schema"])
        schema["components"] = self.document["components"]
        validator = OAS31Validator(schema, format_checker=OAS31Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        assert not errors, f"{path} {status}: " + "; ".join(
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]
        )
        return body


@pytest.fixture(scope="session")
def conforms(openapi_document):
    """conforms(response) -> the JSON body, after checking it against the document."""
    return ResponseValidator(openapi_document)
