"""The addon's layers call one way: top to bottom, never back up (STYLE.md, *Layers*).

Every ``.py`` of the addon (tests excluded) is parsed, not imported. Its dependencies on
the addon's other modules are
- its imports of them (``from ..models.x import y``, ``from .. import vocabulary``);
- the models it reaches by name: ``env["model"]`` / ``self.env["model"]`` /
  ``request.env[NAME]`` subscripts (a string, or a module constant naming one);
- the models its classes ``_inherit`` (each model name leads to the module whose class
  defines it with ``_name``);
- the methods it calls on ``self`` (``self._customer_stats(...)``,
  ``self.sudo()._fetch(...)``): a model's methods may come from modules of its layer or
  below, and a call of a method only a higher layer defines is a call back up (how a
  descriptive question would reach a predictive one in a model that inherits both).
Each module gets the first layer of ``LAYERS`` whose patterns match its path; a
dependency on a module of a higher layer fails, and so does a module of no layer.
Run it with ``.venv/bin/python -m pytest tests/repo/test_layers.py -q``.
"""

import ast
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDON = ROOT / "smart_dairy_b2b"

# Top to bottom. Paths relative to the addon; the first layer that matches wins.
LAYERS = (
    (
        "entry points: install hooks, package imports, controllers, wizards, command "
        "line, demo data, settings screen",
        (
            "__init__.py",
            "__manifest__.py",
            "*/__init__.py",
            "controllers/*.py",
            "wizard/*.py",
            "cli/*.py",
            "dataset/*.py",
            "migrations/*/*.py",
            "models/b2b_analytics_settings.py",
        ),
    ),
    (
        "exports: the one export entry point and the schedules",
        (
            "models/b2b_report_export_service.py",
            "models/b2b_report_schedule.py",
            "models/b2b_report_schedule_options.py",
        ),
    ),
    (
        "report documents: built once per report from the public answers",
        (
            "report/b2b_report_builders.py",
            "report/b2b_customer_documents.py",
            "report/b2b_report_rhythm.py",
            "report/b2b_report_retention.py",
            "report/b2b_report_deals.py",
            "report/b2b_report_credit.py",
        ),
    ),
    (
        "services: the public analytics methods, the portal buyer's view, the insight snapshot",
        (
            "models/b2b_analytics_service.py",
            "models/b2b_portal_analytics.py",
            "models/b2b_customer_insight.py",
            "models/b2b_customer_followup.py",
            "models/b2b_followup_digest.py",
        ),
    ),
    (
        "predictive questions",
        (
            "models/b2b_analytics_predictive.py",
            "models/b2b_analytics_scoring.py",
            "models/b2b_analytics_model_fit.py",
            "models/b2b_analytics_managers.py",
        ),
    ),
    (
        "descriptive questions",
        (
            "models/b2b_analytics_descriptive.py",
            "models/b2b_analytics_breakdowns.py",
            "models/b2b_analytics_rhythm.py",
            "models/b2b_analytics_retention.py",
            "models/b2b_analytics_deals.py",
            "models/b2b_analytics_receivables.py",
            "models/b2b_analytics_targets.py",
        ),
    ),
    (
        "reading: visible facts and rollups, currency, timezone, today; the SQL-view report models",
        (
            "models/b2b_analytics_reading.py",
            "models/b2b_analytics_measures.py",
            "report/b2b_analytics.py",
            "report/b2b_analytics_report.py",
            "report/b2b_customer_metrics.py",
            "report/b2b_product_analytics.py",
        ),
    ),
    (
        "visibility scope and filters",
        ("models/b2b_analytics_scope.py", "models/b2b_analytics_filters.py"),
    ),
    (
        "records: customers, tiers, sales orders",
        (
            "models/b2b_customer.py",
            "models/b2b_customer_tier.py",
            "models/sale_order.py",
            "models/b2b_sales_target.py",
        ),
    ),
    (
        "facts: the counted lines and their rollups (SQL and its model)",
        ("models/b2b_sale_facts.py", "models/b2b_sale_facts_verify.py"),
    ),
    (
        "renderers: print a document as XLSX, PDF or CSV; they know nothing of the analytics",
        (
            "report/b2b_report_xlsx.py",
            "report/b2b_report_pdf.py",
            "report/b2b_report_csv.py",
        ),
    ),
    (
        "plain Python: the engine, the vocabulary, argument parsing, the result cache",
        (
            "engine/*.py",
            "vocabulary.py",
            "models/analytics_params.py",
            "models/analytics_cache.py",
            "report/b2b_report_document.py",
        ),
    ),
)

