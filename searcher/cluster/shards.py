"""`cluster index`: N ordinary searcher indexes built in parallel from Parquet records, plus
what a coordinator needs to rank them as one: summed statistics, vocabulary, story clusters.

Layout of SHARDS::

    shards.json          the manifest: shards, article counts, field lengths, how ids map to shards
    shard-00/ …          searcher indexes (`searcher search --index SHARDS/shard-00`)
    terms.parquet        (field, term, doc_frequency, frequency) over all shards; field
                         "words" is the vocabulary of fuzzy search and "did you mean"
    clusters.parquet     (id, shard, cluster, position) for every article: syndicated copies
                         across shards, and each article's place in the run (a single index's
                         document order, which breaks ties in ranking)
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..index import ProgressEvent, index_articles
from ..index.report import ProgressFn
from .records import concat, drop_rows, iter_articles, read_table, write_table
from .report import ShardsReport
from .runtime import InProcess, RaySession, ray_session
from .stats import IndexStatistics, index_statistics, merge_statistics
from .storage import ClusterError, Location, local_path

MANIFEST = "shards.json"
TERMS = "terms.parquet"
CLUSTERS = "clusters.parquet"
BUCKETS = "_buckets"
MANIFEST_VERSION = 1
CLUSTERS_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("shard", pa.int32()),
        ("cluster", pa.string()),
        ("position", pa.int64()),
    ]
)


def shard_of(article_id: str, shards: int) -> int:
    """The shard an article belongs to: a stable hash of its id (the same on every machine)."""
    digest = hashlib.blake2b(article_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % shards


def shard_name(n: int) -> str:
    """The folder name of shard n."""
    return f"shard-{n:02d}"


@dataclass
class Routed:
    """What routing one records part gives the driver: per row, in order, its id, shard and
    what deduplication and story clusters need."""

    ids: list[str] = field(default_factory=list)
    shards: list[int] = field(default_factory=list)
    keys: list[tuple[str | None, str]] = field(default_factory=list)  # (outlet, text fingerprint)
    signatures: list[bytes] = field(default_factory=list)


def route_part(part: Location, n: int, shards: int, buckets: Location) -> Routed:
    """Split one records part into per-shard buckets (a Ray task)."""
    import pyarrow.compute as pc

    from ..index.build import fingerprint
    from ..index.clusters import signature

    table = read_table(part)
    routed = Routed()
    for article in iter_articles(table):
        routed.ids.append(article.id)
        routed.shards.append(shard_of(article.id, shards))
        routed.keys.append((article.outlet, fingerprint(article)))
        routed.signatures.append(signature(article.body))
    column = pa.array(routed.shards, type=pa.int32())
    for k in sorted(set(routed.shards)):
        rows = table.filter(pc.equal(column, k))
        write_table(rows, buckets.child(shard_name(k), f"{n:06d}.parquet"))
    return routed


@dataclass
class ShardResult:
    """A built shard: its articles and statistics."""

    articles: int
    stats: IndexStatistics


def _upload(folder: Path, target: Location) -> None:
    """A local folder's files copied below `target` on its filesystem."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            target.child(path.relative_to(folder).as_posix()).write_bytes(path.read_bytes())


def build_shard(bucket_files: list[Location], drop: list[int], target: Location) -> ShardResult:
    """One shard's index from its buckets, less the duplicates' rows (a Ray task)."""
    table = drop_rows(concat(read_table(f) for f in bucket_files), drop)
    local = local_path(target.uri)
    with tempfile.TemporaryDirectory(prefix="searcher-shard-") as tmp:
        folder = Path(local) if local is not None else Path(tmp) / "shard"
        report = index_articles(iter_articles(table), folder, fresh=True, workers=1)
        stats = index_statistics(folder)
        if local is None:
            _upload(folder, target)
    return ShardResult(report.added, stats)


class _Plan:
    """The driver's view of the records in order: duplicates to drop and story clusters."""

    def __init__(self) -> None:
        from ..index.clusters import ClusterFinder

        self.finder = ClusterFinder()
        self.ids: set[str] = set()
        self.keys: set[tuple[str | None, str]] = set()
        # Per shard, the positions of duplicates in its buckets read in order.
        self.drop: dict[int, list[int]] = {}
        self.seen_in: dict[int, int] = {}
        self.rows: dict[str, list] = {"id": [], "shard": [], "cluster": [], "position": []}
        self.duplicates = 0

    def add(self, routed: Routed) -> None:
        """Take one part's rows, in record order (as a single index takes its articles)."""
        for aid, shard, key, sig in zip(
            routed.ids, routed.shards, routed.keys, routed.signatures, strict=True
        ):
            position = self.seen_in.get(shard, 0)
            self.seen_in[shard] = position + 1
            if aid in self.ids or key in self.keys:
                self.drop.setdefault(shard, []).append(position)
                self.duplicates += 1
                continue
            self.ids.add(aid)
            self.keys.add(key)
            self.rows["id"].append(aid)
            self.rows["shard"].append(shard)
            self.rows["cluster"].append(self.finder.assign(aid, sig))
            # Its document number in one index of the same records: the order ties keep.
            self.rows["position"].append(len(self.rows["position"]))


