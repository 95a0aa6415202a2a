"""Writing pages into the corpus: `<host>/<path>.html` plus a `.meta.json` sidecar, atomically."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..corpus import META_SUFFIX, read_meta
from ..errors import CrawlError
from .fetch import media_type

# Path extensions that say "a web page" and are replaced by the stored suffix.
_PAGE_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
_UNSAFE = re.compile(r"[^\w.,=+@-]+", re.UNICODE)
MAX_SEGMENT = 80  # characters; keeps file names well under 255 bytes even in UTF-8

STATE_DIR = ".crawl"  # below the corpus root; dot-folders are not pages (see corpus.iter_pages)


def suffix_for(content_type: str | None) -> str:
    """The file suffix a page of this content type is stored with."""
    kind = media_type(content_type)
    if kind == "text/plain":
        return ".txt"
    if kind in ("text/markdown", "text/x-markdown"):
        return ".md"
    return ".html"


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def safe_segment(segment: str) -> str:
    """A URL path segment as a readable, safe file name part."""
    text = unicodedata.normalize("NFC", unquote(segment))
    text = _UNSAFE.sub("-", text).strip("-.") or "_"
    if len(text) > MAX_SEGMENT:
        text = text[: MAX_SEGMENT - 9].rstrip("-.") + "-" + _short_hash(segment)
    return text


def host_folder(url: str) -> str:
    """The folder for a URL's host: 'www.example.org', or 'localhost_8080' with a port."""
    parts = urlsplit(url)
    host = (parts.hostname or "unknown").strip("[]").replace(":", "-")
    if "xn--" in host:  # a person looks for the name as it is written, not its punycode
        try:
            host = host.encode("ascii").decode("idna")
        except UnicodeError:
            pass
    return f"{host}_{parts.port}" if parts.port else host


def page_key(url: str, content_type: str | None = None) -> str:
    """Where a URL's page goes, relative to the corpus: host folder, then the URL path."""
    parts = urlsplit(url)
    raw = [s for s in parts.path.split("/") if s]
    segments = [safe_segment(s) for s in raw]
    if not segments or parts.path.endswith("/"):
        segments.append("index")
    name = segments[-1]
    lower = name.lower()
    for ext in _PAGE_EXTENSIONS:
        if lower.endswith(ext) and len(name) > len(ext):
            name = name[: -len(ext)]
            break
    if parts.query:
        query = safe_segment(parts.query)
        name = (
            f"{name}~{query[:40]}"
            if len(query) <= 40
            else f"{name}~{query[:31]}-{_short_hash(parts.query)}"
        )
    segments[-1] = name + suffix_for(content_type)
    return "/".join([host_folder(url)] + segments)


def sidecar_path(page: Path) -> Path:
    """The metadata file beside a page."""
    return page.with_name(page.name + META_SUFFIX)


def _file_mode() -> int:
    """The mode a plainly created file gets: 0666 less the umask (read once, at import, before any thread)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


# Temporary files are created 0600; what the corpus keeps gets the user's usual mode.
FILE_MODE = _file_mode()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def move_atomic(source: Path, path: Path) -> None:
    """Move a finished download into place atomically (copying across file systems)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(source, FILE_MODE)
    try:
        os.replace(source, path)
        return
    except OSError as exc:
        if exc.errno != 18:  # EXDEV: source and target on different file systems
            raise
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
        os.unlink(source)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def same_bytes(a: Path, b: Path) -> bool:
    """True when two files hold the same bytes."""
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                ca, cb = fa.read(1 << 16), fb.read(1 << 16)
                if ca != cb:
                    return False
                if not ca:
                    return True
    except OSError:
        return False


class Store:
    """The corpus folder as the crawler writes it."""

    def __init__(self, root: Path):
        self.root = Path(root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.state_dir.mkdir(exist_ok=True)
            self.tmp_dir.mkdir(exist_ok=True)
        except OSError as exc:
            raise CrawlError(
                f"cannot create the corpus folder {self.root}: {exc.strerror or exc}"
            ) from None
        if not os.access(self.root, os.W_OK):
            raise CrawlError(f"corpus folder is not writable: {self.root}")

    @property
    def state_dir(self) -> Path:
        """Where the crawl keeps its state (not part of the corpus proper)."""
        return self.root / STATE_DIR

    @property
    def tmp_dir(self) -> Path:
        """Where downloads are written before they are moved into place."""
        return self.state_dir / "tmp"

    def exists(self, key: str) -> bool:
        """True when a page is stored under this key."""
        return (self.root / key).is_file()

    def meta(self, key: str) -> dict[str, Any]:
        """The sidecar of a stored page."""
        return read_meta(self.root / key)

    def free_key(self, key: str, identity: str, identity_field: str = "url") -> str:
        """The key itself, or a variant of it when another page (another URL or file) already has it."""
        candidate = key
        for _ in range(2):
            path = self.root / candidate
            if not path.exists() and not sidecar_path(path).exists() and self._parents_ok(path):
                return candidate
            # Our own earlier copy (or its sidecar, if a crash came between the two writes).
            if read_meta(path).get(identity_field) == identity and not path.is_dir():
                return candidate
            stem, dot, ext = key.rpartition(".")
            candidate = (
                f"{stem}~{_short_hash(identity)}.{ext}" if dot else f"{key}~{_short_hash(identity)}"
            )
        # Still taken (a folder where a file should go, say): a flat name in the host folder.
        host = key.split("/", 1)[0]
        return f"{host}/_/{_short_hash(identity)}{Path(key).suffix}"

    def _parents_ok(self, path: Path) -> bool:
        """False when a file stands where one of the page's folders must go."""
        for parent in path.relative_to(self.root).parents:
            full = self.root / parent
            if full.exists() and not full.is_dir():
                return False
        return True

    def save(self, key: str, body: Path, meta: dict[str, Any]) -> Path:
        """Move a downloaded body into the corpus under key and write its sidecar; returns the page path."""
        path = self.root / key
        # Sidecar first: a page without its sidecar would not be recognised as ours later.
        self.write_meta(key, meta)
        move_atomic(body, path)
        return path

    def write_meta(self, key: str, meta: dict[str, Any]) -> None:
        """Write the sidecar of a stored page."""
        data = json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        write_atomic(sidecar_path(self.root / key), data.encode("utf-8"))


def page_meta(
    *,
    url: str | None,
    final_url: str | None,
    fetched_at: str,
    status: int | None,
    content_type: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
    canonical_url: str | None = None,
    redirects: list[str] | None = None,
    size: int | None = None,
    source: str = "http",
    source_path: str | None = None,
) -> dict[str, Any]:
    """The sidecar of a page: corpus.py's documented fields first, then the crawler's extras."""
    meta: dict[str, Any] = {
        "url": url,
        "final_url": final_url,
        "fetched_at": fetched_at,
        "status": status,
        "content_type": content_type,
        "etag": etag,
        "last_modified": last_modified,
    }
    if canonical_url:
        meta["canonical_url"] = canonical_url
    if redirects:
        meta["redirects"] = redirects
    if size is not None:
        meta["size"] = size
    meta["source"] = source
    if source_path:
        meta["source_path"] = source_path
    return meta
