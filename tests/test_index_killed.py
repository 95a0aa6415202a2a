"""Real processes killed with SIGKILL in the middle of `searcher rebuild` and `searcher index`
leave the previous index intact and searchable, and a rerun completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from index_helpers import write_html_corpus
from whoosh.qparser import QueryParser

from searcher.index import open_index, update
from searcher.index.store import current_generation

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
FIRST = 30
TOTAL = 300


@pytest.fixture()
def indexed(tmp_path):
    """A corpus of TOTAL pages of which the first FIRST are indexed."""
    corpus = tmp_path / "corpus"
    write_html_corpus(corpus, TOTAL)
    hidden = tmp_path / "later"
    hidden.mkdir()
    pages = sorted(corpus.glob("*.html"))
    for page in pages[FIRST:]:
        page.rename(hidden / page.name)
    index = tmp_path / "ix"
    update(corpus, index, workers=1)
    for page in hidden.iterdir():
        page.rename(corpus / page.name)
    return corpus, index


def _start(command, corpus, index):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-m", "searcher", command, "--corpus", str(corpus), "--index", str(index)],
        cwd=str(REPO),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(condition, proc, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.01)
    return False


def _kill(proc):
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The killed command's worker processes die with their parent's pipe; give them a moment.
    time.sleep(0.2)


def _assert_usable(index, expected_counts):
    ix = open_index(index)
    try:
        assert ix.doc_count() in expected_counts
        with ix.searcher() as s:
            hits = s.search(
                QueryParser("body", ix.schema).parse("council OR ferry OR harbour"), limit=5
            )
            assert len(hits) > 0
    finally:
        ix.close()
    return ix.doc_count()


def _records_written(index):
    wal = index / "records.sqlite-wal"
    return lambda: wal.exists() and wal.stat().st_size > 64 * 1024


def _new_generation(index, old):
    return lambda: any(p.name != old.name for p in index.glob("gen-*"))


@pytest.mark.parametrize("moment", ["normalizing", "writing"])
def test_killed_rebuild_leaves_the_old_index(indexed, moment):
    corpus, index = indexed
    old = current_generation(index)
    proc = _start("rebuild", corpus, index)
    condition = _records_written(index) if moment == "normalizing" else _new_generation(index, old)
    assert _wait_for(condition, proc), proc.stderr.read().decode()
    if moment == "writing":
        time.sleep(0.05)
    _kill(proc)
    assert current_generation(index) == old
    assert _assert_usable(index, {FIRST}) == FIRST
    # A rerun completes (reusing what was normalized before the kill) and cleans up.
    proc = _start("rebuild", corpus, index)
    assert proc.wait(timeout=120) == 0, proc.stderr.read().decode()
    assert _assert_usable(index, {TOTAL}) == TOTAL
    assert len(list(index.glob("gen-*"))) <= 2


def test_killed_incremental_index_leaves_a_usable_index(indexed):
    corpus, index = indexed
    generation = current_generation(index)
    seen = set()
    for delay in (0.3, 1.0):
        proc = _start("index", corpus, index)
        started = time.monotonic()
        _wait_for(lambda s=started, d=delay: time.monotonic() - s > d, proc)
        if proc.poll() is None:
            _kill(proc)
        seen.add(_assert_usable(index, {FIRST, TOTAL}))
        assert current_generation(index) == generation
    proc = _start("index", corpus, index)
    assert proc.wait(timeout=120) == 0, proc.stderr.read().decode()
    assert _assert_usable(index, {TOTAL}) == TOTAL
    ix = open_index(index)
    with ix.reader() as reader:
        ids = [reader.stored_fields(d)["id"] for d in reader.all_doc_ids()]
    ix.close()
    assert len(ids) == len(set(ids)) == TOTAL
