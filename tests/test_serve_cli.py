"""`searcher serve` on any loopback address answers requests naming that address, and no others."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytest.importorskip("starlette")

from serve_corpus import build_index  # noqa: E402

pytestmark = pytest.mark.loopback


def _status(url: str, host: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_server_on_another_loopback_address_answers_it_and_refuses_foreign_hosts(tmp_path):
    index = build_index(tmp_path / "index")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "searcher",
            "serve",
            "--index",
            str(index),
            "--host",
            "127.0.0.2",
            "--port",
            "0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = None
        for _ in range(5):
            match = re.search(r"http://127\.0\.0\.2:\d+/", process.stderr.readline())
            if match:
                url = match.group(0)
                break
        assert url, "no URL on stderr"
        deadline = time.monotonic() + 15
        while True:
            try:
                status = _status(url + "api/health")
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.1)
        assert status == 200
        assert _status(url + "api/health", host="attacker.example") == 400
    finally:
        process.terminate()
        process.wait(timeout=10)
