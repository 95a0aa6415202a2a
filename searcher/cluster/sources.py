"""What `cluster normalize` reads: corpus folders cut into chunks, WARC files, manifests of them.

Each source becomes work units, one Ray task each. A unit's key is a hash of what it
reads (pages' or file's size and mtime) and of the normalizer's version, so a re-run
finds the units already done, and a changed page or normalizer makes its unit run again.
"""

from __future__ import annotations

import gzip
import hashlib
import posixpath
import zlib
from dataclasses import dataclass, field

from ..corpus import CorpusPage, iter_pages
from .storage import ClusterError, Location, is_uri, local_path

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# A corpus chunk ends after a page whose key hashes to 0 modulo the chunk size
# (content-defined chunking): a page added or removed changes its own chunk only.
MAX_CHUNK_FACTOR = 4


@dataclass
class Unit:
    """One task's input: a chunk of a corpus folder's pages, or one WARC file."""

    kind: str  # "corpus" or "warc"
    uri: str  # the corpus folder or the WARC file
    key: str = ""
    pages: list[CorpusPage] = field(default_factory=list)
    size: int = 0  # the WARC file's bytes (a corpus chunk's are its pages' sizes)

    @property
    def weight(self) -> int:
        """Bytes to read: how long the unit's task will take, roughly."""
        return sum(p.size for p in self.pages) if self.kind == "corpus" else self.size

    @property
    def label(self) -> str:
        """How messages name the unit."""
        if self.kind == "corpus" and self.pages:
            return f"{self.uri} ({self.pages[0].key} … {self.pages[-1].key})"
        return self.uri


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


def _corpus_units(root: str, chunk_pages: int, version: str) -> list[Unit]:
    pages = list(iter_pages(root))  # type: ignore[arg-type]  # iter_pages takes a str path too
    units: list[Unit] = []
    chunk: list[CorpusPage] = []
    for page in pages:
        chunk.append(page)
        boundary = int(_digest(page.key), 16) % chunk_pages == 0
        if boundary or len(chunk) >= chunk_pages * MAX_CHUNK_FACTOR:
            units.append(Unit("corpus", root, pages=chunk))
            chunk = []
    if chunk:
        units.append(Unit("corpus", root, pages=chunk))
    for unit in units:
        stamp = [(p.key, p.size, p.mtime_ns) for p in unit.pages]
        unit.key = _digest("corpus", root, stamp, version)
    return units


def _warc_unit(where: Location, version: str) -> Unit:
    info = where.fs.get_file_info(where.path)
    stamp = (info.size, info.mtime_ns)
    return Unit("warc", where.uri, key=_digest("warc", where.uri, stamp, version), size=info.size)


def _manifest_entries(where: Location) -> list[str]:
    data = where.read_bytes()
    if data.startswith(b"\x1f\x8b"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            raise ClusterError(f"cannot read manifest {where.uri}: not a valid gzip file") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ClusterError(
            f"cannot read manifest {where.uri}: not a text file (a manifest lists one WARC "
            "file or corpus folder a line)"
        ) from None
    base = where.uri.rsplit("/", 1)[0] if "/" in where.uri else "."
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        # Entries are relative to the manifest's folder unless absolute or URIs.
        entries.append(line if is_uri(line) or line.startswith("/") else posixpath.join(base, line))
    return entries


def expand(
    sources: list[str], chunk_pages: int, version: str, *, _from: str | None = None
) -> list[Unit]:
    """The work units of the sources, in order; a ClusterError for one that cannot be used."""
    units: list[Unit] = []
    for source in sources:
        where = Location(source)
        kind = where.kind()
        named = f"{source} (listed in {_from})" if _from else source
        if kind == "missing":
            raise ClusterError(f"source not found: {named}")
        if kind == "file" and source.lower().endswith(WARC_SUFFIXES):
            units.append(_warc_unit(where, version))
        elif kind == "file":
            if _from:
                raise ClusterError(f"{named}: a manifest lists WARC files and corpus folders only")
            units += expand(_manifest_entries(where), chunk_pages, version, _from=source)
        else:
            units += _folder_units(where, named, chunk_pages, version)
    return units


def _folder_units(where: Location, named: str, chunk_pages: int, version: str) -> list[Unit]:
    """A corpus folder's chunks, or the WARC files of a folder that holds no pages."""
    local = local_path(where.uri)  # absolute (see Location)
    if local is not None:
        units = _corpus_units(local, chunk_pages, version)
        if units:
            return units
    warcs = [f for f in where.files() if f.uri.lower().endswith(WARC_SUFFIXES)]
    if warcs:
        return [_warc_unit(f, version) for f in warcs]
    if local is None:
        raise ClusterError(
            f"{named}: a corpus folder must be on a local or shared filesystem of every node; "
            "on object storage, give WARC files or a manifest"
        )
    raise ClusterError(f"no pages or WARC files in {named}")
