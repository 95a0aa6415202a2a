"""`searcher timeline`, `trail`, `terms` and `collections`: thin commands over the analyses in searcher.search."""

from __future__ import annotations

import json
import sys

import click

from ..messages import spelled
from ..search.options import TermsRequest, TimelineRequest, TrailRequest
from ..search.request import CLI
from .common import (
    cli_flag,
    corpus_option,
    format_option,
    index_option,
    note,
    remote_option,
    reports_errors,
    wants_color,
)
from .options import request_options

BLOCKS = " ▏▎▍▌▋▊▉█"
SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 30


def _open(corpus: str, index: str, remote: str | None = None):
    from .search import _open as open_or_build

    return open_or_build(corpus, index, remote)


def _colour() -> bool:
    """Colour on stdout when it is a terminal and colour is not turned off (NO_COLOR, TERM=dumb)."""
    return wants_color(sys.stdout)


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of `fraction` (0-1) of `width` cells, in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


def sparkline(values: list[int]) -> str:
    """One character per value, its height relative to the largest."""
    top = max(values, default=0)
    if not top:
        return SPARKS[0] * len(values)
    return "".join(
        SPARKS[min(len(SPARKS) - 1, round(v / top * (len(SPARKS) - 1)))] if v else " "
        for v in values
    )


def _notes(notes) -> None:
    for line in notes:
        note(spelled(line, cli_flag))


@click.command()
@click.argument("query", nargs=-1)
@request_options(TimelineRequest)
@format_option("text", "json", "csv")
@corpus_option
@index_option
@remote_option
@reports_errors
def timeline(query, options, fmt, corpus, index, remote):
    """Attention over time: matching articles per period, all articles then, and the share.

    QUERY may be left out to count every article the filters allow. "All articles" are
    those the same filters allow. Exit code 1 when nothing matched.
    """
    request = TimelineRequest.of(" ".join(query), CLI, **options)
    with _open(corpus, index, remote) as searcher:
        result = searcher.timeline(request)
    _notes(result.notes)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _timeline_csv(result)
    else:
        _timeline_text(result)
    sys.exit(0 if result.total_matches else 1)


def _timeline_csv(result) -> None:
    from ..search.export import csv_lines

    if (
        result.split
    ):  # not `series`: with no dated match there is none, and the columns must stay the same
        rows = (
            [p, s.value, m, t, sh]
            for s in result.series
            for p, m, t, sh in zip(result.periods, s.matches, result.totals, s.shares, strict=False)
        )
        header = ("period", result.split, "matches", "total", "share")
    else:
        rows = (
            [r["period"], r["start"], r["matches"], r["total"], r["share"]] for r in result.rows()
        )
        header = ("period", "start", "matches", "total", "share")
    for line in csv_lines(header, rows):
        click.echo(line, nl=False)


def _timeline_text(result) -> None:
    tty = sys.stdout.isatty()
    colour = _colour()
    if not result.periods:
        # matches that all lack a date are matches: "0 matching articles" would deny them
        click.echo(
            f"{_plural(result.undated, 'matching article')}, none with a date"
            if result.undated
            else "0 matching articles"
        )
        return
    width = max(len("period"), *(len(p) for p in result.periods))
    span = _plural(len(result.periods), result.by)
    if result.series:
        name_width = max(len(s.value) for s in result.series)
        click.echo(f"{'':<{name_width}}  {result.periods[0]} … {result.periods[-1]} ({span})")
        for series in result.series:
            line = f"{series.value:<{name_width}}  {sum(series.matches):>6}"
            if tty:
                spark = sparkline(series.matches)
                line += "  " + (click.style(spark, fg="cyan") if colour else spark)
            click.echo(line)
        click.echo()
    click.echo(f"{'period':<{width}}  {'matches':>7}  {'total':>7}  {'share':>6}")
    peak = max(result.shares, default=0.0) or 1.0
    for period, matches, total, share in zip(
        result.periods, result.matches, result.totals, result.shares, strict=False
    ):
        line = f"{period:<{width}}  {matches:>7}  {total:>7}  {share:>6.1%}"
        if tty:
            drawn = bar(share / peak)
            line += "  " + (click.style(drawn, fg="cyan") if colour else drawn)
        click.echo(line)
    extra = f"; {result.undated} undated not shown" if result.undated else ""
    click.echo(f"{_plural(result.total_matches, 'matching article')} in {span}{extra}")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@click.command()
@click.argument("quotation", nargs=-1)
@request_options(TrailRequest)
@format_option("text", "json")
@corpus_option
@index_option
@remote_option
@reports_errors
def trail(quotation, options, fmt, corpus, index, remote):
    """Trace a quotation: every article carrying it exactly or nearly, oldest first, and who is credited.

    Give the quotation or a part of it (at least three words). Exit code 1 when no article carries it.
    """
    request = TrailRequest.of(" ".join(quotation), CLI, **options)
    with _open(corpus, index, remote) as searcher:
        result = searcher.trail(request)
    _notes(result.notes)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _trail_text(result)
    sys.exit(0 if result.entries else 1)


