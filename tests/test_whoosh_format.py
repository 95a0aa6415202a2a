"""Whoosh behind one door: the format facts hold for the installed Whoosh, and only
searcher.index.whoosh touches Whoosh's private attributes."""

from __future__ import annotations

import ast
import pickle
import pickletools
import re
from functools import lru_cache
from pathlib import Path

import whoosh

from searcher.index.schema import build_schema
from searcher.index.whoosh import PICKLED_CLASSES, WHOOSH_VERSION, installed_whoosh_version

SEARCHER = Path(__file__).resolve().parents[1] / "searcher"
DOOR = SEARCHER / "index" / "whoosh"


def test_the_installed_whoosh_is_the_one_whose_format_we_write():
    installed = installed_whoosh_version()
    assert installed == WHOOSH_VERSION, (
        f"whoosh-reloaded {installed} is installed, but searcher.index.whoosh reads and writes "
        f"the on-disk format of {WHOOSH_VERSION}: check each fact in its docstring against the "
        "new release, then change WHOOSH_VERSION and the pin in pyproject.toml"
    )
    assert ".".join(map(str, whoosh.__version__)) == WHOOSH_VERSION


def test_the_schema_names_searchers_classes_at_their_pinned_paths():
    # Indexes on disk unpickle their schema by these paths: moving a class breaks them all.
    globals_ = set()
    for op, arg, _pos in pickletools.genops(pickle.dumps(build_schema(), 2)):
        if op.name in ("GLOBAL", "STACK_GLOBAL") and arg:
            globals_.add(arg.replace(" ", "."))
    assert sorted(g for g in globals_ if g.startswith("searcher.")) == sorted(PICKLED_CLASSES)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


# A private identifier: one leading underscore, not a dunder.
_PRIVATE_WORD = re.compile(r"(?<![\w])_[A-Za-z0-9]\w*")


@lru_cache(maxsize=1)
def whoosh_private_names() -> frozenset[str]:
    """Every private identifier in Whoosh's own source (attributes, methods, functions)."""
    names: set[str] = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        names.update(_PRIVATE_WORD.findall(path.read_text(encoding="utf-8")))
    return frozenset(n for n in names if _private(n))


def _modules(inside_door: bool) -> list[Path]:
    return [p for p in sorted(SEARCHER.rglob("*.py")) if (DOOR in p.parents) == inside_door]


def _own_names(tree: ast.AST) -> set[str]:
    """Private names a module defines for its own objects (self._x, methods, class attributes)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(item.name)
                targets = item.targets if isinstance(item, ast.Assign) else []
                if isinstance(item, ast.AnnAssign):
                    targets = [item.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        names.add(target.id)
                    if isinstance(target, ast.Name) and target.id == "__slots__":
                        value = getattr(item, "value", None)
                        for const in ast.walk(value) if value is not None else ():
                            if isinstance(const, ast.Constant) and isinstance(const.value, str):
                                names.add(const.value)
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in ("self", "cls")
                ):
                    names.add(target.attr)
    return {n for n in names if _private(n)}


@lru_cache(maxsize=1)
def searchers_own_names() -> frozenset[str]:
    """Private names searcher's modules outside the door define on their own objects."""
    names: set[str] = set()
    for path in _modules(inside_door=False):
        names |= _own_names(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(names)


def private_whoosh_uses(source: str, suspects: frozenset[str]) -> list[tuple[int, str]]:
    """(line, name) where a module reads a private Whoosh name: `obj._x`, getattr(obj, "_x"),
    `from whoosh... import _x`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            found += [(node.lineno, a.name) for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name)
                for a in node.names
                if a.name.split(".")[0] == "whoosh" and any(map(_private, a.name.split(".")))
            ]
        elif isinstance(node, ast.Attribute) and node.attr in suspects:
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append((node.lineno, node.attr))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "setattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in suspects
        ):
            found.append((node.lineno, node.args[1].value))
    return found


def suspects() -> frozenset[str]:
    """Whoosh's private names that searcher's own code outside the door does not define."""
    return whoosh_private_names() - searchers_own_names()


def test_no_module_outside_the_door_reads_a_private_whoosh_attribute():
    names = suspects()
    offenders = {
        str(path.relative_to(SEARCHER.parent)): [f"line {line}: {name}" for line, name in uses]
        for path in _modules(inside_door=False)
        if (uses := private_whoosh_uses(path.read_text(encoding="utf-8"), names))
    }
    assert not offenders, (
        "private Whoosh attributes belong in searcher/index/whoosh/ (give it a public "
        f"function there): {offenders}"
    )


def test_the_check_knows_every_private_name_the_door_uses():
    # The door's own uses of Whoosh internals, found by the same check: were any of them
    # moved out again, the test above would see it (none is hidden by a name of ours).
    names = suspects()
    used = {
        name
        for path in _modules(inside_door=True)
        for _line, name in private_whoosh_uses(path.read_text(encoding="utf-8"), names)
    }
    assert {
        "_lenfield",
        "_perdoc",
        "_cached_reader",
        "_dbfile",
        "_count",
        "_basepos",
        "_terms",
        "_postfile",
        "_startoffset",
        "_length",
        "_byteids",
        "_exclude",
        "_ids",
        "_get_column",
        "_child",
        "_level",
        "_tindex",
        "_fieldid",
    } <= used


def test_the_check_finds_a_private_read_in_a_module():
    source = (
        "from whoosh.codec.whoosh3 import _lenfield\n"
        "def f(perdoc, leaf):\n"
        "    self_ok = perdoc._get_column('_stored')._child\n"
        "    return getattr(leaf, '_terms', None)\n"
    )
    found = private_whoosh_uses(source, suspects())
    assert {name for _line, name in found} == {"_lenfield", "_terms", "_child", "_get_column"}
