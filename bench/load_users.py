"""The simulated users of bench/load.py, made (or found again) as the admin over
JSON-RPC: a manager, an exporter and a confirmer (logins ``load.*``), the dataset's own
salespeople (account managers of customers; they get the benchmark's password) or new
ones when it has none, and portal buyers who are contacts of customers."""

import requests
from run import Client

PASSWORD = "load-bench-Secret-17"
LOGIN_PREFIX = "load."


class UserClient(Client):
    """bench/run.py's JSON-RPC client on a web session of the given user."""

    def __init__(self, url, database, login, password):  # Client's logs in as the admin
        self.url = url
        self.session = requests.Session()
        info = self.call_path(
            "/web/session/authenticate", {"db": database, "login": login, "password": password}
        )
        self.uid = info["uid"]


def ref(admin, xmlid):
    module, name = xmlid.split(".")
    return admin.call(
        "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )[0]["res_id"]


def ensure_user(admin, login, groups, company, partner=None):
    """A user with exactly these groups and the benchmark's password, made or found again
    (a rerun reuses it)."""
    Users = "res.users"
    values = {
        "password": PASSWORD,
        "active": True,
        "company_id": company,
        "company_ids": [(6, 0, [company])],
        "groups_id": [(6, 0, groups)],
    }
    found = admin.call(Users, "search", [("login", "=", login)], context={"active_test": False})
    if found:
        admin.call(Users, "write", found, values)
        return found[0]
    values.update(name=login.replace(".", " ").title(), login=login)
    if partner:
        values["partner_id"] = partner
    return admin.call(Users, "create", values, context={"no_reset_password": True})


def salespeople(admin, company, customers, count, groups):
    """Logins of ``count`` salespeople who are account managers of customers: the
    dataset's own (they get the benchmark's password), else new ones to whom customers
    are assigned."""
    managers = sorted({c["user_id"][0] for c in customers if c["user_id"]})
    own_documents = admin.call(
        "res.users",
        "search_read",
        [
            ("id", "in", managers),
            ("groups_id", "in", [groups["salesman"]]),
            ("groups_id", "not in", [groups["all_documents"]]),
            ("share", "=", False),
        ],
        ["login"],
    )
    if own_documents:  # more sessions than salespeople: some log in twice
        admin.call("res.users", "write", [u["id"] for u in own_documents], {"password": PASSWORD})
        return [own_documents[i % len(own_documents)]["login"] for i in range(count)]
    logins = []
    for index in range(count):
        login = f"{LOGIN_PREFIX}sales.{index + 1}"
        user = ensure_user(admin, login, [groups["internal"], groups["salesman"]], company)
        share = [c["id"] for c in customers[index::count][:50]]
        admin.call("b2b.customer", "write", share, {"user_id": user})
        logins.append(login)
    return logins


def portal_buyers(admin, company, customers, count, groups):
    """Logins of ``count`` portal users, each a contact of a different customer."""
    logins = []
    for index in range(count):
        login = f"{LOGIN_PREFIX}buyer.{index + 1}"
        if admin.call("res.users", "search", [("login", "=", login)]):
            ensure_user(admin, login, [groups["portal"]], company)
            logins.append(login)
            continue
        taken = admin.call(
            "res.users",
            "search_read",
            [("login", "=like", f"{LOGIN_PREFIX}buyer.%")],
            ["partner_id"],
        )
        taken_shops = admin.call(
            "res.partner", "read", [u["partner_id"][0] for u in taken], ["commercial_partner_id"]
        )
        shops = {p["commercial_partner_id"][0] for p in taken_shops}
        contacts = admin.call(
            "res.partner",
            "search_read",
            [
                ("parent_id", "in", [c["partner_id"][0] for c in customers]),
                ("parent_id", "not in", list(shops)),
                ("type", "=", "contact"),
                ("is_company", "=", False),
                ("user_ids", "=", False),
            ],
            ["id"],
            limit=1,
            order="id",
        )
        if not contacts:
            raise RuntimeError("no customer contact is left to make a portal buyer of")
        ensure_user(admin, login, [groups["portal"]], company, partner=contacts[0]["id"])
        logins.append(login)
    return logins


def make_users(admin, company, customers, counts):
    """The logins of every simulated user, by role."""
    groups = {
        "internal": ref(admin, "base.group_user"),
        "portal": ref(admin, "base.group_portal"),
        "salesman": ref(admin, "sales_team.group_sale_salesman"),
        "all_documents": ref(admin, "sales_team.group_sale_salesman_all_leads"),
        "sales_manager": ref(admin, "sales_team.group_sale_manager"),
    }
    managers = [groups["internal"], groups["sales_manager"]]

    def internal(role, groups_ids):
        login = f"{LOGIN_PREFIX}{role}"
        ensure_user(admin, login, groups_ids, company)
        return login

    manager = internal("manager", managers)
    return {
        "manager": [manager] * counts["manager"],
        "salesperson": salespeople(admin, company, customers, counts["salesperson"], groups),
        "portal": portal_buyers(admin, company, customers, counts["portal"], groups),
        "exporter": [internal("exporter", managers)] * counts["exporter"],
        "confirmer": [internal("confirmer", [groups["internal"], groups["all_documents"]])]
        * counts["confirmer"],
    }
