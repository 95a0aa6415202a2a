"""`searcher search`, `searcher quotes` and `searcher show`: thin commands over searcher.search."""

from __future__ import annotations

import json
import sys

import click

from .. import fields
from ..messages import partial_notice, spelled
from ..search.request import CLI, QuotesRequest, SearchRequest
from .common import (
    cli_flag,
    corpus_option,
    format_option,
    index_option,
    note,
    plural,
    remote_option,
    reports_errors,
    wants_color,
)
from .options import request_options


def _open(corpus: str, index: str, remote: str | None = None):
    """The searcher at `remote` (a server's URL), else for `index`, built from `corpus` when there is none."""
    from ..errors import IndexNotFound
    from ..search import open_searcher

    if remote:
        from ..remote import RemoteSearcher

        return RemoteSearcher(remote)
    try:
        # One search per process: caching postings for later searches would only cost time.
        return open_searcher(index, postings_cache=0)
    except IndexNotFound:
        from ..index import update

        note(f"no index at {index}: building it from {corpus} first…")
        report = update(corpus, index)
        note(f"indexed {report.added} articles into {index}")
        return open_searcher(index, postings_cache=0)


def _styler(colour: bool):
    """click.style when colour is wanted (see wants_color), plain text otherwise."""
    if colour:
        return click.style
    return lambda text, **_: text


def _highlighted(text: str, spans, style) -> str:
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(style(text[start:end], bold=True, fg="yellow"))
        last = end
    out.append(text[last:])
    return "".join(out)


def _date(published: str | None) -> str:
    return (published or "")[:10] or "undated"


def _print_hit(hit, style) -> None:
    a = hit.article
    click.echo(f"{hit.rank}. " + style(a.title or "(untitled)", bold=True))
    where = a.outlet or "unknown outlet"
    if a.source and a.source != a.outlet:
        where += f" (original source: {a.source})"
    parts = [where, _date(a.published)]
    if a.authors:
        parts.append(", ".join(a.authors))
    click.echo("   " + " · ".join(parts))
    if a.url:
        click.echo("   " + style(a.url, fg="blue"))
    click.echo(f"   score {hit.score:.3f} · id {a.id}")
    if hit.snippet.text:
        click.echo("   " + _highlighted(hit.snippet.text, hit.snippet.highlights, style))
    for mq in hit.matched_quotes[:3]:
        speaker = mq.quote.speaker or "unattributed"
        click.echo(f"   “{_highlighted(mq.quote.text, mq.highlights, style)}” — {speaker}")
    if hit.also_in:
        click.echo("   also in: " + ", ".join(x.outlet or x.url or x.id for x in hit.also_in))
    click.echo()


def _print_notes(results) -> None:
    """The library's notes, and a partial answer's notice, on stderr."""
    for line in results.notes:
        note(spelled(line, cli_flag))
    if results.missing_shards:
        note(partial_notice(results.missing_shards))


def _counts(results) -> str:
    """'8 matching articles in 6 stories': a story's syndicated copies are one result, so pages hold stories."""
    text = plural(results.total, "matching article")
    if results.stories != results.total:
        text += f" in {plural(results.stories, 'story', 'stories')}"
    return text


