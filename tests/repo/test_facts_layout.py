"""The facts layer's shape (docs/facts.md, docs/architecture.md): the model and its SQL
live in ``models/``, the uninstall list undoes everything that SQL creates, and
``report/`` holds only SQL-view report models and printable reports."""

import ast
import re
from pathlib import Path

ADDON = Path(__file__).resolve().parents[2] / "smart_dairy_b2b"
SQL_DIR = ADDON / "models" / "sql"
INSTALL_SQL = (
    "b2b_sale_facts.sql",
    "b2b_sale_rollups.sql",
    "b2b_sale_facts_timescale.sql",
    "b2b_sale_customer_stats.sql",
    "b2b_sale_category_rollups.sql",
)
UNINSTALL_SQL = SQL_DIR / "b2b_sale_facts_uninstall.sql"
# What a DROP of its table takes with it: indexes, extended statistics, a table's own
# sequences; and the extension, shared with whatever else uses it.
CREATED = re.compile(
    r"CREATE\s+(?:OR\s+REPLACE\s+)?"
    r"(TABLE|FUNCTION|TRIGGER|MATERIALIZED\s+VIEW|SEQUENCE)\s+"
    r"(?:IF\s+NOT\s+EXISTS\s+)?(\w+)",
    re.I,
)


def kind_pattern(kind):
    return r"\s+".join(kind.split())


def _created_names():
    names = {}
    for file_name in INSTALL_SQL:
        text = re.sub(r"--[^\n]*", "", (SQL_DIR / file_name).read_text())
        for kind, name in CREATED.findall(text):
            names[name] = (" ".join(kind.upper().split()), file_name)
    return names


def test_uninstall_drops_every_relation_function_and_trigger_the_sql_creates():
    names = _created_names()
    # the plain and the TimescaleDB path: both are dropped by the one list
    assert {"b2b_sale_daily", "b2b_sale_daily_agg", "b2b_rollup_pending"} <= set(names)
    drops = re.sub(r"--[^\n]*", "", UNINSTALL_SQL.read_text())
    missing = [
        f"{kind} {name} ({file_name})"
        for name, (kind, file_name) in sorted(names.items())
        if not re.search(rf"DROP\s+{kind_pattern(kind)}\s[^;]*\b{name}\b", drops, re.I)
    ]
    assert not missing, f"created but never dropped on uninstall: {missing}"


def test_the_facts_model_reads_its_sql_from_models_sql():
    source = (ADDON / "models" / "b2b_sale_facts.py").read_text()
    assert 'file_open(f"smart_dairy_b2b/models/sql/{name}")' in source
    for file_name in (*INSTALL_SQL, UNINSTALL_SQL.name):
        assert f'"{file_name}"' in source, f"{file_name} is not used by the facts model"
    assert not list((ADDON / "report").glob("*.sql")), "SQL files left in report/"


def test_hooks_only_call_the_facts_model():
    tree = ast.parse((ADDON / "__init__.py").read_text())
    hooks = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    for name, method in (("post_init_hook", "_post_init"), ("uninstall_hook", "_uninstall")):
        body = hooks[name].body
        assert len(body) == 1, f"{name} does more than call the facts model"
        assert ast.unparse(body[0]) == f"env['b2b.sale.facts'].{method}()"


def test_report_holds_only_sql_view_models_and_printable_reports():
    for path in sorted((ADDON / "report").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            assigns = {
                target.id: statement.value
                for statement in node.body
                if isinstance(statement, ast.Assign)
                for target in statement.targets
                if isinstance(target, ast.Name)
            }
            name = assigns.get("_name")
            if name is None:
                continue
            name = ast.literal_eval(name)
            bases = {ast.unparse(base) for base in node.bases}
            sql_view = "_auto" in assigns and ast.literal_eval(assigns["_auto"]) is False
            # renderers (report.*) and the documents they print (b2b.report.builder)
            printable = name.startswith(("report.", "b2b.report."))
            shared_base = "models.AbstractModel" in bases and name.startswith("b2b.analytics.")
            assert sql_view or printable or shared_base, (
                f"{path.name}: {name} is neither an SQL-view report model "
                "(_auto = False) nor a printable report"
            )
            methods = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
            assert "init" not in methods, f"{path.name}: {name} installs SQL (belongs in models/)"
