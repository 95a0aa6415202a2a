"""One writer at a time: a second one waits, then fails naming the holder; a dead holder's
lock does not block."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from index_helpers import synthetic_articles

from searcher.errors import IndexLocked
from searcher.index import index_articles
from searcher.index.locks import LOCK_NAME, WriteLock, read_holder

HOLD = """
import sys, time
from searcher.index.locks import WriteLock
lock = WriteLock(sys.argv[1], command="searcher rebuild (test holder)").acquire()
print("locked", flush=True)
time.sleep(60)
"""


def _holder(path):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_writer_waits_then_names_the_holder(tmp_path):
    proc = _holder(tmp_path)
    try:
        started = time.monotonic()
        with pytest.raises(IndexLocked) as err:
            WriteLock(tmp_path, wait=0.5).acquire()
        assert time.monotonic() - started >= 0.5
        message = str(err.value)
        assert f"pid {proc.pid}" in message and "test holder" in message and "\n" not in message
        # The indexing API reports the same error.
        with pytest.raises(IndexLocked):
            index_articles(synthetic_articles(2), tmp_path, lock_wait=0.2)
    finally:
        proc.kill()
        proc.wait()


def test_lock_of_a_killed_process_is_taken_over(tmp_path):
    proc = _holder(tmp_path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # The file still names the dead holder, but the lock itself died with it.
    assert read_holder(tmp_path / LOCK_NAME).pid == proc.pid
    started = time.monotonic()
    with WriteLock(tmp_path, wait=5) as lock:
        assert time.monotonic() - started < 1
        assert json.loads((tmp_path / LOCK_NAME).read_text())["pid"] == os.getpid()
        assert lock.path.exists()
    report = index_articles(synthetic_articles(3), tmp_path)
    assert report.added == 3


def test_a_lock_is_exclusive_within_one_process_too(tmp_path):
    with WriteLock(tmp_path):
        with pytest.raises(IndexLocked, match=f"pid {os.getpid()}"):
            WriteLock(tmp_path, wait=0.1).acquire()
    with WriteLock(tmp_path, wait=0.1):
        pass