# (module, module it depends on): an upward dependency kept on purpose, with why.
ALLOWED = {
    ("models/b2b_customer.py", "dataset/demo.py"): "the demo data file loads the dairy "
    "through a model method (``_load_dairy_demo``), which only hands over to dataset/",
}


def modules():
    return sorted(
        path.relative_to(ADDON).as_posix()
        for path in ADDON.rglob("*.py")
        if "tests" not in path.relative_to(ADDON).parts
    )


def layer_of(module):
    for index, (_name, patterns) in enumerate(LAYERS):
        if any(fnmatch(module, pattern) for pattern in patterns):
            return index
    return None


def resolve_import(module, level, name):
    """The addon module a relative import names, or None (outside the addon)."""
    if level == 0:
        prefix = "odoo.addons.smart_dairy_b2b"
        if name != prefix and not (name or "").startswith(prefix + "."):
            return None
        parts = name.split(".")[3:]
    else:
        base = Path(module).parent.parts
        if level - 1 > len(base):
            return None
        parts = [*base[: len(base) - (level - 1)], *(name.split(".") if name else [])]
    for candidate in ("/".join(parts) + ".py", "/".join([*parts, "__init__.py"])):
        if (ADDON / candidate).is_file():
            return candidate
    return None


class Module:
    """One parsed module: its string constants, the models it defines, its edges."""

    def __init__(self, path):
        self.path = path
        self.tree = ast.parse((ADDON / path).read_text(), filename=path)
        self.constants = {
            target.id: node.value.value
            for node in self.tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }

    def imports(self):
        """(line, imported module, names imported from it)."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom):
                target = resolve_import(self.path, node.level, node.module)
                if target is None:
                    continue
                names = [alias.name for alias in node.names]
                if target.endswith("__init__.py"):
                    # ``from .. import vocabulary``: the submodules named
                    for name in names:
                        sub = resolve_import(target, 1, name)
                        yield node.lineno, sub or target, [name]
                else:
                    yield node.lineno, target, names
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    target = resolve_import(self.path, 0, alias.name)
                    if target:
                        yield node.lineno, target, []

    def class_assignments(self, attribute):
        """(line, value) of ``attribute = ...`` in the module's class bodies."""
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    if (
                        isinstance(statement, ast.Assign)
                        and any(
                            isinstance(t, ast.Name) and t.id == attribute for t in statement.targets
                        )
                        and not isinstance(statement.value, ast.Call)
                    ):
                        yield statement.lineno, ast.literal_eval(statement.value)

    def methods(self):
        """Names of the methods the module's classes define."""
        return {
            statement.name
            for node in ast.walk(self.tree)
            if isinstance(node, ast.ClassDef)
            for statement in node.body
            if isinstance(statement, ast.FunctionDef)
        }

    def self_calls(self):
        """(line, method name) of every call of a method on ``self`` or a copy of it
        (``self.sudo()._fetch``), not on another model (``self.env[...]``)."""
        for node in ast.walk(self.tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            receiver = node.func.value
            while True:
                if isinstance(receiver, ast.Call):
                    receiver = receiver.func
                elif isinstance(receiver, ast.Attribute) and receiver.attr != "env":
                    receiver = receiver.value
                else:
                    break
            if isinstance(receiver, ast.Name) and receiver.id == "self":
                yield node.lineno, node.func.attr

    def model_names(self, constants_of):
        """(line, model name) of every ``env[...]`` subscript."""
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Subscript):
                continue
            value = node.value
            is_env = (isinstance(value, ast.Attribute) and value.attr == "env") or (
                isinstance(value, ast.Name) and value.id == "env"
            )
            if not is_env:
                continue
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                yield node.lineno, key.value
            elif isinstance(key, ast.Name):
                name = constants_of(self, key.id)
                if name:
                    yield node.lineno, name


