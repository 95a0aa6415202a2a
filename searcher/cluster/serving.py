"""A sharded index served as one: replica actors per shard on Ray, and a coordinator over them.

`open_cluster(SHARDS, replicas=2)` starts (or joins) Ray, starts the replicas, and returns a
`ClusterBackend`: the Coordinator (a SearchBackend, as `open_searcher` gives for one index)
that also stops the replicas and Ray's connection when closed. `searcher cluster serve` hands
it to the same web app as `searcher serve`.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from .replicas import CALL_TIMEOUT, ReplicaClient, start_replicas
from .runtime import RaySession
from .storage import ClusterError

MANIFEST = "shards.json"


def shard_names(shards: str | Path) -> list[str]:
    """The shards' folder names listed by SHARDS/shards.json; ClusterError when it is not one."""
    path = Path(shards) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        names = [str(entry["name"]) for entry in manifest["shards"]]
    except FileNotFoundError:
        raise ClusterError(
            f"no sharded index at {shards} (no {MANIFEST}): build one with searcher cluster index"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ClusterError(f"cannot read {path}: {exc}") from None
    if not names:
        raise ClusterError(f"{path} lists no shards")
    return names


def shard_service(shards: str, name: str, shard: int) -> Any:
    """The service of one shard, ranking with the statistics of all, its index opened now (so a
    replica that cannot read it says so at its start); built in a replica actor."""
    from ..search.stats import GlobalStats
    from .shardcall import raise_if_error
    from .shardservice import ShardService

    service = ShardService(Path(shards) / name, GlobalStats(shards), shard=shard)
    raise_if_error(service.handle("info", {}))
    return service


class ClusterBackend:
    """The coordinator over the shards' replica clients; closing it ends the replicas (the
    coordinator closes its clients) and leaves Ray."""

    def __init__(self, coordinator: Any, clients: list[ReplicaClient], session: RaySession):
        self.coordinator = coordinator
        self.clients = clients
        self._session = session

    def __getattr__(self, name: str) -> Any:
        # Everything a SearchBackend answers is the coordinator's.
        return getattr(self.coordinator, name)

    def close(self) -> None:
        """Close the coordinator and its replica actors, and leave Ray (stopping a local one)."""
        try:
            self.coordinator.close()
        finally:
            self._session.close()

    def __enter__(self) -> ClusterBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_cluster(
    shards: str | Path,
    *,
    replicas: int = 2,
    address: str | None = None,
    workers: int | None = None,
    timeout: float = CALL_TIMEOUT,
    restarts: int = -1,
) -> ClusterBackend:
    """The sharded index at `shards` served by `replicas` Ray actors per shard and a coordinator.

    Every node that runs replicas must reach the shards at the same path (a shared filesystem,
    or a copy at the same place on each). `restarts`: how often Ray restarts a replica whose
    process died (-1: always).
    """
    from ..search.stats import GlobalStats
    from .coordinator import Coordinator

    root = Path(shards).resolve()  # Ray's workers do not run in this folder
    names = shard_names(root)
    factories = {
        n: functools.partial(shard_service, str(root), name, n) for n, name in enumerate(names)
    }
    session = RaySession(address, workers)
    try:
        clients = start_replicas(
            session.get(), factories, replicas, restarts=restarts, timeout=timeout
        )
    except BaseException:
        session.close()
        raise
    return ClusterBackend(Coordinator(clients, GlobalStats(root)), clients, session)
