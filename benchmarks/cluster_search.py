"""The search half of benchmarks/cluster.py: shards served by Ray actors and a coordinator,
beside one index of the same records, in the same run.

Each query of the shared query set is run on the one index and on the cluster in turn
(interleaved, after a warm-up round of both): p50/p95 of each, whether the ids and their
order are the same, and the coordinator's overhead per query: its wall time minus the time
some shard call was in flight (the union of the calls' intervals, so parallel calls count
once; a call's time includes its Ray round trip, given apart as a no-op call's). Then
queries/s under --clients concurrent clients, each backend in two interleaved halves of
--seconds. Run through benchmarks/cluster.py --shard-articles N --shards 4 --search.
"""

from __future__ import annotations

import functools
import gc
import logging
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.cluster import say, uptime


class TimedClient:
    """A shard client that logs each call's (start, end) while a log is open."""

    def __init__(self, client: Any, log: list[tuple[float, float, int]]):
        self.client, self.shard, self.log = client, client.shard, log

    def call(self, method: str, payload: dict) -> dict:
        started = time.perf_counter()
        try:
            answer: dict = self.client.call(method, payload)
            return answer
        finally:
            self.log.append((started, time.perf_counter(), self.shard))

    def close(self) -> None:
        self.client.close()


def busy(intervals: list[tuple[float, float]]) -> float:
    """Seconds covered by at least one of the intervals."""
    total, end = 0.0, float("-inf")
    for start, stop in sorted(intervals):
        if stop <= end:
            continue
        total += stop - max(start, end)
        end = stop
    return total


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def queries_per_second(backend: Any, queries: list[Any], clients: int, seconds: float) -> float:
    """Searches answered per second by `clients` threads, each going through the queries."""
    done = [0] * clients
    deadline = time.perf_counter() + seconds

    def client(n: int) -> None:
        k = n
        while time.perf_counter() < deadline:
            backend.search(queries[k % len(queries)])
            done[n] += 1
            k += clients

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return sum(done) / (time.perf_counter() - started)


def rss(pid: int) -> int:
    """Resident bytes of a process on this machine (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise ValueError(f"no VmRSS for process {pid}")


def replica_memory(ray: Any, clients: list[Any], names: list[str], root: Path) -> Any:
    """Per-shard figures for the sizing: index bytes and replica memory per article, and the
    memory of a replica process that has imported the shard service but opened no shard."""
    import importlib
    import json

    from benchmarks.cluster import folder_bytes
    from benchmarks.cluster_sizing import Measured
    from searcher.cluster.replicas import start_replicas

    manifest = json.loads((root / "shards.json").read_text())
    articles = sum(entry["articles"] for entry in manifest["shards"])
    empty = start_replicas(
        ray, {0: functools.partial(importlib.import_module, "searcher.cluster.shardservice")}, 1
    )
    base = rss(ray.get(empty[0].actors[0].ping.remote()))
    empty[0].close()
    held = [rss(ray.get(actor.ping.remote())) for c in clients for actor in c.actors]
    replicas = len(held) // len(clients)
    return Measured(
        disk_per_article=round(sum(folder_bytes(root / n) for n in names) / articles),
        replica_base=round(base / 1e7) * 1e7,  # as the table shows it (0.01 GB)
        replica_per_article=round((sum(held) - len(held) * base) / (articles * replicas)),
    )


class GcPauses:
    """The garbage collector's pauses in this process while open: (generation, seconds)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._started = 0.0

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((info["generation"], time.perf_counter() - self._started))

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)

    def summary(self) -> str:
        """Pauses per generation: count, total and longest."""
        parts = []
        for generation in (0, 1, 2):
            times = [t for g, t in self.pauses if g == generation]
            if times:
                parts.append(
                    f"gen {generation}: {len(times)}, {ms(sum(times)).strip()} in all, "
                    f"longest {ms(max(times)).strip()}"
                )
        return "; ".join(parts) or "none"


