"""A real `searcher serve` on a free port of a loopback address, for the tests that talk HTTP to it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def status(url: str, host: str | None = None) -> int:
    """The HTTP status of GET url (with another Host header when given)."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@contextmanager
def serving(index: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """The base URL ("http://host:port/") of `searcher serve` over `index`, answering; stopped after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "searcher", "serve", "--index", str(index)]
        + ["--host", host, "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = None
        for _ in range(5):
            match = re.search(rf"http://{re.escape(host)}:\d+/", process.stderr.readline())
            if match:
                url = match.group(0)
                break
        assert url, "no URL on stderr"
        deadline = time.monotonic() + 15
        while True:
            try:
                status(url + "api/health")
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
