"""The crawl's memory between runs: which URLs are stored where, feed/sitemap validators, the frontier.

It lives in `<corpus>/.crawl/state.sqlite` and is derived data: when it is missing it is
rebuilt from the pages' sidecars, so the corpus stays the source of truth. SQLite keeps
memory bounded on long crawls and makes an interrupted crawl resumable.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..corpus import iter_pages
from ..errors import CrawlError
from .urls import host_of, normalize_url

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,          -- every spelling of a stored page: requested, final, canonical
    key TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    url TEXT PRIMARY KEY,          -- feeds and sitemaps, re-read with conditional requests
    kind TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT
);
CREATE TABLE IF NOT EXISTS frontier (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    kind TEXT NOT NULL,            -- seed, page, sitemap, robots
    depth INTEGER NOT NULL DEFAULT 0,   -- link levels still to follow from this page
    site TEXT,                     -- the seed's site, for staying on it
    origin_url TEXT,               -- the URL first asked for, when this one is a redirect target
    hops INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS refused (
    url TEXT PRIMARY KEY,          -- URLs that will not become pages (404, 410, not HTML, redirect loops)
    reason TEXT NOT NULL,
    at TEXT
);
CREATE INDEX IF NOT EXISTS frontier_host_queue ON frontier (host, done, id);
CREATE TABLE IF NOT EXISTS parked (
    seeds TEXT NOT NULL,           -- the seeds of the interrupted crawl these URLs were queued by
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    depth INTEGER NOT NULL DEFAULT 0,
    site TEXT,
    origin_url TEXT,
    hops INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (seeds, url)
);
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,         -- frontier_seeds: the seeds the frontier's pending URLs belong to;
                                   -- rebuilt: the URL map was rebuilt from the sidecars
    value TEXT
);
"""

_QUEUE_COLUMNS = "url, kind, depth, site, origin_url, hops"

# Frontier kinds: a seed URL (page, feed or sitemap, told by its content), a page found
# by a link, feed or sitemap, a sitemap named by an index or robots.txt, a robots.txt seed.
SEED, PAGE, SITEMAP, ROBOTS_TXT = "seed", "page", "sitemap", "robots"
# What a response can turn out to be, besides a page, a sitemap or a robots.txt.
FEED = "feed"


def _open(path: Path) -> tuple[sqlite3.Connection, bool]:
    fresh = not path.exists()
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db, fresh


def _lock_corpus(path: Path):
    """Hold an exclusive lock on the corpus's crawl state, or fail when another crawl has it."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, SQLite still serialises writes
        return None
    handle = open(path, "a+")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise CrawlError(
            f"another crawl is running on this corpus ({path.parent.parent}); wait for it to finish"
        ) from None
    return handle


@dataclass
class FrontierItem:
    """A URL waiting to be fetched."""

    id: int
    url: str
    host: str
    kind: str
    depth: int = 0
    site: str | None = None
    origin_url: str | None = None
    hops: int = 0

    @property
    def requested(self) -> str:
        """The URL first asked for: the redirect's origin for a redirect target, else the URL."""
        return self.origin_url or self.url


