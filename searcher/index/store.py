"""The index folder: generations of Whoosh indexes and a pointer to the live one.

Layout of an index folder (``indexes/default/``)::

    CURRENT             name of the live generation; replaced atomically (os.replace)
    gen-<stamp>-<pid>/  one complete Whoosh index + meta.json + state.sqlite
    records.sqlite      normalized records cache (content hash + normalizer version)
    write.lock          the writer lock (see locks.py)

A rebuild writes a new generation beside the live one and then replaces CURRENT, so
there is never a moment without a complete index; readers open whatever CURRENT names.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IndexCorrupt, IndexLocked, IndexNotFound, IndexOutdated, IndexUnwritable
from .schema import SCHEMA_VERSION

CURRENT_NAME = "CURRENT"
META_NAME = "meta.json"
STATE_NAME = "state.sqlite"
RECORDS_NAME = "records.sqlite"
GENERATION_PREFIX = "gen-"
_GENERATION_RE = re.compile(r"^gen-[0-9]{8}T[0-9]{6}-[0-9]+(?:-[0-9]+)?$")
# Files an index folder may hold without being an index yet.
# collections.json: named sets of outlets the user keeps beside the index (search/collections.py).
_HARMLESS = {
    "README.md",
    "write.lock",
    RECORDS_NAME,
    RECORDS_NAME + "-journal",
    RECORDS_NAME + "-wal",
    RECORDS_NAME + "-shm",
    ".gitkeep",
    "collections.json",
}


def current_generation(root: Path) -> Path | None:
    """The live generation's folder, or None when the folder has no CURRENT pointer."""
    pointer = root / CURRENT_NAME
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexCorrupt(f"cannot read {pointer}: {exc.strerror or exc}") from None
    if not _GENERATION_RE.match(name):
        raise IndexCorrupt(
            f"index {root} is damaged: {CURRENT_NAME} does not name a generation; run `searcher rebuild`"
        )
    return root / name


def new_generation(root: Path) -> Path:
    """A fresh, empty generation folder beside the live one (not yet published)."""
    root.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    base = f"{GENERATION_PREFIX}{stamp}-{os.getpid()}"
    path = root / base
    n = 1
    while path.exists():
        path = root / f"{base}-{n}"
        n += 1
    path.mkdir()
    return path


