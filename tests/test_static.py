"""Fast static checks of the addon and of the repository layout (no database)."""

import ast
import csv
import re

import pytest
from _repo import ADDON, REPO, manifest, manifest_files
from lxml import etree

ACL_HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]


def test_manifest_keys():
    m = manifest()
    assert re.match(r"^18\.0\.\d+\.\d+\.\d+$", m["version"]), m["version"]
    assert m.get("license") in {
        "LGPL-3",
        "AGPL-3",
        "GPL-3",
        "OPL-1",
        "OEEL-1",
        "Other proprietary",
    }
    assert {"mail", "calendar", "hr"} <= set(m["depends"])
    assert m.get("installable", True)
    assert m.get("name")


@pytest.mark.parametrize("path", manifest_files())
def test_manifest_file_exists(path):
    assert (ADDON / path).is_file(), f"{path} is listed in __manifest__.py but missing"


XML_FILES = sorted(
    p.relative_to(ADDON).as_posix()
    for p in ADDON.rglob("*.xml")
    if "__pycache__" not in p.parts
)


@pytest.mark.parametrize("path", XML_FILES)
def test_xml_parses(path):
    etree.parse(str(ADDON / path))


def _declared_models():
    """{model name: class kind} for every class of the addon that sets _name."""
    found = {}
    for py in ADDON.rglob("*.py"):
        if "tests" in py.relative_to(ADDON).parts:
            continue
        tree = ast.parse(py.read_text(encoding="utf-8"), str(py))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            bases = {ast.unparse(b) for b in cls.bases}
            for stmt in cls.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and any(
                        isinstance(t, ast.Name) and t.id == "_name"
                        for t in stmt.targets
                    )
                    and isinstance(stmt.value, ast.Constant)
                ):
                    kind = (
                        "abstract"
                        if any(b.endswith("AbstractModel") for b in bases)
                        else "model"
                    )
                    found[stmt.value.value] = kind
    return found


def _acl_rows():
    path = ADDON / "security" / "ir.model.access.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_acl_header():
    rows = _acl_rows()
    assert rows and rows[0] == ACL_HEADER
    for row in rows[1:]:
        assert len(row) == len(ACL_HEADER), row
        assert all(v in {"0", "1"} for v in row[4:]), row


def test_every_model_has_acl():
    models = {name for name, kind in _declared_models().items() if kind == "model"}
    assert models, "no model declared in the addon?"
    acl_models = {row[2].split(".")[-1] for row in _acl_rows()[1:]}
    missing = sorted(
        m for m in models if "model_" + m.replace(".", "_") not in acl_models
    )
    assert not missing, (
        f"models without an ACL line in security/ir.model.access.csv: {missing}"
    )


def test_ci_runs_make_test():
    text = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in text
    commands = [
        ln.strip()
        for ln in text.splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]
    assert commands[-1] == "make test"


def test_readme_quick_start():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    commands = [ln.strip() for b in blocks for ln in b.splitlines() if ln.strip()]
    assert commands[:2] == ["make run", "make test"], commands[:2]


def test_every_test_module_imported():
    """Odoo's own runner (and the OCA's CI) runs only the test modules that
    ``tests/__init__.py`` imports: none may be left out."""
    tests = ADDON / "tests"
    imported = {
        alias.name
        for node in ast.parse((tests / "__init__.py").read_text(encoding="utf-8")).body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    modules = {path.stem for path in tests.glob("test_*.py")}
    assert modules - imported == set(), "not imported by tests/__init__.py"
