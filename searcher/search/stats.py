"""Collection statistics: what ranking, feedback, fuzzy search, "did you mean" and name filters
read about the whole collection, through one object.

`LocalStats` reads the index being searched (a single index: today's numbers, bit for
bit). `GlobalStats` reads a sharded index's summed statistics (`cluster index` writes
them: shards.json and terms.parquet), so that a shard searched with it scores, expands,
corrects and resolves names exactly as one index holding every shard's articles would.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .vocabulary import VOCABULARY_FIELD, Vocabulary, load_words

if TYPE_CHECKING:
    from .names import NameIndex
    from .session import Reading

# The sharded index's files holding its summed statistics (written by `cluster index`).
MANIFEST = "shards.json"
TERMS = "terms.parquet"


@runtime_checkable
class CollectionStats(Protocol):
    """The collection-wide numbers a search reads; a shard reads the whole collection's."""

    @property
    def doc_count(self) -> int:
        """Documents in the collection (BM25's N, feedback's idf)."""
        ...

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """Documents holding the term in the field."""
        ...

    def avg_field_length(self, fieldname: str) -> float:
        """A scored field's average length per document (0.0 when unknown)."""
        ...

    def vocabulary(self) -> Vocabulary:
        """The unstemmed vocabulary with document frequencies (fuzzy search, "did you mean")."""
        ...

    def names(self, fieldname: str) -> NameIndex:
        """The distinct values of an exact field, for forgiving name filters."""
        ...


class LocalStats:
    """The statistics of the index a Reading searches (one thread's Whoosh searcher)."""

    def __init__(self, reading: Reading):
        self.reading = reading
        self.searcher = reading.searcher
        # Document frequencies looked up in this generation (a dict lookup costs less than
        # Whoosh's term lookup; a query's words come back query after query).
        self._frequencies: dict[tuple[str, str], int] = reading.cached("doc frequencies", dict)

    @property
    def doc_count(self) -> int:
        """Documents in the generation, deleted ones included (as Whoosh's scorers count)."""
        count: int = self.searcher.doc_count_all()
        return count

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """The term's document frequency in this index."""
        key = (fieldname, term)
        found = self._frequencies.get(key)
        if found is None:
            found = self._frequencies[key] = self.searcher.doc_frequency(fieldname, term)
        return found

    def avg_field_length(self, fieldname: str) -> float:
        """Whoosh's average field length of this index."""
        found: float = self.searcher.avg_field_length(fieldname) or 0.0
        return found

    def vocabulary(self) -> Vocabulary:
        """The index's vocabulary (cached per generation and in a file beside it)."""
        s, reading = self.searcher, self.reading
        key = f"{s.reader().generation()}-{s.doc_count_all()}"
        folder = reading.session.words_folder(s)
        base = reading.cached("vocabulary", lambda: Vocabulary(load_words(s.reader(), folder, key)))
        return base.bound(lambda word: s.doc_frequency(VOCABULARY_FIELD, word))

    def names(self, fieldname: str) -> NameIndex:
        """The values of an exact field of this index (cached per generation)."""
        from .columns import field_values
        from .names import NameIndex  # rapidfuzz is imported only when a name filter is used

        return self.reading.cached(
            f"names:{fieldname}",
            lambda: NameIndex.build(field_values(self.searcher.reader(), fieldname)),
        )


class GlobalStats:
    """The summed statistics of a sharded index, read from its shards.json and terms.parquet.

    Loaded on first use (a GlobalStats handed to another process travels as its path);
    each field's terms become a dict the first time the field is asked about.
    """

    def __init__(self, shards_path: str | Path):
        self.path = Path(shards_path)
        self._lock = threading.Lock()
        self._loaded: tuple[int, dict[str, int]] | None = None
        self._fields: dict[str, dict[str, int]] = {}
        self._vocabulary: Vocabulary | None = None
        self._names: dict[str, NameIndex] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]  # re-created empty: loads again where it lands

    def manifest(self) -> dict[str, Any]:
        """The sharded index's manifest (shards.json)."""
        found: dict[str, Any] = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        return found

    def _manifest(self) -> tuple[int, dict[str, int]]:
        if self._loaded is None:
            manifest = self.manifest()
            totals = {name: int(f["total"]) for name, f in manifest.get("fields", {}).items()}
            self._loaded = (int(manifest["articles"]), totals)
        return self._loaded

    @property
    def doc_count(self) -> int:
        """Articles in all shards."""
        return self._manifest()[0]

    @property
    def shard_count(self) -> int:
        """How many shards the manifest lists."""
        return len(self.manifest()["shards"])

    def avg_field_length(self, fieldname: str) -> float:
        """The field's total length over all shards divided by all articles (as one index computes it)."""
        documents, totals = self._manifest()
        return totals.get(fieldname, 0) / (documents or 1)

    def _terms_of(self, fieldname: str) -> dict[str, int]:
        found = self._fields.get(fieldname)
        if found is None:
            with self._lock:
                found = self._fields.get(fieldname)
                if found is None:
                    found = self._fields[fieldname] = _field_terms(self.path / TERMS, fieldname)
        return found

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """The term's document frequency summed over the shards."""
        return self._terms_of(fieldname).get(term, 0)

    def vocabulary(self) -> Vocabulary:
        """The vocabulary of all shards with summed document frequencies."""
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self._terms_of(VOCABULARY_FIELD))
        return self._vocabulary

    def names(self, fieldname: str) -> NameIndex:
        """The values of an exact field over all shards."""
        from .names import NameIndex

        found = self._names.get(fieldname)
        if found is None:
            found = self._names[fieldname] = NameIndex.build(self._terms_of(fieldname))
        return found


def _field_terms(path: Path, fieldname: str) -> dict[str, int]:
    """term -> document frequency of one field of a terms.parquet file."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(
        path, columns=["term", "doc_frequency"], filters=[("field", "=", fieldname)]
    )
    terms: list[str] = table.column("term").to_pylist()
    counts: list[int] = pc.cast(table.column("doc_frequency"), "int64").to_pylist()
    return dict(zip(terms, counts, strict=True))
