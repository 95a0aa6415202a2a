"""Shard replicas on Ray: each an actor holding one shard's service, and a client that fails over.

A `ShardReplica` actor builds its shard's service once (from a picklable factory) and answers
`call(method, payload)`; Ray restarts a replica whose process dies. A `ReplicaClient` is the
seam's ShardClient over the R replicas of one shard: a replica that dies, times out or cannot
read its shard is set aside and the same call goes to the next one, so a lost replica costs no
answer; a replica set aside is probed in the background and used again once it answers. Only
when no replica of the shard answers is the call ShardUnavailable.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import IndexCorrupt, IndexLocked, IndexNotFound, IndexOutdated, SearcherError
from .shardcall import ShardUnavailable
from .storage import ClusterError

# A replica that raises these cannot read its shard (its copy is missing or damaged): another may.
REPLICA_FAULTS = (IndexNotFound, IndexCorrupt, IndexOutdated, IndexLocked)
FAULT_NAMES = {fault.__name__ for fault in REPLICA_FAULTS}
# Seconds a call may take before its replica is set aside and the call goes to the next one.
CALL_TIMEOUT = 30.0
# Seconds between probes of a replica set aside (a restarting one answers its probe when back).
PROBE_EVERY = 0.5


def _replica_fault(answer: dict) -> bool:
    """True when the service answered that it cannot read its shard (an error of REPLICA_FAULTS)."""
    error = answer.get("error")
    return isinstance(error, dict) and error.get("type") in FAULT_NAMES


class ShardReplica:
    """The body of one replica actor: the shard's service, built once, answering calls.

    A service that cannot be built (the shard missing or damaged on this node) leaves the
    replica up but failing every call with that error, so the client sets it aside and the
    start of the service can say why.
    """

    def __init__(self, shard: int, factory: Callable[[], Any]):
        self.shard = shard
        self.service: Any = None
        self.failure: SearcherError | None = None
        try:
            self.service = factory()
        except SearcherError as exc:
            self.failure = exc

    def call(self, method: str, payload: dict) -> dict:
        """The service's answer to one call (JSON-able dicts in and out)."""
        self.ping()
        answer: dict = self.service.handle(method, payload)
        return answer

    def ping(self) -> int:
        """The replica's process id when it can answer (which process holds it)."""
        if self.failure is not None:
            raise self.failure
        return os.getpid()


class _Replica:
    """What the client knows of one replica: its actor handle and whether it answers."""

    def __init__(self, number: int, actor: Any):
        self.number = number
        self.actor = actor
        self.up = True
        self.probe: Any = None  # the pending ping of a replica set aside
        self.probe_at = 0.0


class ReplicaClient:
    """A ShardClient over the replica actors of one shard, failing over between them."""

    def __init__(
        self,
        shard: int,
        actors: list[Any],
        *,
        ray: Any,
        timeout: float = CALL_TIMEOUT,
        probe_every: float = PROBE_EVERY,
    ):
        if not actors:
            raise ValueError("a shard needs at least one replica")
        self.shard = shard
        self._ray = ray
        self._replicas = [_Replica(n, actor) for n, actor in enumerate(actors)]
        self._timeout = timeout
        self._probe_every = probe_every
        self._turn = itertools.count()
        self._lock = threading.Lock()

    @property
    def actors(self) -> list[Any]:
        """The replicas' actor handles, in replica order."""
        return [r.actor for r in self._replicas]

    def close(self) -> None:
        """End the replica actors (Ray does not restart them)."""
        for replica in self._replicas:
            self._ray.kill(replica.actor, no_restart=True)

    def live(self) -> list[int]:
        """The replicas believed to answer now (after reading the probes that came back)."""
        with self._lock:
            self._read_probes()
            return [r.number for r in self._replicas if r.up]

    def call(self, method: str, payload: dict) -> dict:
        """The first answer from a replica, trying each live one in turn; ShardUnavailable if none."""
        ray = self._ray
        tried: set[int] = set()
        while (replica := self._next(tried)) is not None:
            tried.add(replica.number)
            try:
                answer: dict = ray.get(
                    replica.actor.call.remote(method, payload), timeout=self._timeout
                )
                if not _replica_fault(answer):
                    return answer
            except ray.exceptions.RayTaskError as exc:
                cause = getattr(exc, "cause", None)
                if not isinstance(cause, REPLICA_FAULTS):
                    raise cause if isinstance(cause, Exception) else exc from None
            except (ray.exceptions.RayActorError, ray.exceptions.GetTimeoutError):
                pass  # the replica died, is restarting, or is too slow: the next one answers
            self._set_aside(replica)
        raise ShardUnavailable(self.shard, f"none of its {len(self._replicas)} replicas answered")

    def _next(self, tried: set[int]) -> _Replica | None:
        """The live replica whose turn it is, among those not tried for this call."""
        with self._lock:
            self._read_probes()
            candidates = [r for r in self._replicas if r.up and r.number not in tried]
            if not candidates:
                return None
            return candidates[next(self._turn) % len(candidates)]

    def _set_aside(self, replica: _Replica) -> None:
        with self._lock:
            if replica.up:
                replica.up = False
                replica.probe, replica.probe_at = None, time.monotonic() + self._probe_every

    def _read_probes(self) -> None:
        """Bring back replicas whose probe answered; send probes that are due (never waits)."""
        ray = self._ray
        now = time.monotonic()
        for replica in self._replicas:
            if replica.up:
                continue
            if replica.probe is None:
                if now >= replica.probe_at:
                    replica.probe = replica.actor.ping.remote()
                continue
            ready, _ = ray.wait([replica.probe], timeout=0)
            if not ready:
                continue
            try:
                ray.get(replica.probe)
                replica.up = True
            except ray.exceptions.RayError:  # dead for good, or failed to restart: probe later
                replica.probe_at = now + self._probe_every
            replica.probe = None


def start_replicas(
    ray: Any,
    factories: Mapping[int, Callable[[], Any]],
    replicas: int,
    *,
    restarts: int = -1,
    concurrency: int = 4,
    timeout: float = CALL_TIMEOUT,
) -> list[ReplicaClient]:
    """`replicas` actors per shard (spread over the nodes), each building its service with the
    shard's factory, and a client per shard; returns once every replica has answered.

    restarts: how often Ray restarts a replica whose process died (-1: always).
    """
    actor_class = ray.remote(ShardReplica)
    options = dict(
        max_restarts=restarts,
        max_task_retries=0,  # a lost call is failed over by the client, not queued for the restart
        max_concurrency=concurrency,  # a shard service is shared by threads
        num_cpus=0,  # replicas wait on calls most of the time: they reserve no CPU
        scheduling_strategy="SPREAD",  # a shard's replicas on different nodes where there are
    )
    clients = [
        ReplicaClient(
            shard,
            [actor_class.options(**options).remote(shard, factory) for _ in range(replicas)],
            ray=ray,
            timeout=timeout,
        )
        for shard, factory in sorted(factories.items())
    ]
    for client in clients:
        for actor in client.actors:
            try:
                ray.get(actor.ping.remote())
            except ray.exceptions.RayError as exc:
                for started in clients:
                    started.close()
                raise ClusterError(
                    f"shard {client.shard} cannot be served: {_first_line(exc)}"
                ) from None
    return clients


def _first_line(exc: BaseException) -> str:
    """The cause's own one-line message when Ray carries one, else Ray's first line."""
    cause = getattr(exc, "cause", None)
    text = str(cause if isinstance(cause, Exception) else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