def write_meta(generation: Path, **extra: Any) -> None:
    """Record the schema version (and build facts) of a generation."""
    meta = {
        "schema_version": SCHEMA_VERSION,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    meta.update(extra)
    tmp = generation / (META_NAME + ".tmp")
    tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    os.replace(tmp, generation / META_NAME)


def read_meta(generation: Path) -> dict[str, Any]:
    """A generation's meta.json, or IndexCorrupt."""
    try:
        data = json.loads((generation / META_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise IndexCorrupt(
            f"index {generation.parent} is damaged (no readable {META_NAME} in {generation.name}); run `searcher rebuild`"
        ) from None
    if not isinstance(data, dict):
        raise IndexCorrupt(
            f"index {generation.parent} is damaged ({META_NAME}); run `searcher rebuild`"
        )
    return data


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(root: Path, generation: Path) -> None:
    """Make a complete generation the live one, atomically."""
    _fsync_dir(generation)
    tmp = root / (CURRENT_NAME + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(generation.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, root / CURRENT_NAME)
    _fsync_dir(root)


def prune(root: Path, keep: int = 2) -> list[str]:
    """Remove old and abandoned generations, keeping the live one and the newest others.

    Call only while holding the write lock: an unpublished generation of a running
    rebuild would otherwise look abandoned. The previous generation is kept so that
    a reader that opened it just before a swap can finish its work.
    """
    live = current_generation(root)
    gens = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(GENERATION_PREFIX))
    complete = [p for p in gens if (p / META_NAME).exists() and p != live]
    keep_names = {live.name} if live else set()
    keep_names.update(p.name for p in complete[-(keep - 1) :] if keep > 1)
    removed = []
    for path in gens:
        if path.name not in keep_names:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def check_writable_target(root: Path) -> None:
    """IndexUnwritable when `root` is someone else's folder (files, but no index), so nothing is written there."""
    root = Path(root)
    if not root.is_dir() or (root / CURRENT_NAME).exists():
        return
    others = sorted(
        name
        for name in (p.name for p in root.iterdir())
        if name not in _HARMLESS
        and not name.startswith(".")  # .DS_Store and the like
        and not name.startswith(
            (GENERATION_PREFIX, RECORDS_NAME, "_MAIN_", "MAIN_")
        )  # ours, or a first-layout index
    )
    if others:
        raise IndexUnwritable(
            f"{root} is not a searcher index and holds other files ({others[0]}, …): "
            "give --index a new or empty folder, or an existing index"
        )


def check_generation(root: Path) -> tuple[Path, dict[str, Any]]:
    """The live generation and its meta, or the error saying why the index cannot be opened."""
    root = Path(root)
    if not root.exists():
        raise IndexNotFound(f"no index at {root}; run `searcher index` to build it")
    if not root.is_dir():
        raise IndexCorrupt(f"index path {root} is not a folder")
    generation = current_generation(root)
    if generation is None:
        from .locks import active_writer

        builder = active_writer(root)
        if builder is not None:
            raise IndexLocked(
                f"index {root} is being built by {builder.describe()}; "
                "try again when it has finished"
            )
        names = {p.name for p in root.iterdir() if not p.name.startswith(".")}
        if any(n.startswith("_MAIN_") and n.endswith(".toc") for n in names):
            raise IndexOutdated(
                f"index {root} was built with schema v1; this searcher needs v{SCHEMA_VERSION}; run `searcher rebuild`"
            )
        if names <= _HARMLESS or all(
            n.startswith(GENERATION_PREFIX) or n in _HARMLESS for n in names
        ):
            raise IndexNotFound(f"no index at {root}; run `searcher index` to build it")
        if not any(n.startswith(GENERATION_PREFIX) for n in names):
            # Someone else's folder (the corpus, documents): `rebuild` would write an index into it.
            raise IndexCorrupt(
                f"{root} is not a searcher index (other files, no {CURRENT_NAME}): "
                "point --index at an index folder, or at a new or empty one to build an index there"
            )
        raise IndexCorrupt(
            f"{root} is not a searcher index (no {CURRENT_NAME} file); run `searcher rebuild`"
        )
    if not generation.is_dir():
        raise IndexCorrupt(
            f"index {root} is damaged: generation {generation.name} is missing; run `searcher rebuild`"
        )
    meta = read_meta(generation)
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        raise IndexOutdated(
            f"index {root} was built with schema v{version}; this searcher needs v{SCHEMA_VERSION}; run `searcher rebuild`"
        )
    return generation, meta


@dataclass
class ArticleIndex:
    """An open searcher index: the live generation's Whoosh index plus its facts."""

    path: Path
    generation: Path
    meta: dict[str, Any]
    whoosh: Any = field(repr=False)  # whoosh.index.FileIndex

    @property
    def schema(self):
        """The Whoosh schema of this index."""
        return self.whoosh.schema

    def searcher(self, **kwargs: Any):
        """A Whoosh searcher on this generation (close it, or use it as a context manager)."""
        return self.whoosh.searcher(**kwargs)

    def reader(self):
        """A Whoosh reader on this generation."""
        return self.whoosh.reader()

    def doc_count(self) -> int:
        """Number of indexed articles."""
        return self.whoosh.doc_count()

    def is_current(self) -> bool:
        """False once a rebuild has swapped in a newer generation (reopen with open_index)."""
        try:
            return current_generation(self.path) == self.generation
        except IndexCorrupt:
            return False

    def check(self) -> None:
        """IndexCorrupt unless the generation's files have the sizes searcher recorded (cheap)."""
        from .manifest import check_sizes

        check_sizes(self.generation)

    def verify(self):
        """The generation's Manifest; IndexCorrupt unless every Whoosh file matches its checksum and the
        state database passes SQLite's own check (reads them all)."""
        import sqlite3

        from .manifest import verify

        manifest = verify(self.generation)
        state = (self.generation / STATE_NAME).resolve()
        try:
            db = sqlite3.connect(state.as_uri() + "?mode=ro", uri=True)
            try:
                problems = [row[0] for row in db.execute("PRAGMA quick_check")]
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            raise IndexCorrupt(
                f"index {self.path} is damaged ({self.generation.name}/{STATE_NAME}: "
                f"{problems[0] if problems else 'unreadable'}); run `searcher rebuild`"
            )
        return manifest

    def close(self) -> None:
        """Release the Whoosh index."""
        self.whoosh.close()

    def __enter__(self) -> ArticleIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_index(path: str | os.PathLike) -> ArticleIndex:
    """Open the live generation of an index folder for reading.

    Raises IndexNotFound (nothing there), IndexCorrupt (unreadable) or IndexOutdated
    (built with another schema version: run `searcher rebuild`).
    """
    from whoosh import index as whoosh_index

    from .manifest import check_sizes

    root = Path(path)
    generation, meta = check_generation(root)
    check_sizes(generation)
    try:
        ix = whoosh_index.open_dir(str(generation))
        # Opening a reader reads every segment's headers: damage shows here, not mid-search.
        ix.reader().close()
    except Exception as exc:  # whoosh raises many kinds on damaged files
        raise IndexCorrupt(
            f"index {root} is damaged ({type(exc).__name__}); run `searcher rebuild`"
        ) from None
    return ArticleIndex(path=root, generation=generation, meta=meta, whoosh=ix)