def _check_out(out: Location, shards: int) -> None:
    if shards < 1:
        raise ClusterError("--shards must be at least 1")
    if out.kind() == "file":
        raise ClusterError(f"--out {out.uri} is a file, not a folder")
    out.make_dir()


def build_shards(
    records: str,
    out: str,
    *,
    shards: int,
    address: str | None = None,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    in_process: bool = False,
) -> ShardsReport:
    """N searcher indexes of the records at `records`, built by Ray tasks, and their manifest.

    `in_process`: the same tasks run one after the other in this process, without Ray.
    """
    started = time.monotonic()
    source, target = Location(records), Location(out)
    if source.kind() != "dir":
        raise ClusterError(
            f"records not found: {records} (make them with `searcher cluster normalize`)"
        )
    parts = [p for p in source.files(".parquet") if p.name.startswith("part-")]
    if not parts:
        raise ClusterError(f"no records in {records}: it holds no part-*.parquet files")
    _check_out(target, shards)
    report = ShardsReport(out=out, shards=shards)
    buckets = target.child(BUCKETS)
    with _runner(address, workers, in_process) as session:
        routed = _route(session, parts, shards, buckets)
        plan = _Plan()
        for part in routed:
            plan.add(part)
        report.records = sum(len(r.ids) for r in routed)
        report.duplicates = plan.duplicates
        built = _build(session, parts, routed, plan, shards, buckets, target, progress)
    report.per_shard = [b.articles for b in built]
    report.articles = sum(report.per_shard)
    clusters = pa.Table.from_pydict(plan.rows, schema=CLUSTERS_SCHEMA)
    report.clustered = sum(
        1 for a, c in zip(plan.rows["id"], plan.rows["cluster"], strict=True) if a != c
    )
    _write_manifest(target, records, built, clusters, report)
    _remove_stale(target, shards)
    report.elapsed = time.monotonic() - started
    return report


@contextmanager
def _runner(
    address: str | None, workers: int | None, in_process: bool
) -> Iterator[RaySession | InProcess]:
    if in_process:
        yield InProcess()
    else:
        with ray_session(address, workers) as session:
            yield session


def _route(
    session: RaySession | InProcess, parts: list[Location], shards: int, buckets: Location
) -> list[Routed]:
    results: list[Any] = [None] * len(parts)

    def done(n: int, value: Any) -> None:
        if not isinstance(value, Routed):
            raise ClusterError(
                f"routing {parts[n].uri} failed: {str(value).strip().splitlines()[0]}"
            )
        results[n] = value

    session.run([(route_part, (p, n, shards, buckets)) for n, p in enumerate(parts)], done)
    return results


def _build(
    session: RaySession | InProcess,
    parts: list[Location],
    routed: list[Routed],
    plan: _Plan,
    shards: int,
    buckets: Location,
    target: Location,
    progress: ProgressFn | None,
) -> list[ShardResult]:
    results: list[Any] = [None] * shards
    calls: list[tuple[Callable, tuple]] = []
    for k in range(shards):
        files = [
            buckets.child(shard_name(k), f"{n:06d}.parquet")
            for n, r in enumerate(routed)
            if k in r.shards
        ]
        calls.append((build_shard, (files, plan.drop.get(k, []), target.child(shard_name(k)))))

    def done(n: int, value: Any) -> None:
        if not isinstance(value, ShardResult):
            raise ClusterError(
                f"building {shard_name(n)} failed: {str(value).strip().splitlines()[0]}"
            )
        results[n] = value
        if progress is not None:
            built = sum(r.articles for r in results if r is not None)
            progress(ProgressEvent("index", built, len(plan.rows["id"])))

    session.run(calls, done)
    return results


def _write_manifest(
    target: Location,
    records: str,
    built: list[ShardResult],
    clusters: pa.Table,
    report: ShardsReport,
) -> None:
    stats = merge_statistics([b.stats for b in built])
    write_table(stats.terms, target.child(TERMS))
    write_table(clusters, target.child(CLUSTERS))
    from ..index import SCHEMA_VERSION

    copies = clusters.group_by("cluster").aggregate([("id", "count")])
    target.child(MANIFEST).write_json(
        {
            "version": MANIFEST_VERSION,
            "schema_version": SCHEMA_VERSION,
            "records": records,
            "shard_of": "blake2b(id, 8 bytes) as a big-endian integer, modulo the shard count",
            "shards": [
                {"name": shard_name(k), "articles": b.articles} for k, b in enumerate(built)
            ],
            "articles": stats.documents,
            "fields": stats.field_table(),
            "terms": TERMS,
            "vocabulary_field": "words",
            "clusters": CLUSTERS,
            "stories_with_copies": sum(1 for c in copies["id_count"].to_pylist() if c > 1),
        }
    )


def _remove_stale(target: Location, shards: int) -> None:
    """The buckets, and the shards of an earlier run with more shards than this one."""
    target.child(BUCKETS).remove_dir()
    for k in range(shards, shards + 1000):
        stale = target.child(shard_name(k))
        if stale.kind() == "missing":
            break
        stale.remove_dir()
