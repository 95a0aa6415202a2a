"""`searcher extract`: normalize pages (files, folders or URLs) and print the records, no index."""

from __future__ import annotations

import json
import sys

import click

from .common import UserError, format_option, note, reports_errors


def _text(article, name: str, show_body: bool) -> str:
    """A record laid out for a person to read."""
    prov = article.provenance
    lines = [f"== {name}"]

    def row(label: str, value, key: str | None = None) -> None:
        if value in (None, "", []):
            return
        if isinstance(value, list):
            value = ", ".join(value)
        where = f"  [{prov[key]}]" if key and prov.get(key) else ""
        lines.append(f"{label:<10} {value}{where}")

    row("kind", article.kind)
    row("title", article.title, "title")
    row("authors", article.authors, "authors")
    row("outlet", article.outlet, "outlet")
    row("source", article.source, "source")
    row("published", article.published, "published")
    row("lang", article.lang)
    row("tags", article.tags, "tags")
    row("url", article.url)
    row("id", article.id)
    if article.quotes:
        row("quotes", str(len(article.quotes)))
    if show_body and article.body:
        lines.append("")
        lines.append(article.body)
    return "\n".join(lines)


def _pages_of(args, expand):
    """The pages of each argument in turn, or an ExtractError for a folder that holds none."""
    from ..corpus import PAGE_SUFFIXES
    from ..errors import ExtractError

    for arg in args:
        found = False
        for page in expand([arg]):
            found = True
            yield page
        if not found:
            kinds = ", ".join(PAGE_SUFFIXES[:-1]) + " or " + PAGE_SUFFIXES[-1]
            yield ExtractError(f"no pages in {arg}: it holds no {kinds} files")


@click.command("extract")
@click.argument("pages", nargs=-1, required=True, metavar="FILE|FOLDER|URL...")
@format_option("text", "json", "jsonl")
@click.option(
    "--body/--no-body", default=True, show_default=True, help="Print the body text (text format)."
)
@reports_errors
def extract(pages: tuple[str, ...], fmt: str, body: bool) -> None:
    """Normalize pages and print their article records, without touching the index.

    Each argument is an HTML, text or Markdown file, a folder of them, or an
    http(s) URL (fetched once, with a timeout). --format json prints one JSON
    array of records, jsonl one record per line; text is meant for reading.
    A page that cannot be read is reported on stderr and the exit code is 2.
    """
    from ..errors import ExtractError
    from ..normalize import normalize
    from ..normalize.inputs import expand, load

    failures = 0
    records = []
    first = True
    for arg in _pages_of(pages, expand):
        if isinstance(arg, ExtractError):
            failures += 1
            note(f"error: {arg}")
            continue
        try:
            page = load(arg)
        except ExtractError as exc:
            failures += 1
            note(f"error: {exc}")
            continue
        article = normalize(page.data, url=page.url, meta=page.meta)
        if fmt == "json":
            records.append(article.to_dict())
        elif fmt == "jsonl":
            click.echo(article.to_json())
        else:
            if not first:
                click.echo()
            click.echo(_text(article, page.name, body))
        first = False
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if failures:
        if first and failures == 1:
            # Nothing was printed: the one-line message above is the whole story.
            sys.exit(UserError.exit_code)
        raise UserError(f"{failures} page(s) could not be read")
