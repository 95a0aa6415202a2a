"""The manifest of a generation: size and checksum of every Whoosh file, recorded when written.

Whoosh reads what it finds: a truncated posting file gives wrong counts, a garbled one
zlib or unpickling errors mid-search, and a commit made by plain Whoosh (an `optimize`)
rewrites the segments without the vocabulary's document frequencies. searcher records
each file it wrote (`manifest.json`, replaced atomically after every commit), checks
the table of contents and the sizes whenever the index is opened (a few `stat` calls),
and the checksums on demand (`searcher stats --verify`, and before `searcher index`
writes into the generation). Any difference means the index is damaged.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import IndexCorrupt, IndexOutdated

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
# Whoosh's table of contents: the highest generation is the one it opens.
_TOC = re.compile(r"^_MAIN_([0-9]+)\.toc$")
_CHUNK = 1 << 20
# How long a reader waits for a running writer's manifest to follow its commit.
WRITER_WAIT = 10.0


def latest_toc(generation: Path) -> str | None:
    """The table of contents Whoosh opens in this folder (the highest numbered), or None."""
    best: tuple[int, str] | None = None
    for name in os.listdir(generation):
        match = _TOC.match(name)
        if match and (best is None or int(match.group(1)) > best[0]):
            best = (int(match.group(1)), name)
    return best[1] if best else None


def checksum(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _whoosh_files(generation: Path, toc: str) -> list[str]:
    """The table of contents and the files of the segments it lists."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    segments = TOC.read(FileStorage(str(generation)), "MAIN").segments
    prefixes = tuple(f"{segment.segment_id()}." for segment in segments)
    return [toc] + sorted(name for name in os.listdir(generation) if name.startswith(prefixes))


def write_manifest(generation: Path, verified: Manifest | None = None) -> None:
    """Record the size and checksum of every file of the generation's current Whoosh commit.

    Whoosh never rewrites a segment file, so the checksum of a file in `verified` (a
    manifest just checked against the files) is kept instead of reading the file again.
    """
    generation = Path(generation)
    toc = latest_toc(generation)
    if toc is None:
        raise _damaged(generation, f"{generation.name} has no table of contents")
    known = verified.files if verified is not None else {}
    # The table of contents is rewritten by every commit: its checksum is never kept.
    old_toc = verified.toc if verified is not None else None
    files = {}
    for name in _whoosh_files(generation, toc):
        size = (generation / name).stat().st_size
        entry = known.get(name)
        if entry is not None and entry["size"] == size and name != old_toc:
            digest = entry["sha256"]
        else:
            digest = checksum(generation / name)
        files[name] = {"size": size, "sha256": digest}
    data = {"version": MANIFEST_VERSION, "toc": toc, "files": files}
    tmp = generation / (MANIFEST_NAME + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, generation / MANIFEST_NAME)


@dataclass(frozen=True)
class Manifest:
    """What a generation's files were when searcher wrote them."""

    toc: str
    files: dict[str, dict]


def _damaged(generation: Path, why: str) -> IndexCorrupt:
    return IndexCorrupt(f"index {generation.parent} is damaged ({why}); run `searcher rebuild`")


def read_manifest(generation: Path) -> Manifest:
    """A generation's manifest, or IndexCorrupt when it is missing or unreadable."""
    path = Path(generation) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(toc=data["toc"], files=data["files"])
        if not isinstance(manifest.toc, str) or not isinstance(manifest.files, dict):
            raise TypeError
        for entry in manifest.files.values():
            int(entry["size"]), str(entry["sha256"])
    except FileNotFoundError:
        raise IndexOutdated(
            f"index {generation.parent} was built by an older searcher (no {MANIFEST_NAME} of its "
            "files to check them against); run `searcher rebuild`"
        ) from None
    except (OSError, ValueError, KeyError, TypeError):
        raise _damaged(generation, f"{generation.name}/{MANIFEST_NAME} is unreadable") from None
    return manifest


def _check_sizes_once(generation: Path) -> Manifest:
    manifest = read_manifest(generation)
    toc = latest_toc(generation)
    if toc != manifest.toc:
        raise _damaged(
            generation,
            f"its table of contents is {toc or 'missing'}, not the {manifest.toc} searcher "
            "wrote: something other than searcher changed it",
        )
    for name, entry in manifest.files.items():
        try:
            size = os.stat(generation / name).st_size
        except OSError:
            raise _damaged(generation, f"{generation.name}/{name} is missing") from None
        if size != entry["size"]:
            raise _damaged(
                generation, f"{generation.name}/{name} has {size:,} bytes, not {entry['size']:,}"
            )
    return manifest


def check_sizes(generation: Path, wait: float = WRITER_WAIT) -> Manifest:
    """IndexCorrupt unless the generation's table of contents and file sizes are as recorded (cheap).

    While another process holds the write lock, a difference may be its commit whose
    manifest is about to follow: that is waited for (up to `wait` seconds), not reported.
    """
    from .locks import active_writer

    generation = Path(generation)
    deadline = time.monotonic() + wait
    while True:
        try:
            return _check_sizes_once(generation)
        except IndexCorrupt:
            if time.monotonic() >= deadline or active_writer(generation.parent) is None:
                raise
        time.sleep(0.05)


def verify(generation: Path) -> Manifest:
    """The manifest, or IndexCorrupt unless every file has its recorded size and checksum (reads them all)."""
    generation = Path(generation)
    manifest = check_sizes(generation)
    for name, entry in manifest.files.items():
        try:
            actual = checksum(generation / name)
        except OSError as exc:
            raise _damaged(generation, f"{generation.name}/{name}: {exc.strerror or exc}") from None
        if actual != entry["sha256"]:
            raise _damaged(generation, f"{generation.name}/{name} does not match its checksum")
    return manifest
