"""The ids and texts a bulk build has taken, kept in SQLite so memory does not grow with the corpus."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class SeenArticles:
    """Which article ids and (outlet, text fingerprint) pairs a build has indexed already."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._db = sqlite3.connect(":memory:" if path is None else str(path), isolation_level=None)
        self._db.executescript(
            """
            PRAGMA journal_mode=OFF;
            PRAGMA synchronous=OFF;
            PRAGMA cache_size=-16384;
            CREATE TABLE ids (id TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE prints (key TEXT PRIMARY KEY, id TEXT) WITHOUT ROWID;
            BEGIN;
            """
        )

    def take(self, article_id: str, outlet: str | None, fingerprint: str) -> str | None:
        """None when the article is new (it is taken now); else the id of the article it repeats:
        its own id when that was taken, or the id of the same text from the same outlet."""
        db = self._db
        if db.execute("INSERT OR IGNORE INTO ids VALUES (?)", (article_id,)).rowcount == 0:
            return article_id
        # None and "" are different outlets: the key keeps them apart.
        key = ("\0" if outlet is None else "=" + outlet + "\0") + fingerprint
        if db.execute("INSERT OR IGNORE INTO prints VALUES (?, ?)", (key, article_id)).rowcount:
            return None
        db.execute("DELETE FROM ids WHERE id = ?", (article_id,))
        return db.execute("SELECT id FROM prints WHERE key = ?", (key,)).fetchone()[0]

    def close(self) -> None:
        """Close the table."""
        self._db.close()
