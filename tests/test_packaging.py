"""The repository builds a wheel `odoo-addon-meeting_minutes`.

The wheel holds odoo/addons/meeting_minutes.
"""

import importlib.util
import shutil
import subprocess
import sys
import zipfile

import pytest
from _repo import ADDON, REPO, manifest, manifest_files

PREFIX = "odoo/addons/meeting_minutes/"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    out = tmp_path_factory.mktemp("wheel")
    for name in ("setup.py", "pyproject.toml"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, src / name)
    shutil.copytree(
        ADDON,
        src / "meeting_minutes",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "--disable-pip-version-check",
        "-w",
        str(out),
        str(src),
    ]
    if importlib.util.find_spec("setuptools") and importlib.util.find_spec("wheel"):
        cmd.insert(4, "--no-build-isolation")  # offline and fast
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def names(wheel):
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_wheel_name_and_version(wheel):
    assert wheel.name.startswith(
        f"odoo_addon_meeting_minutes-{manifest()['version']}-"
    ), wheel.name


def test_manifest_in_wheel(names):
    assert PREFIX + "__manifest__.py" in names
    assert PREFIX + "__init__.py" in names


def test_data_files_in_wheel(names):
    missing = [p for p in manifest_files() if PREFIX + p not in names]
    assert not missing, missing


def test_i18n_and_static_in_wheel(names):
    expected = [
        p.relative_to(ADDON).as_posix()
        for p in list(ADDON.glob("i18n/*.po*"))
        + [q for q in ADDON.glob("static/**/*") if q.is_file()]
    ]
    missing = [p for p in expected if PREFIX + p not in names]
    assert not missing, missing


def test_python_modules_in_wheel(names):
    expected = [
        p.relative_to(ADDON).as_posix()
        for p in ADDON.rglob("*.py")
        if "__pycache__" not in p.parts
    ]
    missing = [p for p in expected if PREFIX + p not in names]
    assert not missing, missing


def test_no_namespace_inits(names):
    assert "odoo/__init__.py" not in names
    assert "odoo/addons/__init__.py" not in names
    assert all(n.startswith((PREFIX, "odoo_addon_meeting_minutes-")) for n in names), (
        sorted(names)
    )
