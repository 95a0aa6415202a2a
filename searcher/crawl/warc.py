"""WARC archives: read the response records of a WARC (gzipped or not); write what a crawl fetched."""

from __future__ import annotations

import gzip
import tempfile
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from ..errors import CrawlError
from .fetch import FetchResult, human_size, media_type, utc_now
from .urls import normalize_url

# Headers that describe the transfer, not the stored payload (which is decoded).
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}


@dataclass
class WarcRecord:
    """A response record read from a WARC: the URL, when, and the HTTP response it holds."""

    url: str | None
    result: FetchResult | None  # body in a temporary file; None when the record was skipped
    reason: str | None = None  # why it was skipped


def read_warc(path: Path, tmp_dir: Path, accept: frozenset[str], max_size: int) -> Iterator[WarcRecord]:
    """The response records of a WARC file, each with its payload (decoded) in a temporary file."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise CrawlError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        if not _looks_like_warc(handle):
            raise CrawlError(f"{path} is not a readable WARC file: it does not start with a WARC or ARC record")
        try:
            for record in ArchiveIterator(handle, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                raw_url = record.rec_headers.get_header("WARC-Target-URI") or ""
                url = normalize_url(raw_url.strip("<>"))
                if url is None:
                    yield WarcRecord(raw_url or None, None, "not an http(s) URL")
                    continue
                headers = record.http_headers
                try:
                    status = int((headers.get_statuscode() or "0"))
                except ValueError:
                    status = 0
                content_type = headers.get_header("Content-Type")
                if status != 200:
                    yield WarcRecord(url, None, f"archived response is HTTP {status}")
                    continue
                kind = media_type(content_type)
                if kind and kind not in accept:
                    yield WarcRecord(url, None, f"not a page: content type {kind}")
                    continue
                body, size = _spool(record.content_stream(), tmp_dir, max_size)
                if body is None:
                    yield WarcRecord(url, None, f"too large: more than {human_size(max_size)}")
                    continue
                result = FetchResult(
                    url=url,
                    final_url=url,
                    status=status,
                    fetched_at=record.rec_headers.get_header("WARC-Date") or utc_now(),
                    content_type=content_type,
                    etag=headers.get_header("ETag"),
                    last_modified=headers.get_header("Last-Modified"),
                    path=body,
                    size=size,
                )
                yield WarcRecord(url, result)
        except ArchiveLoadFailed as exc:
            raise CrawlError(f"{path} is not a readable WARC file: {str(exc).splitlines()[0]}") from None


def _looks_like_warc(handle) -> bool:
    """True when the file starts like a WARC or ARC file (gzipped or not); rewinds the file."""
    head = handle.read(64)
    handle.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=handle) as unzipped:
                head = unzipped.read(16)
        except (OSError, EOFError, zlib.error):
            return False
        finally:
            handle.seek(0)
    return head.startswith((b"WARC/", b"filedesc://"))


def _spool(stream, tmp_dir: Path, max_size: int) -> tuple[Path | None, int]:
    """Copy a record's payload to a temporary file, giving up past max_size."""
    handle = tempfile.NamedTemporaryFile(dir=tmp_dir, prefix="warc-", suffix=".part", delete=False)
    path = Path(handle.name)
    size = 0
    with handle:
        while True:
            chunk = stream.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > max_size:
                break
            handle.write(chunk)
    if size > max_size:
        path.unlink(missing_ok=True)
        return None, size
    return path, size


class WarcWriter:
    """Appends the responses a crawl fetched to a gzipped WARC file; safe to share between threads."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "ab")
        except OSError as exc:
            raise CrawlError(f"cannot write the WARC file {self.path}: {exc.strerror or exc}") from None
        self._writer = WARCWriter(self._handle, gzip=not self.path.name.lower().endswith(".warc"))
        self._lock = threading.Lock()
        self.records = 0
        info = self._writer.create_warcinfo_record(
            self.path.name, {"software": f"searcher/{__version__}", "format": "WARC File Format 1.1"}
        )
        self._writer.write_record(info)

    def write(self, result: FetchResult) -> None:
        """Write one response record: the HTTP status line, headers and the (decoded) body."""
        if result.path is None:
            return
        headers = [(k, v) for k, v in result.headers if k.lower() not in _TRANSFER_HEADERS]
        headers.append(("Content-Length", str(result.size)))
        if not any(k.lower() == "content-type" for k, _ in headers) and result.content_type:
            headers.append(("Content-Type", result.content_type))
        status_line = f"{result.status} {result.reason_phrase or 'OK'}"
        http_headers = StatusAndHeaders(status_line, headers, protocol=result.http_version or "HTTP/1.1")
        with self._lock, open(result.path, "rb") as payload:
            record = self._writer.create_warc_record(
                result.final_url,
                "response",
                payload=payload,
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": _warc_date(result.fetched_at)},
            )
            self._writer.write_record(record)
            self.records += 1

    def close(self) -> None:
        """Flush and close the file."""
        with self._lock:
            self._handle.close()


def _warc_date(fetched_at: str) -> str:
    """WARC-Date wants second precision with a Z."""
    return fetched_at.replace("+00:00", "Z")
