"""Exports: every matching article (or quotation) as one CSV row or JSON line, written as it is read (constant memory)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

ARTICLE_COLUMNS = (
    "id",
    "url",
    "title",
    "authors",
    "outlet",
    "source",
    "published",
    "lang",
    "tags",
    "quotes",
    "body",
)
QUOTE_COLUMNS = (
    "text",
    "speaker",
    "start",
    "end",
    "article_id",
    "title",
    "outlet",
    "source",
    "published",
    "url",
    "authors",
)
# Several values in one cell (authors, tags) are joined with this.
JOIN = "; "
# The HTTP export of JSON lines: its media type, and the header holding its notes (on the
# filters) as JSON message parts, since its body holds only records.
JSON_LINES = "application/x-ndjson"
NOTES_HEADER = "x-searcher-note-parts"


def article_row(article) -> list:
    """The record's fields as CSV cells; quotations as a JSON list of {text, speaker, start, end}."""
    return [
        article.id,
        article.url or "",
        article.title,
        JOIN.join(article.authors),
        article.outlet or "",
        article.source or "",
        article.published or "",
        article.lang or "",
        JOIN.join(article.tags),
        json.dumps(
            [
                {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
                for q in article.quotes
            ],
            ensure_ascii=False,
        ),
        article.body,
    ]


def quote_row(hit) -> list:
    """One quotation and the article it is in, as CSV cells."""
    a = hit.article
    q = hit.quote
    return [
        q.text,
        q.speaker or "",
        q.start,
        q.end,
        a.id,
        a.title,
        a.outlet or "",
        a.source or "",
        a.published or "",
        a.url or "",
        JOIN.join(a.authors),
    ]


def csv_lines(header: Iterable[str], rows: Iterable[list]) -> Iterator[str]:
    """The CSV text of a header and rows, one line (record) at a time; nothing is kept after it is yielded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in _with_header(header, rows):
        writer.writerow([_cell(v) for v in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _with_header(header, rows):
    yield list(header)
    yield from rows


def _cell(value):
    # A cell starting with = + - @ is a formula to a spreadsheet: an article could run code there.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def json_lines(records: Iterable) -> Iterator[str]:
    """Each record's to_dict() as one line of JSON."""
    for record in records:
        yield json.dumps(record.to_dict(), ensure_ascii=False) + "\n"


def articles_csv(articles: Iterable) -> Iterator[str]:
    """CSV lines of articles (ARTICLE_COLUMNS)."""
    return csv_lines(ARTICLE_COLUMNS, map(article_row, articles))


def quotes_csv(hits: Iterable) -> Iterator[str]:
    """CSV lines of quotation hits (QUOTE_COLUMNS)."""
    return csv_lines(QUOTE_COLUMNS, map(quote_row, hits))
