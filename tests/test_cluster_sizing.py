"""benchmarks/cluster_sizing.py: the plan for serving many articles, from per-shard figures."""

from __future__ import annotations

from benchmarks.cluster_sizing import GB, Measured, plan


def test_the_plan_adds_up():
    measured = Measured(disk_per_article=10_000, replica_base=0.2 * GB, replica_per_article=2_000)
    p = plan(measured, articles=100_000_000, per_shard=1_000_000, replicas=2, node_cores=16)
    assert (p.shards, p.processes, p.nodes) == (100, 200, 13)
    assert p.shard_disk == 10 * GB and p.replica_memory == 2.2 * GB
    # 16 replicas on the busiest node, 16 distinct shards cached and stored there.
    assert p.memory_per_node == 16 * 2.2 * GB + 16 * 10 * GB and p.disk_per_node == 160 * GB
