"""`searcher cluster normalize`, `index` and `serve`: the batch stages and serving on a Ray cluster."""

from __future__ import annotations

import json
import sys

import click

from .common import failure_lines, format_option, note, reports_errors
from .index import ProgressLine
from .serve import host_option, port_option

address_option = click.option(
    "--address",
    envvar="RAY_ADDRESS",
    default=None,
    help="Ray cluster to run on (env RAY_ADDRESS; default: a local Ray instance for the run).",
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="CPUs of the local Ray instance (default: one per core); not with --address.",
)


@click.group()
def cluster() -> None:
    """Normalize, index and serve on a Ray cluster (pip install 'searcher[cluster]'); see docs/cluster.md."""


def _normalize_summary(report) -> str:
    lines = [
        f"normalized into {report.out} in {report.elapsed:.1f}s: {report.pages} pages "
        f"({report.normalized} normalized now, {report.units_skipped} of {report.units} tasks "
        f"done before), {report.articles} articles, {report.not_articles} not articles, "
        f"{report.not_pages} records not pages, {len(report.failed)} failed; "
        f"{report.records} records in {report.parts} parts, {report.duplicates} duplicates dropped"
    ]
    return "\n".join(lines + failure_lines(report.failed))


@cluster.command("normalize")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--out", "out", required=True, metavar="RECORDS", help="Folder or URI for the Parquet records."
)
@click.option(
    "--chunk-pages",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Pages of a corpus folder per task (on average).",
)
@address_option
@workers_option
@format_option("text", "json")
@reports_errors
def normalize(
    sources: tuple[str, ...], out: str, chunk_pages: int, address, workers, fmt: str
) -> None:
    """Normalize pages into Article records (Parquet), one Ray task per corpus chunk or WARC file.

    SOURCE is a corpus folder, a WARC file, or a manifest listing them (one a line),
    as a local path or a URI pyarrow reads (s3://…, gs://…, file://…). Records are
    deduplicated by article id; tasks done by an earlier run into the same RECORDS
    are skipped. A page that fails is reported, never fatal.
    """
    from ..cluster.runtime import require_extra

    require_extra()
    from ..cluster import normalize_sources

    progress = ProgressLine(sys.stderr.isatty())
    try:
        report = normalize_sources(
            list(sources),
            out,
            address=address,
            workers=workers,
            chunk_pages=chunk_pages,
            progress=progress,
        )
    finally:
        progress.close()
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        note(_normalize_summary(report))


@cluster.command("index")
@click.argument("records", metavar="RECORDS")
@click.option(
    "--shards",
    type=click.IntRange(min=1),
    required=True,
    help="How many index shards to build (articles are assigned by a hash of their id).",
)
@click.option("--out", "out", required=True, metavar="SHARDS", help="Folder or URI for the shards.")
@address_option
@workers_option
@format_option("text", "json")
@reports_errors
def index(records: str, shards: int, out: str, address, workers, fmt: str) -> None:
    """Build N searcher index shards from Parquet records, in parallel Ray tasks.

    Each SHARDS/shard-NN is an ordinary searcher index (searcher search --index
    SHARDS/shard-00). SHARDS/shards.json, terms.parquet and clusters.parquet hold what
    a coordinator needs to rank them as one index: document frequencies and field
    lengths over all shards, the vocabulary, and story clusters across shards.
    """
    from ..cluster.runtime import require_extra

    require_extra()
    from ..cluster import build_shards

    progress = ProgressLine(sys.stderr.isatty())
    try:
        report = build_shards(
            records, out, shards=shards, address=address, workers=workers, progress=progress
        )
    finally:
        progress.close()
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    sizes = ", ".join(str(n) for n in report.per_shard)
    note(
        f"built {report.shards} shards in {report.out} in {report.elapsed:.1f}s: "
        f"{report.articles} articles ({sizes}) from {report.records} records, "
        f"{report.duplicates} duplicates, {report.clustered} copies of another story"
    )


@cluster.command("serve")
@click.argument("shards", metavar="SHARDS")
@click.option(
    "--replicas",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Ray actors holding each shard; a query goes to another when one is lost.",
)
@host_option
@port_option
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds a shard may take to answer before the query goes to another replica.",
)
@address_option
@workers_option
@reports_errors
def serve(
    shards: str, replicas: int, host: str, port: int, timeout: float, address, workers
) -> None:
    """Serve a sharded index (from searcher cluster index) as one: the same page and JSON API
    as searcher serve, each shard held by --replicas Ray actors.

    A query is answered from every shard and merged as one index would rank it. When every
    replica of a shard is down, answers say so ("partial", naming the missing shards)
    until Ray has restarted one.
    """
    from ..cluster.runtime import require_extra
    from .serve import run_app, serve_app_factory

    create_app = serve_app_factory()
    require_extra()
    from ..cluster.serving import open_cluster

    backend = open_cluster(
        shards, replicas=replicas, address=address, workers=workers, timeout=timeout
    )
    try:
        run_app(
            lambda allowed: create_app(shards, allowed_hosts=allowed, opener=lambda _: backend),
            host,
            port,
            f"{shards} ({len(backend.clients)} shards × {replicas} replicas)",
        )
    finally:
        backend.close()
