"""Shard replicas on a real local Ray cluster: fail-over, restarts, a shard with no replica left."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from cluster_fixtures import end_for_good

from searcher.errors import QueryError

pytestmark = pytest.mark.slow
pytest.importorskip("ray")


def echo_factory(shard: int, missing: str | None = None):
    """A factory of a small service (built in the actor's process) answering with its shard and pid.

    Defined here and pickled by value: the test's module is not importable in Ray's workers.
    """

    def build():
        import os
        import time

        from searcher.errors import IndexNotFound

        if missing:
            raise IndexNotFound(f"no index at {missing}")

        class Echo:
            def handle(self, method: str, payload: dict) -> dict:
                from searcher.errors import IndexNotFound, QueryError

                if method == "bad":
                    raise QueryError("bad query")
                if method == "lost":
                    raise IndexNotFound("no index here")
                if method == "gone":  # as a ShardService answers a searcher error
                    from searcher.cluster.shardcall import error_answer

                    return error_answer(IndexNotFound("no index here"))
                time.sleep(payload.get("sleep", 0))
                return {"shard": shard, "pid": os.getpid(), "echo": payload}

        return Echo()

    return build


@pytest.fixture(scope="module")
def replicas(ray_cluster):
    """Two replicas of shard 0 and of shard 1 (restarted by Ray when they die), stopped after;
    tests that kill replicas wait for them to be back, but the last, which ends shard 1."""
    import ray

    from searcher.cluster.replicas import start_replicas

    clients = start_replicas(ray, {0: echo_factory(0), 1: echo_factory(1)}, 2, timeout=10)
    try:
        yield clients
    finally:
        for client in clients:
            client.close()


def pid_of(actor) -> int:
    import ray

    return ray.get(actor.ping.remote())


def wait_live(shard, seconds: float = 20) -> None:
    """Until both replicas of the shard are back in use (or fail after `seconds`)."""
    deadline = time.monotonic() + seconds
    while shard.live() != [0, 1] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert shard.live() == [0, 1]


def test_calls_go_to_every_replica(replicas):
    shard = replicas[1]
    answers = [shard.call("echo", {"n": n}) for n in range(6)]
    assert [a["echo"] for a in answers] == [{"n": n} for n in range(6)]
    assert {a["shard"] for a in answers} == {1}
    assert {a["pid"] for a in answers} == {pid_of(actor) for actor in shard.actors}


def test_a_killed_replica_costs_no_call_and_comes_back(replicas):
    shard = replicas[0]
    first, second = shard.actors
    killed = pid_of(first)
    with ThreadPoolExecutor(4) as pool:
        calls = [pool.submit(shard.call, "echo", {"n": n, "sleep": 0.02}) for n in range(80)]
        time.sleep(0.3)
        os.kill(killed, signal.SIGKILL)
        answers = [c.result() for c in calls]  # none raises
    assert [a["echo"]["n"] for a in answers] == list(range(80))
    assert killed not in {a["pid"] for a in answers[-20:]}
    # Ray restarts the replica in a new process; the client probes it and uses it again.
    wait_live(shard)
    restarted = pid_of(first)
    assert restarted != killed
    served = {shard.call("echo", {})["pid"] for _ in range(6)}
    assert served == {restarted, pid_of(second)}


def test_a_wrong_request_is_the_service_own_error_and_no_fault(replicas):
    shard = replicas[0]
    with pytest.raises(QueryError, match="^bad query$"):
        shard.call("bad", {})
    assert shard.live() == [0, 1]
    # A replica that cannot read its shard is set aside: the call tries the other, then gives up.
    from searcher.cluster.shardcall import ShardUnavailable

    for method in ("lost", "gone"):
        with pytest.raises(ShardUnavailable, match="^shard 0 is unavailable: none of its 2"):
            shard.call(method, {})
        assert shard.live() == []
        wait_live(shard)  # their probes answer: both are used again


def test_a_shard_that_cannot_be_read_stops_the_start(ray_cluster, tmp_path):
    import ray

    from searcher.cluster.replicas import start_replicas
    from searcher.cluster.storage import ClusterError

    missing = str(tmp_path / "gone")
    with pytest.raises(ClusterError, match=f"^shard 3 cannot be served: no index at {missing}$"):
        start_replicas(ray, {3: echo_factory(3, missing)}, 2, restarts=0)


def test_a_shard_with_no_replica_left_is_unavailable(replicas):
    from searcher.cluster.shardcall import ShardUnavailable

    shard = replicas[1]
    for actor in shard.actors:
        end_for_good(actor)
    with pytest.raises(ShardUnavailable) as caught:
        shard.call("echo", {})
    assert caught.value.shard == 1 and "shard 1" in str(caught.value)
    assert shard.live() == []
    assert replicas[0].call("echo", {"n": 1})["shard"] == 0  # the other shard still answers
