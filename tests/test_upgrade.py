"""A database of the previous version upgrades with nothing lost.

Runs scripts/upgrade_check.sh: the previous version (a git worktree of its last
commit) installed with demo data, minutes approved, distributed and archived there
with their PDFs stored, then ``-u meeting_minutes`` with this checkout; meetings,
lines, action items and stored PDFs must be the same, each stored PDF revision 1
with its SHA-256. Needs the bootstrap (.odoo/env.sh) and the git history.
"""

import subprocess

import pytest
from _repo import REPO


def test_previous_version_upgrades_intact():
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if shallow.stdout.strip() == "true":
        pytest.skip("a shallow clone has not the previous version's commit")
    if not (REPO / ".odoo" / "env.sh").exists():
        pytest.fail("run scripts/bootstrap.sh (make bootstrap) first")
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "upgrade_check.sh")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    lines = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.startswith(("[upgrade]", "CHECK", "-SNAP", "+SNAP"))
    ]
    assert result.returncode == 0, "\n".join(lines[-60:])
    assert any(line.startswith("[upgrade] OK:") for line in lines), "\n".join(lines)
