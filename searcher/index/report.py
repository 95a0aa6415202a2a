"""What an indexing run did, and the progress events it reports on the way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class PageFailure:
    """A page that could not be indexed, and why."""

    page: str
    reason: str


class RunReport:
    """A run's report (a dataclass with an `elapsed` time), as JSON-ready values."""

    elapsed: float

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict."""
        data = asdict(self)  # type: ignore[call-overload]  # subclasses are dataclasses
        data["elapsed"] = round(self.elapsed, 3)
        return data


@dataclass
class IndexReport(RunReport):
    """The outcome of `update`, `rebuild` or `index_articles`."""

    index: str = ""
    generation: str = ""
    rebuilt: bool = False
    added: int = 0
    updated: int = 0
    removed: int = 0
    skipped: int = 0
    not_articles: int = 0
    duplicates: int = 0
    normalized: int = 0
    clustered: int = 0
    failed: list[PageFailure] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def indexed(self) -> int:
        """Articles written to the index in this run."""
        return self.added + self.updated


@dataclass
class ProgressEvent:
    """Progress of one phase: `done` of `total` items (total None when unknown)."""

    phase: str
    done: int
    total: int | None = None


ProgressFn = Callable[[ProgressEvent], None]
