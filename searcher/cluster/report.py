"""What a cluster run did: the reports of `cluster normalize` and `cluster index`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..index import PageFailure
from ..index.report import RunReport


@dataclass
class UnitOutcome:
    """What one work unit gave: counts, and the pages that failed."""

    pages: int = 0
    articles: int = 0
    not_articles: int = 0
    not_pages: int = 0
    failed: list[PageFailure] = field(default_factory=list)
    # The unit's record ids in row order, sent back with the counts so that the run's
    # deduplication needs no second read of the file (not kept in its metadata).
    ids: list[str] = field(default_factory=list, repr=False)

    def to_meta(self) -> dict[str, Any]:
        """The outcome as JSON-ready values (kept in the unit's Parquet file)."""
        meta = asdict(self)
        del meta["ids"]
        return meta

    @classmethod
    def from_meta(cls, data: dict[str, Any]) -> UnitOutcome:
        """The outcome kept in a unit's file."""
        failed = [PageFailure(**f) for f in data.get("failed", [])]
        pages, articles, not_articles, not_pages = (
            int(data.get(k, 0)) for k in ("pages", "articles", "not_articles", "not_pages")
        )
        return cls(pages, articles, not_articles, not_pages, failed)


@dataclass
class NormalizeReport(RunReport):
    """The outcome of `normalize_sources`."""

    out: str = ""
    units: int = 0
    units_skipped: int = 0
    pages: int = 0
    normalized: int = 0
    articles: int = 0
    not_articles: int = 0
    not_pages: int = 0
    duplicates: int = 0
    records: int = 0
    parts: int = 0
    failed: list[PageFailure] = field(default_factory=list)
    elapsed: float = 0.0

    def add(self, outcome: UnitOutcome, fresh: bool) -> None:
        """Count a unit's outcome (`fresh`: normalized in this run, not found done)."""
        self.pages += outcome.pages
        self.normalized += outcome.pages if fresh else 0
        self.articles += outcome.articles
        self.not_articles += outcome.not_articles
        self.not_pages += outcome.not_pages
        self.failed += outcome.failed


@dataclass
class ShardsReport(RunReport):
    """The outcome of `build_shards`."""

    out: str = ""
    shards: int = 0
    records: int = 0
    articles: int = 0
    duplicates: int = 0
    clustered: int = 0
    per_shard: list[int] = field(default_factory=list)
    elapsed: float = 0.0
