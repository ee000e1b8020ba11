"""Repository checks that need no Odoo: the addon's shape and a few rules that must
never be broken (docs/architecture.md, STYLE.md)."""

import ast
import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADDON = ROOT / "smart_dairy_b2b"
PYTHON = sorted(p for p in ADDON.rglob("*.py") if "/tests/" not in str(p))


def manifest():
    return ast.literal_eval((ADDON / "__manifest__.py").read_text())


def test_manifest():
    data = manifest()
    assert data["version"].startswith("17.0.") and len(data["version"].split(".")) == 5
    assert data["license"] == "LGPL-3"
    assert {"sale_management", "sale_margin", "portal", "mail", "report_xlsx"} <= set(
        data["depends"]
    )
    assert "python" in data["external_dependencies"]
    for path in data["data"] + data.get("demo", []):
        assert (ADDON / path).is_file(), f"{path} is listed in the manifest but missing"


def test_report_xlsx_is_pinned():
    requirements = (ROOT / "requirements.txt").read_text()
    assert re.search(r"^odoo-addon-report_xlsx==17\.0\.", requirements, re.M)
    for line in requirements.splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, f"unpinned requirement: {line}"


@pytest.mark.parametrize("path", sorted(ADDON.rglob("*.xml")), ids=lambda p: p.name)
def test_xml_parses(path):
    ET.parse(path)


def test_no_commit_and_no_formatted_sql_in_business_code():
    for path in PYTHON:
        text = path.read_text()
        assert "cr.commit()" not in text, f"cr.commit() in {path}"
        assert not re.search(r"execute\(\s*f[\"']", text), f"f-string SQL in {path}"
        assert not re.search(r"execute\([^)]*\.format\(", text), f".format() SQL in {path}"
        assert not re.search(r"execute\([^,]*[\"']\s*%\s", text), f"%-formatted SQL in {path}"


def test_engine_imports_no_odoo():
    for path in (ADDON / "engine").glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "odoo" for name in names), path


def test_every_model_has_access_rights():
    declared = set()
    for path in PYTHON:
        for match in re.finditer(r'^\s+_name = "([a-z0-9_.]+)"', path.read_text(), re.M):
            declared.add(match.group(1))
    source = "\n".join(p.read_text() for p in PYTHON)
    abstract = {
        name
        for name in declared
        if re.search(
            rf'class \w+\(models\.AbstractModel\):\s+(""".*?"""\s+)?_name = "{re.escape(name)}"',
            source,
            re.S,
        )
    }
    with open(ADDON / "security" / "ir.model.access.csv") as handle:
        covered = {row["model_id:id"] for row in csv.DictReader(handle)}
    for name in declared - abstract:
        assert f"model_{name.replace('.', '_')}" in covered, f"no access rights for {name}"


def test_javascript_modules_are_odoo_modules():
    for path in (ADDON / "static").rglob("*.js"):
        assert path.read_text().lstrip().startswith("/** @odoo-module **/"), path


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
