"""What a crawl did: one record per URL or file, and the totals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
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
    waiting: int = (
        0  # URLs interrupted crawls of other seeds left queued, not taken up (see resume)
    )
    counts: Counter = field(default_factory=Counter)
    # Called with each result as it comes; with keep_results False the results are only
    # passed on, not kept, so a long crawl's memory does not grow with its length.
    on_result: Callable[[CrawlResult], None] | None = field(default=None, repr=False, compare=False)
    keep_results: bool = True

    def add(self, result: CrawlResult) -> None:
        """Record one result."""
        if self.keep_results:
            self.results.append(result)
        self.counts[result.outcome] += 1
        if self.on_result is not None:
            self.on_result(result)

    @property
    def stored(self) -> list[CrawlResult]:
        """Results that wrote a page into the corpus."""
        return [r for r in self.results if r.outcome in (FETCHED, UPDATED)]

    def totals(self) -> dict[str, Any]:
        """Everything but the results, JSON-ready."""
        return {
            "counts": {name: self.counts.get(name, 0) for name in OUTCOMES},
            "requests": self.requests,
            "elapsed": round(self.elapsed, 3),
            "interrupted": self.interrupted,
            "resumed": self.resumed,
            "waiting": self.waiting,
        }

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (the shape `crawl --format json` prints)."""
        return {"results": [r.to_dict() for r in self.results], **self.totals()}
