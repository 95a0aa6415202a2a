"""`cluster normalize`: pages to Article records in Parquet, one Ray task per corpus chunk or WARC file.

Each unit's records go to RECORDS/_work/<unit key>.parquet, with the unit's counts and
failures in the file's metadata: that file is the mark that the unit is done. When all
are done, the records are deduplicated by article id across the run (the first in
source order is kept, as `searcher index` keeps the first page) and written as
RECORDS/part-NNNNNN-….parquet, the output.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..article import Article
from ..index import PageFailure, ProgressEvent
from ..index.report import ProgressFn
from .records import (
    RECORD_SCHEMA,
    RECORDS_VERSION,
    article_row,
    drop_rows,
    read_metadata,
    read_table,
    records_table,
    write_table,
)
from .report import NormalizeReport, UnitOutcome
from .runtime import RaySession, ray_session
from .sources import Unit, expand
from .storage import ClusterError, Location

OUTCOME_KEY = "searcher.outcome"
WORK = "_work"
SUMMARY = "_records.json"
DEFAULT_CHUNK_PAGES = 200
REASON_CHARS = 160


def _articles_of_corpus(unit: Unit, outcome: UnitOutcome) -> Iterator[tuple[Article, str]]:
    from ..normalize import normalize_page

    for page in unit.pages:
        outcome.pages += 1
        try:
            yield normalize_page(page), page.key
        except Exception as exc:  # noqa: BLE001 - one page's failure is reported, not fatal
            outcome.failed.append(PageFailure(page.key, f"{type(exc).__name__}: {exc}"))


def _local_copy(where: Location, tmp: Path) -> Path:
    """The WARC file on this node's disk: a remote one is copied to `tmp` first."""
    from .storage import local_path

    local = local_path(where.uri)
    if local is not None:
        return Path(local)
    target = tmp / where.name
    with where.fs.open_input_stream(where.path) as source, open(target, "wb") as sink:
        while chunk := source.read(1 << 20):
            sink.write(chunk)
    return target


def _articles_of_warc(unit: Unit, outcome: UnitOutcome, tmp: Path) -> Iterator[tuple[Article, str]]:
    from ..crawl.fetch import DEFAULT_MAX_SIZE, PAGE_TYPES
    from ..crawl.warc import read_warc
    from ..normalize import normalize

    path = _local_copy(Location(unit.uri), tmp)
    for record in read_warc(path, tmp, PAGE_TYPES, DEFAULT_MAX_SIZE):
        where = f"{unit.uri}#{record.url or record.damaged}"
        if record.damaged is not None:
            # A damaged record's reason may quote its bytes: a line's worth is enough.
            reason = f"{(record.reason or '')[:REASON_CHARS]} (byte {record.damaged})"
            outcome.failed.append(PageFailure(where, reason))
            continue
        if record.result is None:
            outcome.not_pages += 1
            continue
        outcome.pages += 1
        result = record.result
        try:
            meta = {
                "url": result.url,
                "final_url": result.final_url,
                "content_type": result.content_type,
                "fetched_at": result.fetched_at,
            }
            data = result.path.read_bytes() if result.path else b""
            yield normalize(data, result.url, meta), where
        except Exception as exc:  # noqa: BLE001 - one record's failure is reported, not fatal
            outcome.failed.append(PageFailure(where, f"{type(exc).__name__}: {exc}"))
        finally:
            result.discard()


def normalize_unit(unit: Unit, work_uri: str) -> UnitOutcome:
    """Normalize one unit's pages and write its records file (a Ray task; never raises for a page)."""
    outcome = UnitOutcome()
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="searcher-unit-") as tmp:
        if unit.kind == "corpus":
            articles = _articles_of_corpus(unit, outcome)
        else:
            articles = _articles_of_warc(unit, outcome, Path(tmp))
        try:
            for article, origin in articles:
                if article.is_article:
                    outcome.articles += 1
                    rows.append(article_row(article, origin))
                    outcome.ids.append(article.id)
                else:
                    outcome.not_articles += 1
        except Exception as exc:  # noqa: BLE001 - an unreadable file fails its unit, not the run
            outcome.failed.append(PageFailure(unit.uri, f"{type(exc).__name__}: {exc}"))
    meta = {OUTCOME_KEY: json.dumps(outcome.to_meta())}
    write_table(records_table(rows, meta), Location(work_uri).child(unit.key + ".parquet"))
    return outcome


def write_part(work: Location, part: Location, drop: list[int]) -> None:
    """The output part of a unit: its records less the rows whose id came earlier (a Ray task)."""
    table = drop_rows(read_table(work), drop)
    write_table(table.replace_schema_metadata(RECORD_SCHEMA.metadata), part)


