"""A search process loads what a search needs: what it never uses waits for its first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from searcher.lazy import import_deferring
from tests.search_fixtures import build_index

REPO = Path(__file__).resolve().parents[1]

# Loaded by dependencies for things a search never does: the fuzzy matcher and the normalizer
# (first use), Whoosh's download helper (urllib.request, with http, ssl and email), the
# coroutine check of its cached properties (asyncio), its English word variations, the
# installed-version lookup (importlib.metadata) and the lock's host name (socket).
NOT_LOADED = (
    "rapidfuzz",
    "numpy.ma",
    "searcher.normalize",
    "asyncio",
    "urllib.request",
    "email",
    "ssl",
    "whoosh.lang.morph_en",
    "importlib.metadata",
    "socket",
)

_PROBE = """
import contextlib, io, runpy, sys
sys.argv = ["searcher", "search", "ferry", "--index", sys.argv[1], "--facet", "outlet",
            "--facet", "author", "--sort", "newest"]
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        runpy.run_module("searcher", run_name="__main__")
    except SystemExit:
        pass
assert "matching article" in out.getvalue(), out.getvalue()
print(sorted(m for m in sys.argv[2:] if m in sys.modules))
"""


def test_a_faceted_sorted_search_loads_only_what_it_uses(tmp_path):
    index = build_index(tmp_path / "ix")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(index), *NOT_LOADED],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_whooshs_deferred_download_helper_still_downloads(tmp_path):
    source = tmp_path / "page.txt"
    source.write_text("the harbour reopened", encoding="utf-8")
    probe = (
        "import sys, searcher, whoosh.compat\n"
        "assert 'urllib.request' not in sys.modules\n"
        "whoosh.compat.urlretrieve(sys.argv[1], sys.argv[2])\n"
        "print(type(sys.modules['urllib.request']).__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, source.as_uri(), str(tmp_path / "copy.txt")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "module"  # the real urllib.request, not a stand-in
    assert (tmp_path / "copy.txt").read_text(encoding="utf-8") == "the harbour reopened"


def test_a_deferred_module_is_imported_by_its_first_use(tmp_path, monkeypatch):
    (tmp_path / "deferred_heavy.py").write_text(
        "VALUE = 7\ndef plus_one(x):\n    return x + 1\n", encoding="utf-8"
    )
    (tmp_path / "deferred_user.py").write_text(
        "import deferred_heavy\nfrom deferred_heavy import plus_one\n"
        "def value():\n    return deferred_heavy.VALUE\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("deferred_heavy", "deferred_user"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import_deferring("deferred_user", {"deferred_heavy": ("plus_one",)})
    user = sys.modules["deferred_user"]
    assert "deferred_heavy" not in sys.modules
    assert user.plus_one(1) == 2
    assert "deferred_heavy" in sys.modules
    assert user.value() == 7
    import deferred_heavy

    assert deferred_heavy is sys.modules["deferred_heavy"]
    assert type(deferred_heavy).__name__ == "module"
    for name in ("deferred_heavy", "deferred_user"):
        monkeypatch.delitem(sys.modules, name, raising=False)


def test_a_module_already_imported_is_not_stood_in_for(tmp_path, monkeypatch):
    (tmp_path / "deferred_user2.py").write_text("import json\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "deferred_user2", raising=False)
    import json

    import_deferring("deferred_user2", {"json": ()})
    assert sys.modules["deferred_user2"].json is json
    monkeypatch.delitem(sys.modules, "deferred_user2", raising=False)
