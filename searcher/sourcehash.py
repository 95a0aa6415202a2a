"""A version for code that caches depend on: a hash of its source, so the cache key cannot go stale.

The records cache holds what the normalizer made of each page; any change to the
normalizer, the quote extractor or a searcher module they import can change that.
Hashing those files (found by following their imports) makes every such change a
new version, with nothing to remember to bump.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
PACKAGE = PACKAGE_ROOT.name


def _module_file(root: Path, module: str) -> Path | None:
    """The file of a module of the package at `root` ("searcher.quotes.cues"), or None."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = root.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _statements(body: list, nested: bool):
    """The statements of a body, and (when `nested`) those inside functions, classes and blocks."""
    for statement in body:
        yield statement
        if not nested:
            continue
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            for child in getattr(statement, name, ()):
                if isinstance(child, ast.stmt):
                    yield from _statements([child], nested)
                else:  # an except handler or a match case: statements in its body
                    yield from _statements(getattr(child, "body", []), nested)


def _imported(root: Path, path: Path, nested: bool = True) -> tuple[set[Path], set[Path]]:
    """What the file at `path` imports from the package: (modules, parent packages run on the way).

    `nested` includes imports inside functions (this codebase imports lazily); a parent
    package's `__init__` runs only its top-level statements when a module below it is imported.
    """
    name = _module_name(root, path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    wanted: set[str] = set()
    for node in _statements(ast.parse(path.read_bytes(), str(path)).body, nested):
        if isinstance(node, ast.Import):
            wanted.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            wanted.add(module)
            wanted.update(f"{module}.{alias.name}" for alias in node.names)
    modules: set[Path] = set()
    parents: set[Path] = set()
    for module in wanted:
        parts = module.split(".")
        file = _module_file(root, module)
        if file is not None:
            modules.add(file)
        for n in range(1, len(parts)):  # importing a.b.c runs a/__init__ and a/b/__init__ first
            parent = _module_file(root, ".".join(parts[:n]))
            if parent is not None:
                parents.add(parent)
    return modules, parents - modules


def _files(root: Path, packages: tuple[str, ...]) -> list[Path]:
    """The packages' data files, their `__init__` modules and every module those import, directly or not.

    Modules of the packages that nothing reached from their `__init__` imports (say, the
    normalizer's file and URL reader for `searcher extract`) do not make its output.
    """
    todo: list[tuple[Path, bool]] = []
    for package in packages:
        entry = _module_file(root, package)
        if entry is not None:
            todo.append((entry, True))
        folder = root.joinpath(*package.split(".")[1:])
        todo.extend(
            (p, True)
            for p in folder.rglob("*")
            if p.is_file()
            and "__pycache__" not in p.parts
            and p.suffix not in (".py", ".pyc", ".pyo")
        )
    seen: dict[Path, bool] = {}
    while todo:
        path, nested = todo.pop()
        if seen.get(path) is True or (path in seen and not nested):
            continue
        seen[path] = nested
        if path.suffix == ".py":
            modules, parents = _imported(root, path, nested)
            todo.extend((p, True) for p in modules)
            todo.extend((p, False) for p in parents)
    return sorted(seen)


def digest_of(root: Path, packages: tuple[str, ...]) -> str:
    """The source hash of `packages` in the package tree at `root` (see source_digest)."""
    digest = hashlib.sha256()
    for path in _files(root, packages):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def source_digest(*packages: str) -> str:
    """A short hash of the packages' code and data and of every searcher module they import (once per process)."""
    return digest_of(PACKAGE_ROOT, packages)
