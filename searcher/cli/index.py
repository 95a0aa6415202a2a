"""`searcher index`, `searcher rebuild` and `searcher stats`."""

from __future__ import annotations

import json
import sys
import time

import click

from .common import (
    corpus_option,
    failure_lines,
    format_option,
    index_option,
    note,
    remote_option,
    reports_errors,
)

workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that normalize and analyse pages (default: one per core).",
)


class ProgressLine:
    """A one-line progress display on stderr, redrawn in place; silent when not a terminal.

    Each phase shows its count, rate and ETA; the final write of a fresh index reports
    steps, not pages, so it shows its share done and an ETA from the time taken so far.
    """

    # Before this many seconds in a phase a rate says little.
    SETTLE = 0.2

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.phase = None
        self.started = time.monotonic()
        self.last_draw = 0.0

    def __call__(self, event) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if event.phase != self.phase:
            self.phase, self.started = event.phase, now
        if now - self.last_draw < 0.2 and event.done != event.total:
            return
        self.last_draw = now
        click.echo("\r" + self.line(event, now - self.started).ljust(60), nl=False, err=True)

    def line(self, event, elapsed: float) -> str:
        """The progress line for an event `elapsed` seconds into its phase."""
        if event.phase == "write":
            share = event.done / max(event.total or 1, 1)
            text = f"writing the index: {100 * event.done // max(event.total or 1, 1)}%"
            if 0 < share < 1 and elapsed >= self.SETTLE:
                text += "  ETA " + _clock(elapsed * (1 - share) / share)
            return text
        text = f"{event.phase}: {event.done}"
        if event.total:
            text += f"/{event.total}"
        if elapsed < self.SETTLE or not event.done:
            return text
        rate = event.done / elapsed
        text += f"  {rate:,.0f} pages/s" if event.phase != "index" else f"  {rate:,.0f} articles/s"
        if event.total and event.done < event.total:
            text += "  ETA " + _clock((event.total - event.done) / rate)
        return text

    def close(self) -> None:
        if self.enabled and self.phase is not None:
            click.echo("\r" + " " * 60 + "\r", nl=False, err=True)


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _summary(report, verb: str) -> str:
    lines = [
        f"{verb} {report.index} ({report.generation}) in {report.elapsed:.1f}s: "
        f"{report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.skipped} unchanged, {report.not_articles} not articles, "
        f"{report.duplicates} duplicates, {len(report.failed)} failed; "
        f"{report.normalized} pages normalized, {report.clustered} copies of another story"
    ]
    return "\n".join(lines + failure_lines(report.failed))


def _run(action, verb: str, corpus: str, index: str, workers, fmt: str, **options) -> None:
    progress = ProgressLine(sys.stderr.isatty())
    try:
        report = action(corpus, index, workers=workers, progress=progress, **options)
    finally:
        progress.close()
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        note(_summary(report, "built" if report.rebuilt and verb == "updated" else verb))


@click.command()
@corpus_option
@index_option
@workers_option
@format_option("text", "json")
@reports_errors
def index(corpus: str, index: str, workers, fmt: str) -> None:
    """Index new and changed pages of the corpus; drop deleted ones.

    Unchanged pages are skipped without being normalized again; the index is
    built from scratch when there is none yet.
    """
    from ..index import update

    _run(update, "updated", corpus, index, workers, fmt)


@click.command()
@corpus_option
@index_option
@workers_option
@click.option(
    "--renormalize",
    is_flag=True,
    help="Normalize every page again instead of reusing records cached by the same normalizer.",
)
@format_option("text", "json")
@reports_errors
def rebuild(corpus: str, index: str, workers, renormalize: bool, fmt: str) -> None:
    """Build a fresh index of the whole corpus and swap it in when complete.

    Searches keep using the old index meanwhile; an interrupted rebuild leaves
    it untouched. Normalized pages are reused from the cache while the normalizer's
    source is unchanged (--renormalize to normalize them all again).
    """
    from ..index import rebuild as rebuild_index

    _run(rebuild_index, "rebuilt", corpus, index, workers, fmt, renormalize=renormalize)


def _human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


@click.command()
@index_option
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Outlets listed in text output.",
)
@click.option(
    "--verify",
    is_flag=True,
    help="First check every index file against the checksum recorded when it was written.",
)
@format_option("text", "json")
@remote_option
@reports_errors
def stats(index: str, top: int, verify: bool, fmt: str, remote: str | None) -> None:
    """Articles, outlets, authors, date range, size, and counts per outlet and year.

    With --verify, a damaged index is reported (exit code 2) instead of counted.
    """
    from ..index import stats as index_stats

    if remote:
        if verify:
            raise click.UsageError("--verify checks a local index's files: drop it with --remote")
        from ..remote import RemoteSearcher

        with RemoteSearcher(remote) as server:
            result = server.stats()
    else:
        result = index_stats(index, verify=verify)
    if verify:
        note(f"verified {result.index} ({result.generation}): every file matches its checksum")
    if result.missing_shards:
        from ..messages import partial_notice

        note(partial_notice(result.missing_shards))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    lines = [
        f"index       {result.index} ({result.generation}, schema v{result.schema_version})",
        f"articles    {result.articles}",
        f"outlets     {result.outlets}",
        f"authors     {result.authors}",
        f"speakers    {result.speakers}",
        f"stories with copies  {result.clusters_with_copies}",
        f"dates       {result.first_date or '-'} .. {result.last_date or '-'}",
        f"size        {_human_size(result.size_bytes)}",
    ]
    if result.per_lang:
        lines.append("languages   " + ", ".join(f"{k} {v}" for k, v in result.per_lang.items()))
    if result.per_outlet:
        lines.append("per outlet:")
        width = max(len(name) for name in list(result.per_outlet)[:top])
        for name, count in list(result.per_outlet.items())[:top]:
            lines.append(f"  {name.ljust(width)}  {count}")
        if len(result.per_outlet) > top:
            lines.append(f"  … {len(result.per_outlet) - top} more")
    if result.per_year:
        lines.append("per year:")
        for year, count in result.per_year.items():
            lines.append(f"  {year}  {count}")
    click.echo("\n".join(lines))
