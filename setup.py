"""Makes the repository pip-installable as ``odoo-addon-meeting_minutes``.

The addon folder ``meeting_minutes/`` is installed as the package
``odoo.addons.meeting_minutes``; ``odoo`` and ``odoo.addons`` are left to Odoo
itself (Odoo 18's ``odoo/addons/__init__.py`` extends its path over every
``odoo/addons`` folder on ``sys.path``), so the wheel ships neither
``odoo/__init__.py`` nor ``odoo/addons/__init__.py``.

Odoo itself is not on PyPI, so it is not declared as a requirement (it would be
``odoo>=18.0a,<18.1dev``): install the addon into a Python that already runs
Odoo 18.0.
"""

import ast
import os

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))
ADDON = "meeting_minutes"
ADDON_DIR = os.path.join(HERE, ADDON)
PACKAGE = "odoo.addons." + ADDON
SKIP_DIRS = {"__pycache__", ".pytest_cache"}
SKIP_SUFFIXES = (".py", ".pyc", ".pyo", "~")


def read_manifest():
    with open(os.path.join(ADDON_DIR, "__manifest__.py"), encoding="utf-8") as f:
        return ast.literal_eval(f.read())


def addon_version(manifest):
    """``18.0.1.0.0`` is already a valid PEP 440 version; keep it as it is."""
    version = manifest["version"]
    parts = version.split(".")
    if (
        len(parts) != 5
        or parts[:2] != ["18", "0"]
        or not all(p.isdigit() for p in parts)
    ):
        raise ValueError(f"manifest version {version!r} is not 18.0.x.y.z")
    return version


def data_files():
    """Every non-Python file of the addon (xml, csv, po, png, js, scss, md, ...),
    and the migration scripts (``migrations/<version>/`` is no Python package)."""
    found = []
    for root, dirs, files in os.walk(ADDON_DIR):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
        )
        in_migrations = os.path.relpath(root, ADDON_DIR).split(os.sep)[0] == (
            "migrations"
        )
        for name in sorted(files):
            if name.startswith(".") or (
                name.endswith(SKIP_SUFFIXES)
                and not (in_migrations and name.endswith(".py"))
            ):
                continue
            found.append(os.path.relpath(os.path.join(root, name), ADDON_DIR))
    return found


manifest = read_manifest()
subpackages = find_packages(ADDON_DIR)

setup(
    name="odoo-addon-" + ADDON,
    version=addon_version(manifest),
    description=manifest.get("summary", manifest["name"]),
    long_description=manifest.get("description", manifest.get("summary", "")),
    author=manifest.get("author"),
    url=manifest.get("website"),
    license=manifest.get("license"),
    package_dir={PACKAGE: ADDON},
    packages=[PACKAGE] + [PACKAGE + "." + p for p in subpackages],
    package_data={PACKAGE: data_files()},
    include_package_data=False,
    python_requires=">=3.10",
    # install_requires=["odoo>=18.0a,<18.1dev"],  # Odoo is not on PyPI
    zip_safe=False,
    classifiers=[
        "Programming Language :: Python :: 3",
        "Framework :: Odoo",
        "Framework :: Odoo :: 18.0",
        "License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)",
    ],
)
