"""Shared helpers of the repository-level tests (no Odoo needed)."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDON = REPO / "meeting_minutes"


def manifest():
    return ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))


def manifest_files():
    m = manifest()
    return list(m.get("data", [])) + list(m.get("demo", []))
