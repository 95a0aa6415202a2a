"""What a crawl did: one record per URL or file, and the totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

# Outcomes: a new page stored, a stored page replaced, a stored page confirmed
# unchanged (304 or same bytes), a URL left alone on purpose, a URL that failed,
# and a feed, sitemap or robots.txt read for the URLs it lists.
FETCHED = "fetched"
UPDATED = "updated"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
FAILED = "failed"
READ = "read"
OUTCOMES = (FETCHED, UPDATED, UNCHANGED, SKIPPED, FAILED, READ)


@dataclass(slots=True)
class CrawlResult:
    """The outcome for one URL, file or archive record."""

    url: str
    outcome: str
    reason: str | None = None
    key: str | None = None  # where the page is stored, relative to the corpus
    status: int | None = None
    final_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict."""
        return asdict(self)


@dataclass
class CrawlReport:
    """Every result of a crawl, plus its totals."""

    results: list[CrawlResult] = field(default_factory=list)
    elapsed: float = 0.0
    requests: int = 0
    interrupted: bool = False
    resumed: int = 0  # URLs left pending by an interrupted crawl and picked up by this one
    counts: Counter = field(default_factory=Counter)

    def add(self, result: CrawlResult) -> None:
        """Record one result."""
        self.results.append(result)
        self.counts[result.outcome] += 1

    @property
    def stored(self) -> list[CrawlResult]:
        """Results that wrote a page into the corpus."""
        return [r for r in self.results if r.outcome in (FETCHED, UPDATED)]

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (the shape `crawl --format json` prints)."""
        return {
            "counts": {name: self.counts.get(name, 0) for name in OUTCOMES},
            "requests": self.requests,
            "elapsed": round(self.elapsed, 3),
            "interrupted": self.interrupted,
            "resumed": self.resumed,
            "results": [r.to_dict() for r in self.results],
        }
