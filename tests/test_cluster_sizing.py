"""docs/cluster.md's 100M-article plan is what benchmarks/cluster_sizing.py derives from the
per-shard figures the page quotes (measured by benchmarks/cluster.py --search)."""

from __future__ import annotations

import re

from benchmarks.cluster_sizing import GB, Measured, markdown, plan

MARKER = "<!-- sizing: the table benchmarks/cluster.py --search prints -->"


def documented_table(text: str) -> str:
    lines = text.split(MARKER, 1)[1].strip().splitlines()
    return "\n".join(
        line
        for line in lines[
            : next((n for n, line in enumerate(lines) if not line.startswith("|")), len(lines))
        ]
    )


def number(text: str) -> float:
    return float(re.sub(r"[^\d.]", "", text))


def test_the_plan_in_the_docs_follows_from_its_measured_figures(repo_root):
    text = (repo_root / "docs" / "cluster.md").read_text(encoding="utf-8")
    table = documented_table(text)
    rows = dict(line.strip("|").split("|")[:2] for line in table.splitlines()[2:])
    rows = {name.strip(): value.strip() for name, value in rows.items()}
    measured = Measured(
        disk_per_article=number(rows["index files per article (measured)"]),
        replica_base=number(rows["replica process, empty (measured)"]) * GB,
        replica_per_article=number(rows["replica memory per article (measured)"]),
    )
    assert table == markdown(measured, plan(measured))


def test_the_plan_adds_up():
    measured = Measured(disk_per_article=10_000, replica_base=0.2 * GB, replica_per_article=2_000)
    p = plan(measured, articles=100_000_000, per_shard=1_000_000, replicas=2, node_cores=16)
    assert (p.shards, p.processes, p.nodes) == (100, 200, 13)
    assert p.shard_disk == 10 * GB and p.replica_memory == 2.2 * GB
    # 16 replicas on the busiest node, 16 distinct shards cached and stored there.
    assert p.memory_per_node == 16 * 2.2 * GB + 16 * 10 * GB and p.disk_per_node == 160 * GB
