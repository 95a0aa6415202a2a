"""Article records as Parquet: the schema of `searcher cluster normalize`'s output, and conversions."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..article import Article, Quote
from .storage import Location

# Bump when a column changes meaning: readers refuse records of another version.
RECORDS_VERSION = "1"

QUOTE_TYPE = pa.struct(
    [
        ("text", pa.string()),
        ("speaker", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
    ]
)

# One row per article; the columns are the Article record's fields, plus `origin`:
# where the page came from (a corpus page key, or a WARC file and the record's URL).
RECORD_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        ("url", pa.string()),
        ("title", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("outlet", pa.string()),
        ("source", pa.string()),
        ("published", pa.string()),
        ("lang", pa.string()),
        ("tags", pa.list_(pa.string())),
        ("body", pa.string()),
        ("quotes", pa.list_(QUOTE_TYPE)),
        ("provenance", pa.map_(pa.string(), pa.string())),
        ("kind", pa.string()),
        ("origin", pa.string()),
    ],
    metadata={"searcher.records": RECORDS_VERSION},
)


def article_row(article: Article, origin: str) -> dict[str, Any]:
    """The Parquet row of an article."""
    row = article.to_dict()
    row["provenance"] = list(article.provenance.items())
    row["origin"] = origin
    return row


def row_article(row: dict[str, Any]) -> Article:
    """The article of a Parquet row (as pyarrow's to_pylist gives it)."""
    return Article(
        id=row["id"],
        url=row["url"],
        title=row["title"] or "",
        authors=list(row["authors"] or []),
        outlet=row["outlet"],
        source=row["source"],
        published=row["published"],
        lang=row["lang"],
        tags=list(row["tags"] or []),
        body=row["body"] or "",
        quotes=[Quote.from_dict(q) for q in row["quotes"] or []],
        provenance=dict(row["provenance"] or []),
        kind=row["kind"] or "article",
    )


def records_table(rows: list[dict[str, Any]], metadata: dict[str, str] | None = None) -> pa.Table:
    """A table of record rows, with extra key-value metadata kept in the file."""
    schema = RECORD_SCHEMA
    if metadata:
        schema = schema.with_metadata({**(schema.metadata or {}), **metadata})
    return pa.Table.from_pylist(rows, schema=schema)


def write_table(table: pa.Table, where: Location) -> None:
    """A table written as one Parquet file, whole or not at all."""
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    where.write_bytes(sink.getvalue())


def read_table(where: Location, columns: list[str] | None = None) -> pa.Table:
    """A Parquet file's table (only `columns` when given)."""
    with where.fs.open_input_file(where.path) as handle:
        return pq.read_table(handle, columns=columns)


def read_metadata(where: Location) -> dict[str, str]:
    """The key-value metadata of a Parquet file, decoded."""
    with where.fs.open_input_file(where.path) as handle:
        raw = pq.read_schema(handle).metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items()}


def write_records(articles: Iterable[Article], where: Location, origin: str = "") -> int:
    """Articles written as one records part (`part-000000.parquet` in the folder); how many."""
    rows = [article_row(article, origin) for article in articles]
    write_table(records_table(rows), where.child("part-000000.parquet"))
    return len(rows)


def iter_articles(table: pa.Table) -> Iterator[Article]:
    """The articles of a records table, in row order."""
    for batch in table.to_batches(max_chunksize=1024):
        yield from map(row_article, batch.to_pylist())


def concat(tables: Iterable[pa.Table]) -> pa.Table:
    """Tables of one schema as one (an empty table when there are none)."""
    tables = list(tables)
    if not tables:
        return RECORD_SCHEMA.empty_table()
    return pa.concat_tables(tables)


def drop_rows(table: pa.Table, rows: list[int]) -> pa.Table:
    """The table without the rows at the given positions."""
    if not rows:
        return table
    keep = [True] * table.num_rows
    for row in rows:
        keep[row] = False
    return table.filter(pa.array(keep))