class CrawlState:
    """The SQLite state of a corpus's crawls (used from one thread)."""

    def __init__(self, state_dir: Path, corpus_root: Path):
        state_dir.mkdir(parents=True, exist_ok=True)
        self._lock = _lock_corpus(state_dir / "lock")
        path = state_dir / "state.sqlite"
        try:
            self.db, fresh = _open(path)
        except sqlite3.DatabaseError:
            # Derived data: a damaged state file is set aside and rebuilt from the sidecars.
            for suffix in ("", "-wal", "-shm"):
                damaged = path.with_name(path.name + suffix)
                if damaged.exists():
                    damaged.replace(damaged.with_name(damaged.name + ".damaged"))
            self.db, fresh = _open(path)
        try:
            # Marked in the rebuild's own transaction: a rebuild cut short is done again next time.
            if fresh or self._setting("rebuilt") is None:
                self.rebuild(corpus_root)
                self.db.execute(
                    "INSERT OR REPLACE INTO settings (name, value) VALUES ('rebuilt', '1')"
                )
            self.db.commit()
        except BaseException:
            self.db.close()  # what was not committed is rolled back
            if self._lock is not None:
                self._lock.close()
            raise
        self._hosts: set[str] = set()
        self._pending = 0

    def close(self) -> None:
        """Commit, close and let other crawls use the corpus."""
        try:
            self.db.commit()
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.close()

    def commit(self) -> None:
        """Make the changes so far durable."""
        self.db.commit()

    def rebuild(self, corpus_root: Path) -> int:
        """Fill the URL map from the sidecars of the pages already in the corpus."""
        count = 0
        if not corpus_root.is_dir():
            return 0
        for page in iter_pages(corpus_root):
            for name in ("url", "final_url", "canonical_url"):
                url = normalize_url(page.meta.get(name) or "")
                if url:
                    self.db.execute(
                        "INSERT OR IGNORE INTO pages (url, key) VALUES (?, ?)", (url, page.key)
                    )
                    count += 1
        return count

    # Stored pages
    def key_for(self, url: str) -> str | None:
        """The corpus key of the page stored for this URL, if any."""
        row = self.db.execute("SELECT key FROM pages WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def remember(self, key: str, *urls: str | None) -> None:
        """Map URLs to a stored page."""
        for url in {u for u in urls if u}:
            self.db.execute("INSERT OR REPLACE INTO pages (url, key) VALUES (?, ?)", (url, key))

    def forget(self, url: str) -> None:
        """Drop a URL whose page is no longer on disk."""
        self.db.execute("DELETE FROM pages WHERE url = ?", (url,))

    # Feeds and sitemaps
    def document(self, url: str) -> tuple[str, str | None, str | None] | None:
        """(kind, etag, last_modified) of a feed or sitemap read before."""
        row = self.db.execute(
            "SELECT kind, etag, last_modified FROM documents WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def remember_document(
        self, url: str, kind: str, etag: str | None, last_modified: str | None, fetched_at: str
    ) -> None:
        """Keep a feed's or sitemap's validators for the next conditional request."""
        self.db.execute(
            "INSERT OR REPLACE INTO documents (url, kind, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?, ?)",
            (url, kind, etag, last_modified, fetched_at),
        )

    # URLs not worth asking for again (until --refresh)
    def refused(self, url: str) -> str | None:
        """Why an earlier crawl gave up on this URL for good, if it did."""
        row = self.db.execute("SELECT reason FROM refused WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def refuse(self, url: str, reason: str, at: str) -> None:
        """Remember that a URL answered with a permanent refusal."""
        self.db.execute(
            "INSERT OR REPLACE INTO refused (url, reason, at) VALUES (?, ?, ?)", (url, reason, at)
        )

    def unrefuse(self, url: str) -> None:
        """Forget a refusal (the URL turned out fine)."""
        self.db.execute("DELETE FROM refused WHERE url = ?", (url,))

    # Frontier
    # The hosts with pending URLs and their number are kept in memory (one entry per host,
    # not per URL), so picking the next URL is an index lookup even on a long frontier.
    def start_run(self, seeds: str | None, resume: bool = False) -> tuple[int, int]:
        """Set up the frontier for a crawl of `seeds` (a key naming them): (URLs resumed, URLs left waiting).

        What an interrupted crawl left queued is resumed when this crawl has the same seeds, or
        when asked (`resume`); otherwise it is parked, untouched, for a later crawl that does.
        """
        self.db.execute("DELETE FROM frontier WHERE done = 1")
        previous = self._setting("frontier_seeds")
        seeds = previous or "" if seeds is None else seeds  # resuming without seeds of its own
        if (
            previous != seeds
            and not resume
            and self.db.execute("SELECT 1 FROM frontier LIMIT 1").fetchone()
        ):
            self.db.execute(
                f"INSERT OR IGNORE INTO parked (seeds, {_QUEUE_COLUMNS}) "
                f"SELECT ?, {_QUEUE_COLUMNS} FROM frontier",
                (previous or "",),
            )
            self.db.execute("DELETE FROM frontier")
        which = "" if resume else " WHERE seeds = ?"
        args = () if resume else (seeds,)
        for row in self.db.execute(f"SELECT {_QUEUE_COLUMNS} FROM parked{which}", args).fetchall():
            self.db.execute(
                f"INSERT OR IGNORE INTO frontier (host, {_QUEUE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (host_of(row[0]), *row),
            )
        self.db.execute(f"DELETE FROM parked{which}", args)
        self.db.execute(
            "INSERT OR REPLACE INTO settings (name, value) VALUES ('frontier_seeds', ?)", (seeds,)
        )
        self.db.commit()
        self._hosts = {row[0] for row in self.db.execute("SELECT DISTINCT host FROM frontier")}
        self._pending = self.db.execute("SELECT COUNT(*) FROM frontier").fetchone()[0]
        return self._pending, self.waiting_count()

    def waiting_count(self) -> int:
        """URLs queued by interrupted crawls of other seeds, waiting for `--resume`."""
        return self.db.execute("SELECT COUNT(*) FROM parked").fetchone()[0]

    def forget_queues(self) -> int:
        """Drop every URL still queued, pending or parked; how many there were."""
        dropped = self.db.execute("DELETE FROM frontier WHERE done = 0").rowcount
        dropped += self.db.execute("DELETE FROM parked").rowcount
        self.db.execute("DELETE FROM frontier")
        self.db.commit()
        self._hosts, self._pending = set(), 0
        return dropped

    def _setting(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def enqueue(
        self,
        url: str,
        kind: str,
        depth: int = 0,
        site: str | None = None,
        origin_url: str | None = None,
        hops: int = 0,
    ) -> bool:
        """Add a URL to the frontier; False when this run has already seen it."""
        host = host_of(url)
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO frontier (url, host, kind, depth, site, origin_url, hops) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (url, host, kind, depth, site, origin_url, hops),
        )
        if cursor.rowcount > 0:
            self._hosts.add(host)
            self._pending += 1
            return True
        return False

    def requeue_seed(self, url: str, kind: str, depth: int, site: str | None) -> None:
        """Make sure a seed is pending, even if an earlier run left it in the frontier."""
        if not self.enqueue(url, kind, depth, site):
            cursor = self.db.execute(
                "UPDATE frontier SET kind = ?, depth = MAX(depth, ?), site = ? WHERE url = ?",
                (kind, depth, site, url),
            )
            if (
                cursor.rowcount
                and self.db.execute("SELECT done FROM frontier WHERE url = ?", (url,)).fetchone()[0]
            ):
                self.db.execute("UPDATE frontier SET done = 0 WHERE url = ?", (url,))
                self._hosts.add(host_of(url))
                self._pending += 1

    def next_pending(self, exclude_hosts: set[str]) -> FrontierItem | None:
        """The oldest pending URL on a host not in exclude_hosts."""
        best = None
        for host in list(self._hosts - exclude_hosts):
            row = self.db.execute(
                "SELECT id, url, host, kind, depth, site, origin_url, hops FROM frontier"
                " WHERE host = ? AND done = 0 ORDER BY id LIMIT 1",
                (host,),
            ).fetchone()
            if row is None:
                self._hosts.discard(host)
            elif best is None or row[0] < best[0]:
                best = row
        return FrontierItem(*best) if best else None

    def pending_hosts(self) -> set[str]:
        """Hosts with URLs still to fetch."""
        for host in list(self._hosts):
            if (
                self.db.execute(
                    "SELECT 1 FROM frontier WHERE host = ? AND done = 0 LIMIT 1", (host,)
                ).fetchone()
                is None
            ):
                self._hosts.discard(host)
        return set(self._hosts)

    def pending_count(self) -> int:
        """URLs still to fetch."""
        return self._pending

    def mark_done(self, item_id: int) -> None:
        """A frontier URL has been dealt with."""
        cursor = self.db.execute(
            "UPDATE frontier SET done = 1 WHERE id = ? AND done = 0", (item_id,)
        )
        self._pending -= cursor.rowcount
