"""Every package a benchmark script imports is declared in pyproject.toml (core or an extra)."""

from __future__ import annotations

import ast
import re
import sys

import pytest

tomllib = pytest.importorskip("tomllib")

# Import names that differ from the distribution's name.
DISTRIBUTION = {"bs4": "beautifulsoup4", "whoosh": "whoosh-reloaded"}


def third_party_imports(source: str) -> set[str]:
    """Top-level names of the modules a script imports, leaving out the standard library and searcher."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "searcher"}


def test_benchmark_imports_are_declared(repo_root):
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements.extend(extra)
    declared = {
        re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements
    }
    # The scripts also import each other, and quotes.py a copy of another revision's extractor it writes.
    local = {p.stem for p in (repo_root / "benchmarks").glob("*.py")} | {
        "benchmarks",
        "quotes_baseline",
    }
    missing = {}
    for script in sorted((repo_root / "benchmarks").glob("*.py")):
        for name in third_party_imports(script.read_text(encoding="utf-8")) - local:
            if DISTRIBUTION.get(name, name).replace("_", "-").lower() not in declared:
                missing.setdefault(script.name, []).append(name)
    assert not missing, f"imported by benchmarks but not in pyproject.toml: {missing}"
