"""`searcher crawl SEED…`: fetch URLs, feeds, sitemaps, folders and WARC files into the corpus."""

from __future__ import annotations

import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from .common import corpus_option, format_option, note, reports_errors

if TYPE_CHECKING:  # the crawler is imported when the command runs, to keep the CLI quick to start
    from ..crawl.report import CrawlReport, CrawlResult

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class SizeType(click.ParamType):
    """A byte size: 500000, 500k, 5MB, 1.5M."""

    name = "SIZE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.match(str(value))
        if not match:
            self.fail(f"{value!r} is not a size (examples: 500000, 500k, 5MB)", param, ctx)
        number, unit = match.groups()
        size = int(float(number) * _UNITS[(unit or "").lower()[:1]])
        if size < 1:
            self.fail("the size must be at least 1 byte", param, ctx)
        return size


@click.command()
@click.argument("seeds", nargs=-1, metavar="SEED...")
@corpus_option
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Follow links from URL seeds this many levels deep.",
)
@click.option(
    "--include",
    multiple=True,
    metavar="REGEX",
    help="Only take discovered URLs matching this (repeatable).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="REGEX",
    help="Never take discovered URLs matching this (repeatable).",
)
@click.option(
    "--any-site",
    is_flag=True,
    help="Follow links to other sites too (default: stay on each seed's site).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between two requests to one host (a longer robots.txt Crawl-delay wins).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=64),
    default=4,
    show_default=True,
    help="Requests in flight at once, over all hosts (one per host).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=15.0,
    show_default=True,
    help="Seconds a whole response may take: connecting, headers and body.",
)
@click.option(
    "--max-size",
    type=SizeType(),
    default="10MB",
    show_default=True,
    help="Largest response read: pages, feeds and sitemaps.",
)
@click.option(
    "--user-agent", metavar="TEXT", default=None, help="User-Agent sent with every request."
)
@click.option(
    "--refresh",
    is_flag=True,
    help="Re-fetch stored pages too (conditional requests: ETag / If-Modified-Since).",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Also continue what interrupted crawls of other seeds left queued (same seeds resume by themselves).",
)
@click.option(
    "--forget",
    is_flag=True,
    help="Drop the URLs interrupted crawls left queued, before crawling (if any SEED).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Stop after storing this many pages."
)
@click.option(
    "--warc",
    "warc_file",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    metavar="FILE",
    help="Also append every response fetched to this WARC file (.warc.gz).",
)
@click.option(
    "--index", "index_after", is_flag=True, help="Index the corpus when the crawl is done."
)
@click.option(
    "--index-path",
    type=click.Path(file_okay=False),
    default=None,
    metavar="PATH",
    help="Index folder for --index (default: $SEARCHER_INDEX or indexes/default).",
)
@format_option("text", "json")
@reports_errors
def crawl(
    seeds: tuple[str, ...],
    corpus: str,
    depth: int,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    any_site: bool,
    delay: float,
    concurrency: int,
    timeout: float,
    max_size: int,
    user_agent: str | None,
    refresh: bool,
    resume: bool,
    forget: bool,
    limit: int | None,
    warc_file: str | None,
    index_after: bool,
    index_path: str | None,
    fmt: str,
) -> None:
    """Bring pages into the corpus from URLs, sitemaps, RSS/Atom feeds, files, folders and WARC files.

    A seed's kind is recognised without flags: a folder or .html/.htm/.txt/.md file is
    copied, a .warc/.warc.gz file is read, a URL is fetched and treated as a sitemap, a
    feed or a page by its content, and a robots.txt URL brings in its sitemaps.
    Pages already in the corpus are not fetched again unless --refresh.
    Ctrl-C or SIGTERM stops it cleanly, keeping what was fetched (requests in flight end
    within --timeout).
    An interrupted crawl is resumed by running it again with the same seeds;
    its queue waits while other crawls run (--resume takes it up, --forget drops it).
    Exit code 1 when any URL failed (each failure is listed with its reason).

    \b
    Examples:
      searcher crawl ~/saved-articles/
      searcher crawl https://news.example.org/feed.xml
      searcher crawl https://news.example.org/sitemap.xml --include /2024/
      searcher crawl https://news.example.org/ --depth 2 --delay 2
    """
    if not seeds and not (resume or forget):
        raise click.UsageError("give at least one SEED: a URL, a file, a folder or a WARC file")
    from pathlib import Path

    from ..config import corpus_path
    from ..crawl import CrawlOptions, forget_queue
    from ..crawl import crawl as run_crawl
    from ..crawl.fetch import DEFAULT_USER_AGENT

    root = corpus_path(corpus)
    if forget:
        note(f"dropped {forget_queue(root)} queued URLs")
        if not seeds and not resume:
            return

    options = CrawlOptions(
        depth=depth,
        include=include,
        exclude=exclude,
        any_site=any_site,
        delay=delay,
        concurrency=concurrency,
        timeout=timeout,
        max_size=max_size,
        user_agent=user_agent or DEFAULT_USER_AGENT,
        refresh=refresh,
        warc=Path(warc_file) if warc_file else None,
        max_pages=limit,
        resume=resume,
    )
    printer = _Printer(fmt, sys.stderr.isatty())
    # Results are printed as they come and not kept, so memory stays flat on long crawls.
    stop = threading.Event()
    with _signals_stop(stop) as received:
        report = run_crawl(
            seeds,
            root,
            options,
            progress=printer.update,
            on_result=printer.result,
            keep_results=False,
            stop=stop,
        )
    printer.finish(report)
    if report.waiting:
        note(
            f"{report.waiting} URLs queued by an interrupted crawl of other seeds are waiting: "
            "`searcher crawl --resume` continues them, `searcher crawl --forget` drops them"
        )
    if report.interrupted:
        note("interrupted: what was fetched is kept; run the same command again to resume")
        sys.exit(128 + (received[0] if received else signal.SIGINT))
    if index_after:
        from ..config import index_path as default_index

        target = default_index(index_path)
        note(f"indexing {root} into {target}")
        from ..index import update

        indexed = update(root, target)
        note(
            f"index updated: {indexed.added} added, {indexed.updated} updated, {indexed.removed} removed"
        )
    if report.counts.get("failed"):
        # Like wget: the crawl ran, but a caller scripting it must see that pages were lost.
        sys.exit(1)


