"""Facts about an index: how many articles, outlets and authors, which dates, how big."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..textfold import fold
from .guard import damage_checked
from .store import ArticleIndex, open_index


@dataclass
class IndexStats:
    """What an index holds."""

    index: str
    generation: str
    schema_version: int
    articles: int
    outlets: int
    authors: int
    speakers: int
    clusters_with_copies: int
    first_date: str | None
    last_date: str | None
    size_bytes: int
    per_outlet: dict[str, int] = field(default_factory=dict)
    per_year: dict[str, int] = field(default_factory=dict)
    per_lang: dict[str, int] = field(default_factory=dict)
    # Shards of a sharded index that did not answer: the counts are partial (empty: complete).
    missing_shards: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The stats as a JSON-ready dict (a partial answer's as search results say it)."""
        from ..search.results import partial_json

        data = asdict(self)
        del data["missing_shards"]
        return {**data, **partial_json(self.missing_shards)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], index: str | None = None) -> IndexStats:
        """The stats of their JSON; `index` where the JSON leaves it out (the HTTP API's does)."""
        from ..search.results import missing_shards_of

        given = {**data, "index": index} if index is not None else data
        return cls(
            **{f.name: given[f.name] for f in fields(cls) if f.name != "missing_shards"},
            missing_shards=missing_shards_of(given),
        )


def folder_size(path: Path) -> int:
    """Bytes used by the files below a folder."""
    total = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            try:
                total += os.path.getsize(os.path.join(dirpath, name))
            except OSError:
                pass
    return total


def _term_counts(reader: Any, fieldname: str) -> Counter:
    """Live documents per term of a field (deleted documents left out)."""
    counts: Counter = Counter()
    if fieldname not in reader.indexed_field_names():
        return counts
    deletions = reader.has_deletions()
    for term, info in reader.iter_field(fieldname):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        if deletions:
            n = sum(
                1 for d in reader.postings(fieldname, term).all_ids() if not reader.is_deleted(d)
            )
        else:
            n = info.doc_frequency()
        if n:
            counts[text] = n
    return counts


def folded_names(reader: Any, fieldname: str) -> set[str]:
    """The names of an exact field folded: one person however pages spell the name."""
    return {fold(name) for name in _term_counts(reader, fieldname)}


def _date_range(reader: Any) -> tuple[str | None, str | None]:
    if not reader.has_column("published"):
        return None, None
    field = reader.schema["published"]
    # Untranslated: an undated document holds a default that overflows datetime when translated.
    column = reader.column_reader("published", translate=False)
    first = last = None
    for docnum in range(reader.doc_count_all()):
        if reader.is_deleted(docnum):
            continue
        try:
            value = field.from_column_value(column[docnum])
        except (OverflowError, ValueError, TypeError):
            continue
        if value is None or not hasattr(value, "year") or value.year < 2:
            continue
        if first is None or value < first:
            first = value
        if last is None or value > last:
            last = value
    return (first.date().isoformat() if first else None, last.date().isoformat() if last else None)


def index_stats(index: ArticleIndex) -> IndexStats:
    """The stats of an open index."""
    with index.reader() as reader:
        outlets = _term_counts(reader, "outlet_exact")
        authors = folded_names(reader, "author_exact")
        speakers = folded_names(reader, "speaker_exact")
        clusters = _term_counts(reader, "cluster")
        years = _term_counts(reader, "year")
        langs = _term_counts(reader, "lang")
        first, last = _date_range(reader)
        articles = reader.doc_count()
    return IndexStats(
        index=str(index.path),
        generation=index.generation.name,
        schema_version=int(index.meta.get("schema_version", 0)),
        articles=articles,
        outlets=len(outlets),
        # One person however pages spell the name ("Løvholt" / "Lovholt"), as facets count them.
        authors=len(authors),
        speakers=len(speakers),
        clusters_with_copies=sum(1 for n in clusters.values() if n > 1),
        first_date=first,
        last_date=last,
        size_bytes=folder_size(index.generation),
        per_outlet=dict(sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        per_year=dict(sorted(years.items())),
        per_lang=dict(sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def stats(index: str | os.PathLike | ArticleIndex, verify: bool = False) -> IndexStats:
    """The stats of an index folder (or an open index); `verify` checks every file's checksum first."""
    if isinstance(index, ArticleIndex):
        return _checked_stats(index, verify)
    with open_index(index) as opened:
        return _checked_stats(opened, verify)


def _checked_stats(index: ArticleIndex, verify: bool) -> IndexStats:
    if verify:
        index.verify()
    with damage_checked(index.verify):
        return index_stats(index)
