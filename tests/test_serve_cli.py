"""`searcher serve` on any loopback address answers requests naming that address, and no others."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")

from serve_corpus import build_index  # noqa: E402
from served import serving, status  # noqa: E402

pytestmark = pytest.mark.loopback


def test_a_server_on_another_loopback_address_answers_it_and_refuses_foreign_hosts(tmp_path):
    with serving(build_index(tmp_path / "index"), host="127.0.0.2") as url:
        assert status(url + "api/health") == 200
        assert status(url + "api/health", host="attacker.example") == 400
