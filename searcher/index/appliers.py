"""Where the articles of an indexing run go: ids, duplicates and clusters, then a writer."""

from __future__ import annotations

import hashlib
from collections import deque
from typing import Protocol

from ..article import Article
from .clusters import ClusterFinder, signature
from .report import IndexReport
from .seen import SeenArticles
from .state import ArticleRow, GenerationState
from .writers import BulkWriter, UpdateWriter


class Applier(Protocol):
    """What an indexing run hands its articles to."""

    report: IndexReport
    state: GenerationState

    def put(self, article: Article, owner: str | None) -> str:
        """Index an article (or note it as a duplicate); returns the id it is indexed under."""
        ...

    def flush_rows(self) -> None:
        """Write the pending article rows."""
        ...


def fingerprint(article: Article) -> str:
    """A hash of an article's title and body text: equal for the same text under another URL."""
    text = (article.title or "").strip() + "\n" + " ".join((article.body or "").split())
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class LiveApplier:
    """Applies articles to the live generation and its state: ids, duplicates, clusters."""

    def __init__(self, writer: UpdateWriter, state: GenerationState, report: IndexReport):
        self.writer = writer
        self.state = state
        self.report = report
        self.articles: dict[str, ArticleRow] = {r.id: r for r in state.articles()}
        self.by_fingerprint = {(r.outlet, r.fingerprint): r.id for r in self.articles.values()}
        self.finder = ClusterFinder()
        self._finder_loaded = False
        self.live_pages: set[str] = set()
        self.new_rows: list[ArticleRow] = []

    def _ensure_finder(self) -> None:
        if not self._finder_loaded:
            self.finder.load((r.id, r.signature, r.cluster) for r in self.articles.values())
            self._finder_loaded = True

    def put(self, article: Article, owner: str | None) -> str:
        """Index an article (or note it as a duplicate); returns the id it is indexed under."""
        aid = article.id
        existing = self.articles.get(aid)
        if (
            existing
            and owner is not None
            and existing.owner not in (owner, None)
            and existing.owner in self.live_pages
        ):
            self.report.duplicates += 1
            return aid
        fp = fingerprint(article)
        twin = self.by_fingerprint.get((article.outlet, fp))
        if twin and twin != aid and twin in self.articles:
            self.report.duplicates += 1
            return twin
        self._ensure_finder()
        sig = signature(article.body)
        cluster = self.finder.assign(aid, sig)
        if cluster != aid:
            self.report.clustered += 1
        # Replace even when new: after a crash the index may be ahead of the state.
        self.writer.replace(article, cluster)
        if existing:
            self.report.updated += 1
            self.by_fingerprint.pop((existing.outlet, existing.fingerprint), None)
        else:
            self.report.added += 1
        row = ArticleRow(aid, owner, fp, article.outlet, sig, cluster)
        self.articles[aid] = row
        self.by_fingerprint[(article.outlet, fp)] = aid
        self.new_rows.append(row)
        if len(self.new_rows) >= 2048:
            self.flush_rows()
        return aid

    def remove(self, article_id: str) -> None:
        """Delete an article's document."""
        row = self.articles.pop(article_id, None)
        if row is None:
            return
        self.writer.delete(article_id)
        self.finder.remove(article_id)
        self.by_fingerprint.pop((row.outlet, row.fingerprint), None)
        self.state.delete_articles([article_id])
        self.report.removed += 1

    def settle(self, moves: dict[str, str | None]) -> None:
        """Give each article whose page went to the other page that produces it, else delete it."""
        for aid, owner in sorted(moves.items()):
            if owner is not None:
                self.transfer(aid, owner)
            else:
                self.remove(aid)

    def transfer(self, article_id: str, owner: str) -> None:
        """Give an article to another page that produced it too."""
        row = self.articles.get(article_id)
        if row is not None:
            row.owner = owner
            self.new_rows.append(row)

    def flush_rows(self) -> None:
        """Write pending article rows."""
        self.state.put_articles(self.new_rows)
        self.new_rows = []


class BulkApplier:
    """Applies the articles of a new generation: ids and duplicates here, while analysis,
    signatures and clusters happen in the BulkWriter.

    Nothing here grows with the corpus: the ids and texts taken are kept in SQLite
    (seen.py), and an article's row goes to the state as soon as the writer has
    assigned its cluster (a few chunks later).
    """

    def __init__(self, writer: BulkWriter, state: GenerationState, report: IndexReport):
        self.writer = writer
        self.state = state
        self.report = report
        self.seen = SeenArticles(writer.temp_file("seen.sqlite"))
        # Rows of the queued articles whose clusters are not assigned yet, in writer order.
        self.pending: deque[tuple[str, str | None, str, str | None]] = deque()
        writer.on_assigned = self._write_rows

    def put(self, article: Article, owner: str | None) -> str:
        """Queue an article for the new index (or note it as a duplicate); returns its id."""
        aid = article.id
        fp = fingerprint(article)
        repeated = self.seen.take(aid, article.outlet, fp)
        if repeated is not None:
            self.report.duplicates += 1
            return repeated
        # Queued before the writer takes it: in one process the writer may assign its
        # cluster (and ask for its row) before add() returns.
        self.pending.append((aid, owner, fp, article.outlet))
        self.writer.add(article)
        self.report.added += 1
        return aid

    def flush_rows(self) -> None:
        """Nothing to do: rows are written as the writer assigns clusters."""

    def _write_rows(self, signatures: list[bytes], clusters: list[str]) -> None:
        """Write the rows of the next queued articles, now that their clusters are known."""
        take = self.pending.popleft
        rows = [
            ArticleRow(aid, owner, fp, outlet, sig, cluster)
            for (aid, owner, fp, outlet), sig, cluster in zip(
                [take() for _ in signatures], signatures, clusters, strict=True
            )
        ]
        self.state.put_articles(rows)
        self.report.clustered += sum(1 for row in rows if row.cluster != row.id)

    def commit(self) -> None:
        """Write the index (the last article rows are written on the way)."""
        try:
            self.writer.commit()
        finally:
            self.seen.close()