def _trail_text(result) -> None:
    style = click.style if _colour() else (lambda text, **_: text)
    if not result.entries:
        click.echo("no article carries this quotation")
        return
    first = result.first
    click.echo(
        f"{len(result.entries)} articles carry it; first: {first.outlet or 'unknown outlet'}, "
        f"{(first.published or 'undated')[:10]}"
    )
    credited = ", ".join(f"{name or 'unattributed'} ({n})" for name, n in result.speakers)
    click.echo(f"credited to: {credited}")
    if result.conflicting:
        click.echo(
            style(
                "warning: different articles credit it to different speakers", fg="red", bold=True
            )
        )
    for number, variant in enumerate(result.variants, 1):
        click.echo()
        click.echo(
            f"variant {number} ({len(variant.entries)} article{'s' if len(variant.entries) != 1 else ''}): "
            f"“{variant.text}”"
        )
        for entry in variant.entries:
            where = entry.outlet or "unknown outlet"
            if entry.source and entry.source != entry.outlet:
                where += f" (from {entry.source})"
            click.echo(
                f"  {(entry.published or 'undated')[:10]}  {where} — {entry.speaker or 'unattributed'}"
                f" · {entry.title} · id {entry.article_id}"
            )


@click.command()
@click.argument("query", nargs=-1)
@request_options(TermsRequest)
@format_option("text", "json")
@corpus_option
@index_option
@remote_option
@reports_errors
def terms(query, options, fmt, corpus, index, remote):
    """Top terms: the words and names most characteristic of the matching articles against the whole index.

    Exit code 1 when nothing matched.
    """
    request = TermsRequest.of(" ".join(query), CLI, **options)
    with _open(corpus, index, remote) as searcher:
        result = searcher.terms(request)
    _notes(result.notes)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(
            f"{result.total} matching articles"
            + (f" (words from {result.sampled} of them)" if result.sampled < result.total else "")
        )
        for title, items in (("words", result.words), ("names", result.names)):
            if not items:
                continue
            click.echo()
            width = max(len(t.text) for t in items)
            click.echo(f"{title:<{width}}  {'kind':<7}  {'matches':>9}  {'all':>11}  score")
            for t in items:
                click.echo(
                    f"{t.text:<{width}}  {t.kind:<7}  {f'{t.matches}/{t.matches_of}':>9}  "
                    f"{f'{t.background}/{t.background_of}':>11}  {t.score:.3f}"
                )
    sys.exit(0 if result.total else 1)


@click.group()
def collections():
    """Named sets of outlets, kept beside the index; use one as a filter with --collection NAME."""


@collections.command("add")
@click.argument("name")
@click.argument("outlets", nargs=-1, required=True)
@index_option
@reports_errors
def collections_add(name, outlets, index):
    """Add OUTLETS to the collection NAME (made when new)."""
    from ..search.collections import add_outlets

    members = add_outlets(index, name, outlets)
    click.echo(f"{name.strip()}: {', '.join(members)}")


@collections.command("remove")
@click.argument("name")
@click.argument("outlets", nargs=-1)
@index_option
@reports_errors
def collections_remove(name, outlets, index):
    """Remove OUTLETS from the collection NAME, or the whole collection when no outlet is given."""
    from ..search.collections import remove_collection

    left = remove_collection(index, name, outlets)
    click.echo(
        f"{name.strip()}: {', '.join(left)}" if left else f"removed collection {name.strip()}"
    )


@collections.command("list")
@format_option("text", "json")
@index_option
@reports_errors
def collections_list(fmt, index):
    """List the collections and their outlets."""
    from ..search.collections import load_collections

    found = load_collections(index)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        note("no collections yet: make one with `searcher collections add NAME OUTLET…`")
    for name, outlets in found.items():
        click.echo(f"{name}: {', '.join(outlets)}")


@collections.command("show")
@click.argument("name")
@format_option("text", "json")
@corpus_option
@index_option
@reports_errors
def collections_show(name, fmt, corpus, index):
    """Show a collection's outlets and how many articles of each the index holds."""
    from ..search.collections import collection_outlets

    outlets = collection_outlets(index, name)
    with _open(corpus, index) as searcher:
        counts = {outlet: len(searcher.matching(None, outlet=outlet)[1]) for outlet in outlets}
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "name": name.strip(),
                    "outlets": [{"outlet": o, "articles": n} for o, n in counts.items()],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for outlet, n in counts.items():
        click.echo(f"{outlet}: {n} articles")
