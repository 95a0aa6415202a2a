"""A sharded index served on a real local Ray cluster: the web app over the coordinator, with a
replica killed during a stream of queries, and a shard with no replica left (partial answers)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
from cluster_fixtures import end_for_good, run

pytestmark = pytest.mark.slow
pytest.importorskip("ray")
pytest.importorskip("pyarrow")
pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")

QUERIES = ["harbour", "council budget", "water OR river", "strike*", "election", "ferry"]


@pytest.fixture(scope="module")
def two_shards(cluster_records, tmp_path_factory) -> Path:
    """The cluster records of the bundled corpus in 2 shards."""
    records, _ = cluster_records
    out = tmp_path_factory.mktemp("served") / "shards"
    code, _, err = run("cluster", "index", str(records), "--shards", "2", "--out", str(out))
    assert code == 0, err
    return out


@contextmanager
def serving(app) -> Iterator[str]:
    """The app on a free port of 127.0.0.1 (uvicorn in a thread); yields its base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive()
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def served(ray_cluster, two_shards):
    """The 2 shards served by 2 replicas each (restarted by Ray when they die) behind the web
    app; yields (backend, base URL). The last test ends shard 1's replicas for good."""
    from searcher.cluster.serving import open_cluster
    from searcher.serve import create_app

    backend = open_cluster(two_shards, replicas=2, timeout=20)
    try:
        with serving(create_app(two_shards, opener=lambda _: backend)) as url:
            yield backend, url
    finally:
        backend.close()


def api(url: str, path: str, **params) -> dict:
    response = httpx.get(url + path, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def answers(url: str) -> list[dict]:
    """Each query's ids, total and facets as the API gives them."""
    found = []
    for query in QUERIES:
        data = api(url, "/api/search", q=query, limit=50, facet=["outlet", "year"])
        ids = [hit["article"]["id"] for hit in data["hits"]]
        found.append(
            {
                "ids": ids,
                "scores": {h["article"]["id"]: h["score"] for h in data["hits"]},
                "copies": [a["id"] for h in data["hits"] for a in h["also_in"]],
                "total": data["total"],
                "facets": data["facets"],
                **partial(data),
            }
        )
    return found


def partial(data: dict) -> dict:
    return {"partial": data["partial"]} if data.get("partial") else {}


def pid_of(actor) -> int:
    import ray

    return ray.get(actor.ping.remote())


def test_the_cluster_answers_as_the_single_index(served, single_index):
    _, url = served
    index, _ = single_index
    from searcher.search import SearchRequest, open_searcher

    with open_searcher(index) as single:
        for query, answer in zip(QUERIES, answers(url), strict=True):
            expected = single.search(SearchRequest.of(query, limit=50))
            assert answer["ids"] == [h.article.id for h in expected.hits], query
            assert answer["total"] == expected.total and "partial" not in answer, query
    assert api(url, "/api/health")["articles"] == api(url, "/api/stats")["articles"] > 0


def test_a_killed_replica_costs_no_query_and_is_restarted(served):
    import ray

    backend, url = served
    before = answers(url)
    shard = backend.clients[0]
    killed = pid_of(shard.actors[0])
    with ThreadPoolExecutor(4) as pool:
        stream = [pool.submit(answers, url) for _ in range(12)]
        time.sleep(0.5)
        os.kill(killed, signal.SIGKILL)
        during = [s.result() for s in stream]  # no query fails
    assert all(d == before for d in during)
    deadline = time.monotonic() + 30
    while shard.live() != [0, 1] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert shard.live() == [0, 1]  # Ray restarted it and the client uses it again
    restarted = pid_of(shard.actors[0])
    assert restarted != killed
    assert ray.get(shard.actors[0].call.remote("info", {}))["shard"] == 0  # it serves again
    assert answers(url) == before


def test_the_command_serves_the_shards_and_stops_on_ctrl_c(ray_cluster, two_shards, served):
    _, url = served
    process = subprocess.Popen(
        [sys.executable, "-m", "searcher", "cluster", "serve", str(two_shards), "--port", "0"]
        + ["--replicas", "1", "--address", ray_cluster],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stderr.readline()
        while line and "serving" not in line:
            line = process.stderr.readline()
        assert "(2 shards × 1 replicas)" in line, line
        served_url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        assert api(served_url, "/api/search", q="harbour") == api(url, "/api/search", q="harbour")
        assert api(served_url, "/api/health")["status"] == "ok"
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
    # As `searcher serve`: uvicorn stops, then the interrupt is reported (the replicas closed).
    assert code == 130 and "Traceback" not in process.stderr.read()


def test_a_sharded_index_that_is_not_there_is_one_line(tmp_path):
    code, _, err = run("cluster", "serve", str(tmp_path / "nothing"), "--port", "0")
    assert code == 2
    assert err == (
        f"Error: no sharded index at {tmp_path / 'nothing'} (no shards.json): "
        "build one with searcher cluster index\n"
    )


def test_a_shard_with_no_replica_left_makes_every_answer_partial(served, single_index, monkeypatch):
    from searcher.cli import search as search_cli
    from searcher.cluster.shards import shard_of
    from searcher.search import open_searcher

    backend, url = served
    whole = answers(url)
    for actor in backend.clients[1].actors:
        end_for_good(actor)
    index, _ = single_index
    with open_searcher(index) as single:
        for query, before, after in zip(QUERIES, whole, answers(url), strict=True):
            assert after["partial"] == {"missing_shards": [1]}, query
            # None wrong: the matches shard 0 holds, scored as in the whole answer, best first;
            # a story whose first copy was in shard 1 shows its copy in shard 0.
            reading, docs = single.matching(query)
            held = [reading.searcher.stored_fields(d)["id"] for d in docs]
            assert after["total"] == sum(shard_of(i, 2) == 0 for i in held), query
            assert all(shard_of(i, 2) == 0 for i in after["ids"] + after["copies"]), query
            assert set(after["ids"]) <= set(before["ids"] + before["copies"]), query
            assert [i for i in before["ids"] if shard_of(i, 2) == 0] == [
                i for i in after["ids"] if i in before["ids"]
            ], query
            for i in set(after["ids"]) & set(before["ids"]):
                assert after["scores"][i] == before["scores"][i], query
            scores = [after["scores"][i] for i in after["ids"]]
            assert scores == sorted(scores, reverse=True), query
    page = httpx.get(url + "/", params={"q": "harbour"}, timeout=30).text
    assert "Partial answer: shard 1 did not answer" in page
    quotes = api(url, "/api/quotes", q="council")
    assert quotes["partial"] == {"missing_shards": [1]}
    # The CLI prints what its backend answers, and says so plainly.
    monkeypatch.setattr(search_cli, "_open", lambda *where: nullcontext(backend))
    code, out, err = run("search", "harbour", "--format", "json")
    assert code == 0 and json.loads(out)["partial"] == {"missing_shards": [1]}
    assert "partial answer: shard 1 did not answer" in err
    # Its stats too (read from the backend here: the server keeps complete stats for a while).
    import searcher.remote

    class Remote:
        def __init__(self, url: str):
            pass

        def __enter__(self):
            return backend

        def __exit__(self, *exc: object) -> None:
            return None

    monkeypatch.setattr(searcher.remote, "RemoteSearcher", Remote)
    code, out, err = run("stats", "--remote", url, "--format", "json")
    assert code == 0 and json.loads(out)["partial"] == {"missing_shards": [1]}
    assert "partial answer: shard 1 did not answer" in err