def reference_edges(parsed):
    """(module, line, target module, how) of the imports, env[...] and _inherit."""
    imported_from = {
        path: {name: target for _line, target, names in module.imports() for name in names}
        for path, module in parsed.items()
    }

    def constants_of(module, name):
        if name in module.constants:
            return module.constants[name]
        source = imported_from[module.path].get(name)
        return parsed[source].constants.get(name) if source in parsed else None

    defined_in = {
        name: path
        for path, module in parsed.items()
        for _line, name in module.class_assignments("_name")
    }
    for path, module in parsed.items():
        for line, target, _names in module.imports():
            yield path, line, target, "import"
        for line, name in module.model_names(constants_of):
            if name in defined_in:
                yield path, line, defined_in[name], f'env["{name}"]'
        for line, value in module.class_assignments("_inherit"):
            for name in [value] if isinstance(value, str) else value:
                if name in defined_in:
                    yield path, line, defined_in[name], f'_inherit "{name}"'


def self_call_edges(parsed):
    """(module, line, target module, how) of the self.method() calls of methods the
    module does not define: to the lowest module defining the method (an upward edge
    only when every module defining it is higher)."""
    defining = {}
    for path, module in parsed.items():
        for name in module.methods():
            defining.setdefault(name, []).append(path)
    for path, module in parsed.items():
        own = module.methods()
        for line, name in module.self_calls():
            if name in own or name not in defining:
                continue  # its own method, or Odoo's
            target = max(defining[name], key=lambda other: layer_of(other) or 0)
            yield path, line, target, f"self.{name}()"


def parse_addon():
    parsed = {path: Module(path) for path in modules()}
    edges = [*reference_edges(parsed), *self_call_edges(parsed)]
    return parsed, [edge for edge in edges if edge[0] != edge[2]]


def test_every_module_has_a_layer():
    parsed, _edges = parse_addon()
    missing = [path for path in parsed if layer_of(path) is None]
    assert not missing, "modules of no layer (add them to LAYERS): " + ", ".join(missing)


def test_no_module_depends_on_a_higher_layer():
    _parsed, edges = parse_addon()
    upward = []
    for source, line, target, how in edges:
        source_layer, target_layer = layer_of(source), layer_of(target)
        if None in (source_layer, target_layer) or target_layer >= source_layer:
            continue
        if (source, target) in ALLOWED:
            continue
        upward.append(
            f"{source}:{line} ({LAYERS[source_layer][0].split(':')[0]}) -> {target} "
            f"({LAYERS[target_layer][0].split(':')[0]}) by {how}"
        )
    assert not upward, "dependencies on a higher layer:\n" + "\n".join(upward)


def test_exceptions_are_still_needed():
    """An ALLOWED exception that no longer happens is removed."""
    _parsed, edges = parse_addon()
    happening = {(source, target) for source, _line, target, _how in edges}
    stale = set(ALLOWED) - happening
    assert not stale, f"exceptions no edge needs any more: {sorted(stale)}"


def test_the_edges_are_found():
    """The parser sees each kind of dependency (else the layer test proves nothing)."""
    _parsed, edges = parse_addon()
    found = {
        (source, target, how if how.startswith("self.") else how.split()[0].split("[")[0])
        for source, _line, target, how in edges
    }
    assert (
        "models/b2b_analytics_service.py",
        "models/b2b_analytics_predictive.py",
        "_inherit",
    ) in found
    assert ("models/b2b_analytics_service.py", "vocabulary.py", "import") in found
    assert (
        "models/b2b_customer_insight.py",
        "models/b2b_analytics_predictive.py",
        "env",
    ) in found
    assert (
        "models/b2b_analytics_scoring.py",
        "models/b2b_analytics_descriptive.py",
        "self._monthly_trend()",
    ) in found
