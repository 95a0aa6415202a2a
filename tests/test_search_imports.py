"""A search process loads what a search needs: the fuzzy matcher and the normalizer wait for their first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.search_fixtures import build_index

REPO = Path(__file__).resolve().parents[1]

_PROBE = """
import contextlib, io, runpy, sys
sys.argv = ["searcher", "search", "ferry", "--index", sys.argv[1], "--facet", "outlet",
            "--facet", "author", "--sort", "newest"]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        runpy.run_module("searcher", run_name="__main__")
    except SystemExit:
        pass
print(sorted(m for m in ("rapidfuzz", "numpy.ma", "searcher.normalize") if m in sys.modules))
"""


def test_a_faceted_sorted_search_loads_no_fuzzy_matcher_or_normalizer(tmp_path):
    index = build_index(tmp_path / "ix")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(index)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