def _print_results(results, style) -> None:
    for hit in results.hits:
        _print_hit(hit, style)
    shown_from = (results.page - 1) * results.limit + 1
    if results.hits:
        click.echo(
            f"{_counts(results)}; page {results.page} "
            f"(results {shown_from}–{shown_from + len(results.hits) - 1})"
        )
    elif results.total:
        last = -(-results.stories // results.limit)
        click.echo(
            f"{_counts(results)}; nothing on page {results.page}: "
            f"{plural(results.stories, 'story', 'stories')} fill {plural(last, 'page')} of {results.limit}"
        )
    else:
        click.echo(_counts(results))
    for name, facet in results.facets.items():
        counts = ", ".join(f"{c.value} ({c.count})" for c in facet.counts) or "none"
        click.echo(f"{name}: {counts}")


@click.command(
    help=f"""Ranked search of the index: words (all must match), "phrases", AND/OR/NOT, -word, field:value.

    Fields: {", ".join(fields.QUERY_FIELDS)}.
    --format csv writes every matching article (not a page), one row each.
    Exit code 0 when something matched, 1 when nothing did, 2 on bad input.
    """
)
@click.argument("query", nargs=-1)
@request_options(SearchRequest)
@format_option("text", "json", "jsonl", "csv")
@corpus_option
@index_option
@remote_option
@reports_errors
def search(query, options, fmt, corpus, index, remote):
    """`searcher search` (its help is written above, with the field names of the table)."""
    from ..errors import QueryError

    text = " ".join(query).strip()
    if not text:
        raise QueryError("empty query: give at least one word to search for")
    request = SearchRequest.of(text, CLI, **options)
    if fmt == "csv":
        # the export starts from the first match: a cursor would be silently ignored
        if request.after:
            raise click.UsageError(
                "--after pages through results, but --format csv writes every match: drop --after"
            )
        _export(
            text,
            lambda s, notes: s.iter_articles(request, notes=notes),
            "articles",
            corpus,
            index,
            remote,
        )
    with _open(corpus, index, remote) as searcher:
        results = searcher.search(request)
    _print_notes(results)
    if results.expanded:
        note(
            "fuzzy: "
            + "; ".join(f"{w} → {', '.join(alts)}" for w, alts in results.expanded.items())
        )
    if results.did_you_mean:
        note(f"did you mean: {results.did_you_mean}")
    if fmt == "json":
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for hit in results.hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
    else:
        _print_results(results, _styler(wants_color(sys.stdout)))
    sys.exit(0 if results.total else 1)


def _export(text, rows, kind: str, corpus: str, index: str, remote: str | None) -> None:
    """Write every match as CSV to stdout, one row at a time, and exit (0 when a row was written, else 1)."""
    from ..search.export import articles_csv, quotes_csv

    to_csv = articles_csv if kind == "articles" else quotes_csv
    written = -1
    notes: list[str] = []
    with _open(corpus, index, remote) as searcher:
        out = sys.stdout
        for line in to_csv(rows(searcher, notes)):
            if written < 0:
                # The library's notes are known once the matches are: before the first row.
                for line_of_note in notes:
                    note(spelled(line_of_note, cli_flag))
            out.write(line)
            written += 1
    note(f"wrote {written} {kind}")
    sys.exit(0 if written else 1)


@click.command()
@click.argument("query", nargs=-1)
@request_options(QuotesRequest)
@format_option("text", "json", "jsonl", "csv")
@corpus_option
@index_option
@remote_option
@reports_errors
def quotes(query, options, fmt, corpus, index, remote):
    """Search inside quotations: who said what, where, when.

    QUERY may be left out when --speaker is given (all of that person's quotations, newest
    first); --speaker also keeps only that person's quotations.
    --format csv writes every matching quotation (not a page), one row each.
    """
    request = QuotesRequest.of(" ".join(query), CLI, **options)
    if fmt == "csv":
        _export(
            request.query,
            lambda s, notes: s.iter_quotes(request, notes=notes),
            "quotations",
            corpus,
            index,
            remote,
        )
    with _open(corpus, index, remote) as searcher:
        results = searcher.quotes(request)
    _print_notes(results)
    if fmt == "json":
        click.echo(json.dumps(results.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for hit in results.hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
    else:
        style = _styler(wants_color(sys.stdout))
        for hit in results.hits:
            a = hit.article
            click.echo(f"{hit.rank}. “{_highlighted(hit.quote.text, hit.highlights, style)}”")
            where = a.outlet or "unknown outlet"
            if a.source and a.source != a.outlet:
                where += f" (original source: {a.source})"
            click.echo(
                f"   — {style(hit.quote.speaker or 'unattributed', bold=True)} · {where} · "
                f"{_date(a.published)} · {a.title}"
            )
            if a.url:
                click.echo("   " + style(a.url, fg="blue"))
            click.echo()
        click.echo(
            f"{plural(results.total, 'matching quotation')} in {plural(results.articles, 'article')}"
        )
    sys.exit(0 if results.hits or results.total else 1)


@click.command()
@click.argument("id_or_url")
@format_option("text", "json")
@corpus_option
@index_option
@remote_option
@reports_errors
def show(id_or_url, fmt, corpus, index, remote):
    """Print one article of the index, by id or URL."""
    from ..errors import ArticleNotFound

    with _open(corpus, index, remote) as searcher:
        try:
            article = searcher.get(id_or_url)
        except ArticleNotFound as exc:
            note(f"Error: {exc}")
            sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
        return
    style = _styler(wants_color(sys.stdout))
    click.echo(style(article.title or "(untitled)", bold=True))
    rows = [
        ("id", article.id),
        ("url", article.url),
        ("outlet", article.outlet),
        ("source", article.source),
        ("published", article.published),
        ("authors", ", ".join(article.authors)),
        ("lang", article.lang),
        ("tags", ", ".join(article.tags)),
    ]
    for label, value in rows:
        if value:
            click.echo(f"{label + ':':<11}{value}")
    click.echo()
    click.echo(article.body)
    if article.quotes:
        click.echo()
        click.echo("Quotations:")
        for q in article.quotes:
            click.echo(f"  “{q.text}” — {q.speaker or 'unattributed'}")
