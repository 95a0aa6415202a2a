"""The corpus on disk: raw pages as fetched, each with an optional metadata sidecar.

Layout: any ``.html``, ``.htm``, ``.txt`` or ``.md`` file below the corpus folder is a
page. A sidecar ``<page>.meta.json`` beside it, when present, records how it was
fetched (url, final_url, fetched_at, status, content_type, etag, last_modified).
The crawler writes ``<host>/<path>.html`` plus its sidecar; hand-made corpora may be
any folder of files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any

from .errors import CorpusError

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".md")
META_SUFFIX = ".meta.json"
# Files that document a corpus rather than belong to it.
IGNORED_NAMES = {"readme.md", "readme.txt", "expected.jsonl", "license.txt"}


@dataclass
class CorpusPage:
    """One stored page: where it is, how it was fetched, and its bytes on demand."""

    root: Path
    key: str  # path relative to the corpus root, with forward slashes
    meta: dict[str, Any] = field(default_factory=dict)
    size: int = 0
    mtime_ns: int = 0

    @property
    def path(self) -> Path:
        """The page's file on disk."""
        return self.root / self.key

    @property
    def url(self) -> str | None:
        """The URL the page was fetched from (after redirects), when known."""
        return self.meta.get("final_url") or self.meta.get("url")

    def read(self) -> bytes:
        """The page's raw bytes."""
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise CorpusError(f"cannot read {self.path}: {exc.strerror or exc}") from exc


def is_page_file(name: str) -> bool:
    """True for a file name the corpus treats as a page."""
    lower = name.lower()
    return (
        not lower.startswith(".") and lower not in IGNORED_NAMES and lower.endswith(PAGE_SUFFIXES)
    )


def content_type_for(name: str) -> str | None:
    """The content type a page's file name implies when no sidecar says: text for .txt/.md."""
    lower = name.lower()
    if lower.endswith(".md"):
        return "text/markdown"
    if lower.endswith(".txt"):
        return "text/plain"
    return None


def read_meta(page_path: Path) -> dict[str, Any]:
    """The sidecar metadata of a page, or an empty dict when it has none or it is unreadable."""
    sidecar = page_path.with_name(page_path.name + META_SUFFIX)
    try:
        with open(sidecar, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    # A hand-edited or damaged sidecar must not break normalization: text fields must be text.
    return {k: v for k, v in data.items() if k not in _TEXT_META or v is None or isinstance(v, str)}


_TEXT_META = frozenset(
    (
        "url",
        "final_url",
        "canonical_url",
        "content_type",
        "fetched_at",
        "etag",
        "last_modified",
        "source",
        "source_path",
    )
)


def check_corpus(root: Path) -> Path:
    """The corpus root, or a CorpusError saying why it cannot be used."""
    if not root.exists():
        raise CorpusError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise CorpusError(f"corpus path is not a folder: {root}")
    if not os.access(root, os.R_OK | os.X_OK):
        raise CorpusError(f"corpus folder is not readable: {root}")
    return root


def iter_pages(root: Path) -> Iterator[CorpusPage]:
    """Every page below the corpus root, in a stable (sorted) order."""
    root = check_corpus(Path(root))
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not is_page_file(name):
                continue
            full = Path(dirpath) / name
            try:
                stat = full.stat()
            except OSError:
                continue
            if not S_ISREG(stat.st_mode):
                continue  # a named pipe or a device would block or never end when read
            yield CorpusPage(
                root=root,
                key=full.relative_to(root).as_posix(),
                meta=read_meta(full),
                size=stat.st_size,
                mtime_ns=stat.st_mtime_ns,
            )
