"""Normalized records kept beside the index, keyed by page content and normalizer version.

A rebuild (new schema, new analyzers) then re-indexes from here instead of parsing
HTML again; only a new normalizer version invalidates the cached records.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..article import Article
from .records import decode_record, encode_record


def page_digest(data: bytes, meta: dict[str, Any] | None = None) -> str:
    """A hash of everything normalization reads: the page's bytes and its fetch metadata."""
    digest = hashlib.sha1(data)
    if meta:
        digest.update(b"\0meta\0")
        digest.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


# Digests looked up in one query (below SQLite's limit on parameters).
_LOOKUP_BATCH = 500


class RecordCache:
    """A SQLite table of normalized records: (page digest, normalizer version) -> Article."""

    def __init__(self, path: str | Path, normalizer_version: str):
        self.path = Path(path)
        self.version = normalizer_version
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError:
            # Only a cache: a damaged one is set aside (not deleted) and the pages normalized again.
            self._set_aside()
            self.db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS records (digest TEXT, version TEXT, data BLOB, PRIMARY KEY (digest, version))"
            )
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _set_aside(self) -> None:
        """Rename a damaged cache (and its WAL files) to `<name>.damaged…`."""
        for suffix in ("", "-wal", "-shm"):
            part = self.path.with_name(self.path.name + suffix)
            if part.exists():
                part.replace(part.with_name(self.path.name + ".damaged" + suffix))

    def get(self, digest: str) -> Article | None:
        """The cached record of a page, or None."""
        row = self.db.execute(
            "SELECT data FROM records WHERE digest = ? AND version = ?", (digest, self.version)
        ).fetchone()
        if row is None:
            return None
        try:
            return decode_record(row[0])
        except ValueError:
            return None

    def cached(self, digests: Iterable[str]) -> set[str]:
        """Which of the digests have a record of this normalizer version (nothing decoded).

        Asked a batch at a time: the answer is as big as the question, not as the cache.
        """
        have: set[str] = set()
        batch: list[str] = []
        for digest in digests:
            batch.append(digest)
            if len(batch) >= _LOOKUP_BATCH:
                have.update(self._cached(batch))
                batch = []
        have.update(self._cached(batch))
        return have

    def _cached(self, digests: list[str]) -> Iterable[str]:
        if not digests:
            return ()
        marks = ",".join("?" * len(digests))
        return (
            row[0]
            for row in self.db.execute(
                f"SELECT digest FROM records WHERE version = ? AND digest IN ({marks})",
                (self.version, *digests),
            )
        )

    def put_many(self, items: Iterable[tuple[str, Article]]) -> None:
        """Store normalized records (committed at once)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO records (digest, version, data) VALUES (?, ?, ?)",
            ((digest, self.version, encode_record(article)) for digest, article in items),
        )
        self.db.commit()

    def drop_other_versions(self) -> int:
        """Forget records made by other normalizer versions; returns how many."""
        cur = self.db.execute("DELETE FROM records WHERE version != ?", (self.version,))
        self.db.commit()
        return cur.rowcount

    def close(self) -> None:
        """Close the database."""
        self.db.close()
