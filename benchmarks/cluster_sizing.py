"""A serving plan on paper: shards, nodes, memory and disk per node for A articles, derived from
figures measured per shard by `benchmarks/cluster.py --search` (and checked against the table
of docs/cluster.md by tests/test_cluster_sizing.py).

Rules: a shard holds `per_shard` articles; each has `replicas` replica processes; a node
runs one replica per core (a shard answers a query on one core); its memory holds its
replicas' processes and, as page cache, the files of every shard it serves (an index read
from disk at each query is many times slower); its disk holds those shards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GB = 1e9


@dataclass(frozen=True)
class Measured:
    """Per-shard figures measured by the benchmark."""

    disk_per_article: float  # bytes of a shard's index files per article
    replica_base: float  # bytes of a replica process holding an empty shard
    replica_per_article: float  # bytes a replica's memory grows per article of its shard


@dataclass(frozen=True)
class Plan:
    """The cluster for `articles` articles."""

    articles: int
    per_shard: int
    replicas: int
    node_cores: int
    shards: int
    processes: int
    nodes: int
    shard_disk: float
    replica_memory: float
    memory_per_node: float
    disk_per_node: float


def plan(
    measured: Measured,
    articles: int = 100_000_000,
    per_shard: int = 1_000_000,
    replicas: int = 2,
    node_cores: int = 16,
) -> Plan:
    """The shards and nodes that serve `articles` by the rules above."""
    shards = math.ceil(articles / per_shard)
    processes = shards * replicas
    nodes = math.ceil(processes / node_cores)
    shard_disk = per_shard * measured.disk_per_article
    replica_memory = measured.replica_base + per_shard * measured.replica_per_article
    per_node = math.ceil(processes / nodes)  # replicas on the busiest node
    shards_per_node = min(per_node, shards)  # a node holds distinct shards (replicas spread)
    return Plan(
        articles=articles,
        per_shard=per_shard,
        replicas=replicas,
        node_cores=node_cores,
        shards=shards,
        processes=processes,
        nodes=nodes,
        shard_disk=shard_disk,
        replica_memory=replica_memory,
        memory_per_node=per_node * replica_memory + shards_per_node * shard_disk,
        disk_per_node=shards_per_node * shard_disk,
    )


def markdown(measured: Measured, p: Plan) -> str:
    """The plan as docs/cluster.md shows it."""
    rows = [
        ("index files per article (measured)", f"{measured.disk_per_article:,.0f} bytes"),
        ("replica process, empty (measured)", f"{measured.replica_base / GB:.2f} GB"),
        ("replica memory per article (measured)", f"{measured.replica_per_article:,.0f} bytes"),
        ("articles", f"{p.articles:,}"),
        ("articles per shard", f"{p.per_shard:,}"),
        ("shards", f"{p.shards:,}"),
        ("replicas per shard", f"{p.replicas}"),
        ("replica processes", f"{p.processes:,}"),
        (f"nodes of {p.node_cores} cores (one replica a core)", f"{p.nodes:,}"),
        ("disk per shard", f"{p.shard_disk / GB:.1f} GB"),
        ("memory per replica", f"{p.replica_memory / GB:.2f} GB"),
        (
            "memory per node (replicas + its shards' files cached)",
            f"{p.memory_per_node / GB:.0f} GB",
        ),
        ("disk per node", f"{p.disk_per_node / GB:.0f} GB"),
    ]
    lines = ["| | |", "|---|---|"] + [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)
