"""What a generation holds, beside its Whoosh files: indexed pages and articles.

``state.sqlite`` in each generation maps corpus pages (size, mtime, content digest)
to the article they produced, and each indexed article to its owning page, content
fingerprint, near-duplicate signature and cluster. `searcher index` compares the
corpus with it to find new, changed and deleted pages.

It is committed right after the Whoosh commit; if a process dies between the two, the
state lags behind the index and the next run redoes those pages (every write is
idempotent: documents are replaced by id).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import IndexCorrupt


@dataclass
class PageRow:
    """A corpus page as last indexed."""

    key: str
    size: int
    mtime_ns: int
    digest: str
    article_id: str | None
    kind: str


@dataclass
class ArticleRow:
    """An indexed article: which page owns it, its fingerprint, signature and cluster."""

    id: str
    owner: str | None
    fingerprint: str
    outlet: str | None
    signature: bytes
    cluster: str


class GenerationState:
    """The state database of one generation."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(str(self.path), timeout=30)
        try:
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(
                """
                CREATE TABLE IF NOT EXISTS pages (
                    key TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, digest TEXT,
                    article_id TEXT, kind TEXT);
                CREATE TABLE IF NOT EXISTS articles (
                    id TEXT PRIMARY KEY, owner TEXT, fingerprint TEXT, outlet TEXT,
                    signature BLOB, cluster TEXT);
                """
            )
        except sqlite3.DatabaseError as exc:
            self.db.close()
            index = self.path.parent.parent
            raise IndexCorrupt(
                f"index {index} is damaged ({self.path.parent.name}/{self.path.name}: {exc}); run `searcher rebuild`"
            ) from None

    def pages(self) -> dict[str, PageRow]:
        """Every page row, by key."""
        return {row[0]: PageRow(*row) for row in self.db.execute("SELECT * FROM pages")}

    def articles(self) -> Iterator[ArticleRow]:
        """Every article row."""
        for row in self.db.execute("SELECT * FROM articles"):
            yield ArticleRow(*row)

    def put_pages(self, rows: Iterable[PageRow]) -> None:
        """Insert or replace page rows."""
        self.db.executemany(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?)",
            ((r.key, r.size, r.mtime_ns, r.digest, r.article_id, r.kind) for r in rows),
        )

    def delete_pages(self, keys: Iterable[str]) -> None:
        """Forget pages."""
        self.db.executemany("DELETE FROM pages WHERE key = ?", ((k,) for k in keys))

    def put_articles(self, rows: Iterable[ArticleRow]) -> None:
        """Insert or replace article rows."""
        self.db.executemany(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
            ((r.id, r.owner, r.fingerprint, r.outlet, r.signature, r.cluster) for r in rows),
        )

    def delete_articles(self, ids: Iterable[str]) -> None:
        """Forget articles."""
        self.db.executemany("DELETE FROM articles WHERE id = ?", ((i,) for i in ids))

    def commit(self) -> None:
        """Make the changes durable."""
        self.db.commit()

    def close(self) -> None:
        """Close the database."""
        self.db.close()