def _dedup(
    units: list[Unit], work: Location, known: dict[str, list[str]]
) -> list[tuple[Unit, list[int], int]]:
    """Each unit with its rows to drop (an id seen earlier in the run) and how many remain.

    A unit's ids come from `known` (sent back by this run's tasks), else from its file.
    """
    seen: set[str] = set()
    plan = []
    for unit in units:
        ids = known.get(unit.key)
        if ids is None:
            ids = read_table(work.child(unit.key + ".parquet"), columns=["id"])["id"].to_pylist()
        drop: list[int] = []
        for row, aid in enumerate(ids):
            if aid in seen:
                drop.append(row)
            seen.add(aid)
        plan.append((unit, drop, len(ids) - len(drop)))
    return plan


def _part_name(n: int, unit: Unit, drop: list[int]) -> str:
    dropped = hashlib.sha1(repr(drop).encode("utf-8")).hexdigest()[:8]
    return f"part-{n:06d}-{unit.key[:12]}-{dropped}.parquet"


def _write_parts(
    session: RaySession,
    plan: list[tuple[Unit, list[int], int]],
    out: Location,
    report: NormalizeReport,
) -> None:
    work = out.child(WORK)
    existing = {f.name for f in out.files(".parquet")}
    wanted: set[str] = set()
    calls: list[tuple[Callable, tuple]] = []
    for n, (unit, drop, kept) in enumerate(plan):
        report.duplicates += len(drop)
        if not kept:
            continue
        report.records += kept
        name = _part_name(n, unit, drop)
        wanted.add(name)
        if name not in existing:
            calls.append((write_part, (work.child(unit.key + ".parquet"), out.child(name), drop)))
    failures: list[str] = []
    session.run(calls, lambda n, value: failures.append(str(value)) if value else None)
    if failures:
        raise ClusterError(f"writing the records failed: {failures[0].splitlines()[0]}")
    for name in existing - wanted:
        if name.startswith("part-"):
            out.child(name).remove()
    report.parts = len(wanted)


def normalize_sources(
    sources: list[str],
    out: str,
    *,
    address: str | None = None,
    workers: int | None = None,
    chunk_pages: int = DEFAULT_CHUNK_PAGES,
    progress: ProgressFn | None = None,
) -> NormalizeReport:
    """Normalize the sources' pages on Ray into deduplicated Parquet records at `out`."""
    from ..normalize import NORMALIZER_VERSION

    started = time.monotonic()
    if not sources:
        raise ClusterError("no sources given: name corpus folders, WARC files or manifests")
    units = expand(list(sources), chunk_pages, str(NORMALIZER_VERSION))
    out_loc = Location(out)
    if out_loc.kind() == "file":
        raise ClusterError(f"--out {out} is a file, not a folder")
    work = out_loc.child(WORK)
    work.make_dir()
    done = {f.name.removesuffix(".parquet") for f in work.files(".parquet")}
    report = NormalizeReport(out=out, units=len(units))
    total = None if any(u.kind == "warc" for u in units) else sum(len(u.pages) for u in units)
    for unit in units:
        if unit.key in done:
            report.units_skipped += 1
            meta = read_metadata(work.child(unit.key + ".parquet"))
            report.add(UnitOutcome.from_meta(json.loads(meta.get(OUTCOME_KEY, "{}"))), False)
    # The biggest units first: a big one started last would leave the other workers idle.
    todo = sorted((u for u in units if u.key not in done), key=lambda u: -u.weight)
    lost: set[str] = set()
    ids: dict[str, list[str]] = {}
    with ray_session(address, workers) as session:

        def finished(n: int, value: Any) -> None:
            if isinstance(value, UnitOutcome):
                report.add(value, True)
                ids[todo[n].key] = value.ids
            else:  # the worker was lost: the unit is not done, a re-run tries it again
                lost.add(todo[n].key)
                reason = str(value).strip().splitlines()[0] if str(value).strip() else "lost"
                report.failed.append(PageFailure(todo[n].label, f"task failed: {reason}"))
            if progress is not None:
                progress(ProgressEvent("normalize", report.normalized, total))

        session.run([(normalize_unit, (unit, work.uri)) for unit in todo], finished)
        finished_units = [u for u in units if u.key not in lost]
        _write_parts(session, _dedup(finished_units, work, ids), out_loc, report)
    report.elapsed = time.monotonic() - started
    out_loc.child(SUMMARY).write_json(
        {"records_version": RECORDS_VERSION, "sources": list(sources), "report": report.to_dict()}
    )
    return report
