"""Fixtures of the cluster tests: one local Ray cluster per test session, and what runs on it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher.cli import main


def run(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a `searcher` command run in this process."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def normalize_json(*args: str) -> dict:
    """The JSON report of a successful `searcher cluster normalize`."""
    code, out, err = run("cluster", "normalize", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="session")
def ray_cluster():
    """A local Ray cluster of two nodes of one worker CPU each for the whole session (its
    start-up is paid once), so tasks and a shard's replicas (placed SPREAD) run on different
    nodes; cluster commands run in the test process use it. Skips when Ray is not installed."""
    ray = pytest.importorskip("ray")
    from ray.cluster_utils import Cluster

    nodes = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    try:
        nodes.add_node(num_cpus=1)
        nodes.wait_for_nodes()
        ray.init(address=nodes.address, logging_level=logging.ERROR, log_to_driver=False)
        try:
            yield ray.get_runtime_context().gcs_address
        finally:
            ray.shutdown()
    finally:
        nodes.shutdown()


@pytest.fixture(scope="session")
def cluster_records(ray_cluster, bundled_corpus, tmp_path_factory) -> tuple[Path, dict]:
    """The bundled corpus normalized on the cluster, in chunks of about 16 pages."""
    out = tmp_path_factory.mktemp("records") / "records"
    report = normalize_json(str(bundled_corpus), "--out", str(out), "--chunk-pages", "16")
    return out, report


@pytest.fixture(scope="session")
def single_index(bundled_corpus, tmp_path_factory) -> tuple[Path, dict]:
    """The bundled corpus indexed on one machine by `searcher index`."""
    index = tmp_path_factory.mktemp("single") / "index"
    code, out, err = run(
        "index", "--corpus", str(bundled_corpus), "--index", str(index), "--format", "json"
    )
    assert code == 0, err
    return index, json.loads(out)


def end_for_good(actor, seconds: float = 20) -> None:
    """Kill a Ray actor without restart, and wait until calls to it fail (ray.kill is asynchronous)."""
    import time

    import ray

    ray.kill(actor, no_restart=True)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            ray.get(actor.ping.remote(), timeout=seconds)
        except ray.exceptions.RayActorError:
            return
        time.sleep(0.05)
    raise AssertionError(f"{actor} still answers {seconds}s after it was killed")
