"""A sharded index searched by the coordinator against one index of the same generated articles.

Builds one index and N shards (`cluster index`'s library function, in this process) of
the same generated records, runs the same searches on both, taking turns, and prints:
how many pages were identical (hits, order, scores, totals, facets, notes), the latency
of each (p50/p95 of wall time and of CPU time, the machine being shared), and the
coordinator's own CPU time per search (its total less the CPU spent inside the shards'
handlers: merging, JSON both ways, the calls). The shards are searched in this process,
so their time adds up rather than running in parallel: the latency here is not a
cluster's (benchmarks/cluster.py measures that on Ray).

    PYTHONPATH=$PWD python benchmarks/sharded_search.py --articles 100000 --shards 4
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate  # noqa: E402 - beside this script

from searcher.cluster.coordinator import local_coordinator  # noqa: E402
from searcher.cluster.records import write_records  # noqa: E402
from searcher.cluster.shards import build_shards  # noqa: E402
from searcher.cluster.storage import Location  # noqa: E402
from searcher.index import index_articles  # noqa: E402
from searcher.search import SearchRequest, open_searcher  # noqa: E402


class Timed:
    """A shard service that adds up the time spent inside its handler."""

    def __init__(self, service):
        self.service, self.spent = service, 0.0

    def handle(self, method: str, payload: dict) -> dict:
        started = time.thread_time()  # the CPU of this call's thread only
        answer = self.service.handle(method, payload)
        self.spent += time.thread_time() - started
        return answer


def build(folder: Path, articles: int, shards: int) -> None:
    """One index and the shards of the same generated articles, unless built before."""
    if (folder / "shards" / "shards.json").exists():
        return
    items = list(generate(articles, seed=1))
    index_articles(items, folder / "index", fresh=True)
    write_records(items, Location(str(folder / "records")))
    build_shards(str(folder / "records"), str(folder / "shards"), shards=shards, in_process=True)


def searches(words: list[str], n: int) -> list[SearchRequest]:
    rng = random.Random(11)
    out = []
    for i in range(n):
        a, b, c = rng.sample(words, 3)
        text = rng.choice([a, f"{a} {b}", f"{a} OR {b}", f'"{a} {b}"', f"{a} {b} {c}"])
        options: dict = {"facets": ["outlet", "year"], "page": rng.choice([1, 1, 1, 2])}
        if i % 4 == 1:
            options["any"] = True
            text = f"{a} {b} {c}"
        if i % 5 == 2:
            options["sort"] = "newest"
        if i % 6 == 3:
            text, options = (a[:2] + a[3:] if len(a) > 4 else a), {"fuzzy": True}
        out.append(SearchRequest.of(text, **options))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--keep", help="build in (and reuse) this folder")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="sharded-search-"))
    started = time.perf_counter()
    build(folder, args.articles, args.shards)
    print(f"built in {time.perf_counter() - started:.0f}s: {folder}")
    single = open_searcher(folder / "index")
    coordinator = local_coordinator(folder / "shards")
    timed = []
    for client in coordinator.clients.values():  # LocalShardClients: JSON both ways
        client.service = Timed(client.service)  # type: ignore[attr-defined]  # times the handler
        timed.append(client.service)
    words = sorted(w for w in single.vocabulary().words if w.isalpha() and len(w) > 3)
    requests = searches(words, args.queries)
    for request in requests[:20]:  # warm both
        single.search(request), coordinator.search(request)
    same = 0
    times: dict[str, list[float]] = {"one": [], "coordinator": [], "one cpu": [], "own cpu": []}
    times["coordinator cpu"] = []
    for request in requests:
        t0, c0 = time.perf_counter(), time.process_time()
        expected = single.search(request).to_dict()
        t1, c1 = time.perf_counter(), time.process_time()
        before = sum(t.spent for t in timed)
        found = coordinator.search(request).to_dict()
        t2, c2 = time.perf_counter(), time.process_time()
        inside = sum(t.spent for t in timed) - before
        times["one"].append(t1 - t0)
        times["coordinator"].append(t2 - t1)
        times["one cpu"].append(c1 - c0)
        times["coordinator cpu"].append(c2 - c1)
        times["own cpu"].append(c2 - c1 - inside)
        expected.pop("next"), found.pop("next")
        same += expected == found

    print(f"{args.articles:,} articles, {args.shards} shards, {len(requests)} searches")
    print(f"identical pages: {same}/{len(requests)}")
    for name, values in times.items():
        p50, p95 = (statistics.quantiles(values, n=100)[q - 1] * 1000 for q in (50, 95))
        print(f"{name:<16} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    print("(coordinator: the shards searched in turn in this process; own cpu: merge, JSON, calls)")


if __name__ == "__main__":
    main()