@contextmanager
def _signals_stop(stop: threading.Event) -> Iterator[list[int]]:
    """While the crawl runs, Ctrl-C and SIGTERM set `stop`: it ends cleanly (fetched pages kept, a summary printed).

    A handler that only sets an event leaves whatever the crawl is doing whole (a page half
    stored, a URL marked done before its page is written), at whatever moment the signal
    comes. A second signal interrupts at once. Yields a list that receives the signals' numbers.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        received.append(signum)
        if stop.is_set():
            raise KeyboardInterrupt  # asked twice: break off what is running (a long state rebuild, say)
        stop.set()

    previous = {
        signum: signal.signal(signum, handler) for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield received
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _summary(report: CrawlReport) -> str:
    counts = report.counts
    # "read" counts the feeds, sitemaps and robots.txt files whose URLs were taken.
    names = ("fetched", "updated", "unchanged", "skipped", "failed", "read")
    parts = [f"{counts.get(name, 0)} {name}" for name in names if counts.get(name)]
    text = ", ".join(parts) or "nothing to do"
    return f"{text} ({report.requests} requests in {report.elapsed:.1f}s)"


class _Printer:
    """Prints each result as it comes (a line, or a JSON object) and a status line on a terminal."""

    def __init__(self, fmt: str, status: bool):
        self.fmt = fmt
        self.status = status
        self.started = time.monotonic()
        self.last_draw = 0.0
        self.drawn = False
        self.printed = 0

    def result(self, result: CrawlResult) -> None:
        if self.drawn:
            self._clear()
        if self.fmt == "json":
            import json

            head = '{\n  "results": [\n' if self.printed == 0 else ",\n"
            click.echo(head + "    " + json.dumps(result.to_dict(), ensure_ascii=False), nl=False)
        else:
            click.echo(_result_line(result))
        self.printed += 1

    def update(self, report: CrawlReport, pending: int) -> None:
        now = time.monotonic()
        if self.status and now - self.last_draw > 0.1:
            self.last_draw = now
            counts = report.counts
            done = counts.get("fetched", 0) + counts.get("updated", 0) + counts.get("unchanged", 0)
            rate = done / max(now - self.started, 1e-6)
            line = (
                f"fetched {counts.get('fetched', 0)} · skipped {counts.get('skipped', 0)} · "
                f"failed {counts.get('failed', 0)} · pending {pending} · {rate:.1f} pages/s"
            )
            click.echo("\r\x1b[2K" + line, err=True, nl=False)
            self.drawn = True

    def _clear(self) -> None:
        click.echo("\r\x1b[2K", err=True, nl=False)
        self.drawn = False

    def finish(self, report: CrawlReport) -> None:
        if self.drawn:
            self._clear()
        if self.fmt != "json":
            click.echo(_summary(report))
            return
        import json

        head = '{\n  "results": [' if self.printed == 0 else "\n  "
        tail = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in report.totals().items())
        click.echo(head + "],\n" + tail + "\n}")


def _result_line(result: CrawlResult) -> str:
    text = f"{result.outcome:<9} {result.url}"
    if result.key and result.outcome in ("fetched", "updated"):
        text += f" -> {result.key}"
    if result.reason:
        text += f"  ({result.reason})"
    return text
