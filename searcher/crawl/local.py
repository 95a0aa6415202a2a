"""Local files and folders (.html, .htm, .txt, .md) copied into the corpus."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..corpus import is_page_file
from .fetch import human_size, utc_now
from .report import FETCHED, SKIPPED, UNCHANGED, UPDATED, CrawlResult
from .store import Store, page_meta, safe_segment, same_bytes

LOCAL_FOLDER = "local"  # corpus/local/<folder name>/<path inside it>

CONTENT_TYPES = {".txt": "text/plain", ".md": "text/markdown"}


def iter_local_files(path: Path) -> Iterator[Path]:
    """The page files of a folder (recursively, sorted, hidden ones left out), or the file itself."""
    if path.is_file():
        yield path
        return
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if is_page_file(name):
                yield Path(dirpath) / name


def local_key(source: Path, seed: Path) -> str:
    """Where a local file goes in the corpus: local/<seed folder name>/<relative path>."""
    if seed.is_file():
        parts = [source.name]
    else:
        parts = [seed.name or "root"] + list(source.relative_to(seed).parts)
    return "/".join(
        [LOCAL_FOLDER] + [safe_segment(p) for p in parts[:-1]] + [_file_name(parts[-1])]
    )


def _file_name(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{safe_segment(stem)}.{ext.lower()}" if dot and stem else safe_segment(name)


def copy_file(store: Store, source: Path, seed: Path, max_size: int | None = None) -> CrawlResult:
    """Copy one local page into the corpus, unless the same bytes are already there or it is too large."""
    source = source.resolve()
    label = str(source)
    if max_size is not None and source.stat().st_size > max_size:
        return CrawlResult(
            label,
            SKIPPED,
            f"too large: {human_size(source.stat().st_size)} (limit {human_size(max_size)})",
        )
    try:
        source.relative_to(store.root.resolve())
        return CrawlResult(label, SKIPPED, "already inside the corpus folder")
    except ValueError:
        pass
    key = store.free_key(local_key(source, seed), str(source), identity_field="source_path")
    target = store.root / key
    existed = target.is_file()
    if existed and same_bytes(source, target):
        return CrawlResult(label, UNCHANGED, "same file already in corpus", key=key)
    fd, tmp = tempfile.mkstemp(dir=store.tmp_dir, prefix="copy-", suffix=".part")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        size = os.path.getsize(tmp)
        meta = page_meta(
            url=None,
            final_url=None,
            fetched_at=utc_now(),
            status=None,
            content_type=CONTENT_TYPES.get(source.suffix.lower(), "text/html"),
            size=size,
            source="file",
            source_path=str(source),
        )
        meta["sha1"] = _sha1(Path(tmp))
        store.save(key, Path(tmp), meta)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return CrawlResult(label, UPDATED if existed else FETCHED, None, key=key)


def _sha1(path: Path) -> str:
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