def latencies(single: Any, cluster: Any, queries: list[Any], log: list) -> dict[str, list[float]]:
    """Each query on the one index and on the cluster in turn: times, the slowest shard's time
    (its calls summed), the coordinator's overhead; and whether the ids agree (the count)."""
    found: dict[str, list[float]] = {
        "one index": [],
        "cluster": [],
        "slowest shard": [],
        "overhead": [],
        "same": [],
    }
    for request in queries:
        t0 = time.perf_counter()
        expected = single.search(request)
        t1 = time.perf_counter()
        log.clear()
        got = cluster.search(request)
        t2 = time.perf_counter()
        calls = list(log)
        per_shard: dict[int, float] = {}
        for start, end, shard in calls:
            per_shard[shard] = per_shard.get(shard, 0.0) + end - start
        found["one index"].append(t1 - t0)
        found["cluster"].append(t2 - t1)
        found["slowest shard"].append(max(per_shard.values(), default=0.0))
        found["overhead"].append((t2 - t1) - busy([(a, b) for a, b, _ in calls]))
        ids = [h.article.id for h in got.hits]
        found["same"].append(float(ids == [h.article.id for h in expected.hits]))
    return found


def search_figures(single_path: Path, shards_path: Path, args: Any) -> None:
    """Latency, sameness, coordinator overhead and throughput of the cluster and the one index,
    and the per-shard figures a 100M-article plan is derived from."""
    import ray

    from benchmarks.cluster_sizing import markdown, plan
    from benchmarks.search_speed import load_queries
    from searcher.cluster.coordinator import Coordinator
    from searcher.cluster.replicas import start_replicas
    from searcher.cluster.serving import shard_names, shard_service
    from searcher.search import SearchRequest, open_searcher
    from searcher.search.query import plain_query
    from searcher.search.stats import GlobalStats

    texts = [q for q in (plain_query(t) for t in load_queries(args.queries)) if q]
    queries = [SearchRequest.of(t) for t in texts]
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    root = shards_path.resolve()
    names = shard_names(root)
    started = time.perf_counter()
    clients = start_replicas(
        ray,
        {n: functools.partial(shard_service, str(root), name, n) for n, name in enumerate(names)},
        args.replicas,
    )
    say(
        f"search: {len(names)} shards x {args.replicas} replicas started in "
        f"{time.perf_counter() - started:.1f}s; {len(queries)} queries; load {uptime()}"
    )
    log: list[tuple[float, float, int]] = []
    cluster = Coordinator([TimedClient(c, log) for c in clients], GlobalStats(root))
    single = open_searcher(single_path)
    try:
        for request in queries:  # warm-up: files read, derived data built, on both sides
            single.search(request)
            cluster.search(request)
        with GcPauses() as pauses:
            found = latencies(single, cluster, queries, log)
        pings = []
        for _ in range(100):
            t0 = time.perf_counter()
            ray.get(clients[0].actors[0].ping.remote())
            pings.append(time.perf_counter() - t0)
        say(f"{'':14} {'p50':>10} {'p95':>10} {'mean':>10}")
        for name in ("one index", "cluster", "slowest shard", "overhead"):
            values = found[name]
            say(
                f"{name:14} {ms(percentile(values, 50))} {ms(percentile(values, 95))} "
                f"{ms(statistics.mean(values))}"
            )
        say(
            "overhead: the coordinator's wall time minus the time some shard call was in "
            f"flight; a no-op Ray call takes {ms(percentile(pings, 50)).strip()} (p50)"
        )
        say(f"garbage collector pauses in this process during those queries: {pauses.summary()}")
        say(
            f"same ids in the same order as the one index: {sum(found['same']):.0f} "
            f"of {len(queries)} queries"
        )
        rates: dict[str, list[float]] = {"one index": [], "cluster": []}
        for _ in range(2):
            for name, backend in (("one index", single), ("cluster", cluster)):
                rates[name].append(
                    queries_per_second(backend, queries, args.clients, args.seconds / 4)
                )
                log.clear()  # not read under load
        say(
            f"queries/s with {args.clients} concurrent clients: one index "
            f"{statistics.mean(rates['one index']):.1f}, cluster "
            f"{statistics.mean(rates['cluster']):.1f} (mean of 2 interleaved runs each); "
            f"load {uptime()}"
        )
        measured = replica_memory(ray, clients, names, root)
        say("100M articles on paper, from these per-shard figures (docs/cluster.md):")
        say(markdown(measured, plan(measured)))
    finally:
        single.close()
        cluster.close()  # and its clients: the replicas end
        ray.shutdown()
