"""`searcher search`, `searcher quotes` and `searcher show`: thin commands over searcher.search."""

from __future__ import annotations

import json
import sys

import click

from ..messages import spelled
from .common import (
    cli_flag,
    corpus_option,
    format_option,
    index_option,
    note,
    plural,
    reports_errors,
    wants_color,
)

FACETS = ("outlet", "author", "year", "month", "lang", "speaker", "tag", "source")


def _open(corpus: str, index: str):
    """The searcher for `index`, building the index from `corpus` first when there is none."""
    from ..errors import IndexNotFound
    from ..search import open_searcher

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


@click.command()
@click.argument("query", nargs=-1)
@click.option("--any", "any_", is_flag=True, help="Match any of the words (default: all of them).")
@click.option(
    "--author", help="Only articles by this author (forgiving: 'antonov' finds Anatoly Antonov)."
)
@click.option("--outlet", help="Only articles from this outlet.")
@click.option("--source", help="Only copies of stories from this original source.")
@click.option("--speaker", help="Only articles quoting this person.")
@click.option("--tag", help="Only articles with this tag.")
@click.option("--lang", help="Only articles in this language (ISO 639-1 code, e.g. en).")
@click.option("--since", help="Published on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Published on or before: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--collection",
    help="Only articles from the outlets of this collection (see `searcher collections`).",
)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    default="relevance",
    show_default=True,
    help="Order of the results: best match first, or by publication date.",
)
@click.option(
    "--fuzzy", is_flag=True, help="Forgive typos: expand unknown words to close index words."
)
@click.option(
    "--feedback/--no-feedback",
    default=None,
    help="Re-rank with words from the best first hits (default: for --any queries of 3+ words).",
)
@click.option(
    "--facet",
    "facets",
    multiple=True,
    type=click.Choice(FACETS),
    help="Count matches per value of this field (repeatable).",
)
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Results per page."
)
@click.option(
    "--page",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Which page of results to show.",
)
@click.option(
    "--after",
    metavar="TOKEN",
    help="The page after the one whose 'next' token this is (deep paging; --page is then ignored).",
)
@format_option("text", "json", "jsonl", "csv")
@corpus_option
@index_option
@reports_errors
def search(
    query,
    any_,
    author,
    outlet,
    source,
    speaker,
    tag,
    lang,
    since,
    until,
    collection,
    sort,
    fuzzy,
    feedback,
    facets,
    limit,
    page,
    after,
    fmt,
    corpus,
    index,
):
    """Ranked search of the index: words (all must match), "phrases", AND/OR/NOT, -word, field:value.

    Fields: title, body, quote, author, speaker, outlet, source, tag, lang.
    --format csv writes every matching article (not a page), one row each.
    Exit code 0 when something matched, 1 when nothing did, 2 on bad input.
    """
    from ..errors import QueryError

    text = " ".join(query).strip()
    if not text:
        raise QueryError("empty query: give at least one word to search for")
    filters = dict(
        author=author,
        outlet=outlet,
        source=source,
        speaker=speaker,
        tag=tag,
        lang=lang,
        since=since,
        until=until,
        collection=collection,
    )
    if fmt == "csv":
        if after:  # the export starts from the first match: a cursor would be silently ignored
            raise click.UsageError(
                "--after pages through results, but --format csv writes every match: drop --after"
            )
        _export(
            text,
            lambda s, notes: s.iter_articles(
                text, any=any_, fuzzy=fuzzy, sort=sort, notes=notes, **filters
            ),
            "articles",
            corpus,
            index,
        )
    with _open(corpus, index) as searcher:
        results = searcher.search(
            text,
            any=any_,
            sort=sort,
            fuzzy=fuzzy,
            facets=facets,
            limit=limit,
            page=page,
            feedback=feedback,
            after=after,
            **filters,
        )
    for line in results.notes:
        note(spelled(line, cli_flag))
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


def _export(text, rows, kind: str, corpus: str, index: str) -> None:
    """Write every match as CSV to stdout, one row at a time, and exit (0 when a row was written, else 1)."""
    from ..search.export import articles_csv, quotes_csv

    to_csv = articles_csv if kind == "articles" else quotes_csv
    written = -1
    notes: list[str] = []
    with _open(corpus, index) as searcher:
        out = sys.stdout
        for line in to_csv(rows(searcher, notes)):
            if written < 0:
                # The library's notes are known once the matches are: before the first row.
                for line_of_note in notes:
                    note(line_of_note)
            out.write(line)
            written += 1
    note(f"wrote {written} {kind}")
    sys.exit(0 if written else 1)


@click.command()
@click.argument("query", nargs=-1)
@click.option(
    "--speaker",
    help="Only quotations by this person (forgiving: 'erdogan' finds Recep Tayyip Erdoğan).",
)
@click.option("--outlet", help="Only quotations from articles of this outlet.")
@click.option("--lang", help="Only articles in this language.")
@click.option("--since", help="Published on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Published on or before: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--collection",
    help="Only articles from the outlets of this collection (see `searcher collections`).",
)
@click.option("--any", "any_", is_flag=True, help="Match any of the words (default: all of them).")
@click.option("--fuzzy", is_flag=True, help="Forgive typos.")
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=10,
    show_default=True,
    help="Quotations per page.",
)
@click.option(
    "--page",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Which page of quotations to show.",
)
@format_option("text", "json", "jsonl", "csv")
@corpus_option
@index_option
@reports_errors
def quotes(
    query,
    speaker,
    outlet,
    lang,
    since,
    until,
    collection,
    any_,
    fuzzy,
    limit,
    page,
    fmt,
    corpus,
    index,
):
    """Search inside quotations: who said what, where, when.

    QUERY may be left out when --speaker is given (all of that person's quotations, newest first).
    --format csv writes every matching quotation (not a page), one row each.
    """
    text = " ".join(query).strip()
    filters = dict(
        speaker=speaker, outlet=outlet, lang=lang, since=since, until=until, collection=collection
    )
    if fmt == "csv":
        _export(
            text,
            lambda s, notes: s.iter_quotes(
                text or None, any=any_, fuzzy=fuzzy, notes=notes, **filters
            ),
            "quotations",
            corpus,
            index,
        )
    with _open(corpus, index) as searcher:
        results = searcher.quotes(
            text or None, any=any_, fuzzy=fuzzy, limit=limit, page=page, **filters
        )
    for line in results.notes:
        note(spelled(line, cli_flag))
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
@reports_errors
def show(id_or_url, fmt, corpus, index):
    """Print one article of the index, by id or URL."""
    from ..errors import ArticleNotFound

    with _open(corpus, index) as searcher:
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
