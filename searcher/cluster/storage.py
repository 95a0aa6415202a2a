"""Paths on any filesystem pyarrow reads and writes: local folders, file://, s3://, gs://..."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from typing import Any

from ..errors import SearcherError


class ClusterError(SearcherError):
    """A cluster run cannot start or go on: a missing source, an unusable output, no Ray."""


def _fs_module() -> Any:
    try:
        import pyarrow.fs as pafs
    except ImportError:
        raise ClusterError("pyarrow is not installed: pip install 'searcher[cluster]'") from None
    return pafs


def is_uri(location: str) -> bool:
    """True for 'scheme://…' (a filesystem URI), false for a plain local path."""
    return "://" in location


def local_path(location: str) -> str | None:
    """The local path a location names (a plain path or file://…), else None."""
    if location.startswith("file://"):
        return location[len("file://") :] or "/"
    return None if is_uri(location) else location


@dataclass(frozen=True)
class Location:
    """A filesystem and a path on it; picklable, so Ray tasks receive it as it is."""

    uri: str

    def __post_init__(self) -> None:
        # A local path is made absolute here: Ray workers do not run in the driver's folder.
        local = local_path(self.uri)
        if local is not None:
            import os

            object.__setattr__(self, "uri", os.path.abspath(local))

    @property
    def fs(self) -> Any:
        """The pyarrow filesystem holding the path."""
        return self._resolve()[0]

    @property
    def path(self) -> str:
        """The path on that filesystem."""
        return self._resolve()[1]

    def _resolve(self) -> tuple[Any, str]:
        pafs = _fs_module()
        local = local_path(self.uri)
        if local is not None:
            return pafs.LocalFileSystem(), local
        try:
            return pafs.FileSystem.from_uri(self.uri)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad URI
            raise ClusterError(f"cannot use {self.uri}: {_first_line(exc)}") from None

    def child(self, *names: str) -> Location:
        """A location below this one."""
        return Location(posixpath.join(self.uri.rstrip("/"), *names))

    @property
    def name(self) -> str:
        """The last part of the path."""
        return posixpath.basename(self.uri.rstrip("/"))

    def kind(self) -> str:
        """'file', 'dir' or 'missing'."""
        pafs = _fs_module()
        try:
            info = self.fs.get_file_info(self.path)
        except Exception as exc:  # noqa: BLE001 - network filesystems fail in their own ways
            raise ClusterError(f"cannot read {self.uri}: {_first_line(exc)}") from None
        if info.type == pafs.FileType.File:
            return "file"
        if info.type == pafs.FileType.Directory:
            return "dir"
        return "missing"

    def files(self, suffix: str = "") -> list[Location]:
        """The files directly in this folder ending with `suffix`, sorted by name."""
        pafs = _fs_module()
        if self.kind() != "dir":
            return []
        infos = self.fs.get_file_info(pafs.FileSelector(self.path, recursive=False))
        names = sorted(
            posixpath.basename(i.path)
            for i in infos
            if i.type == pafs.FileType.File and i.path.endswith(suffix)
        )
        return [self.child(name) for name in names]

    def read_bytes(self) -> bytes:
        """The whole file."""
        try:
            with self.fs.open_input_stream(self.path) as handle:
                return handle.read()
        except Exception as exc:  # noqa: BLE001 - one line for any filesystem's failure
            raise ClusterError(f"cannot read {self.uri}: {_first_line(exc)}") from None

    def write_bytes(self, data: bytes) -> None:
        """Write the file whole: to a temporary name moved into place, so a reader never sees half."""
        fs, path = self._resolve()
        fs.create_dir(posixpath.dirname(path), recursive=True)
        partial = path + ".partial"
        with fs.open_output_stream(partial) as handle:
            handle.write(data)
        fs.move(partial, path)

    def read_json(self) -> Any:
        """The file parsed as JSON."""
        try:
            return json.loads(self.read_bytes())
        except ValueError as exc:
            raise ClusterError(f"{self.uri} is not valid JSON: {exc}") from None

    def write_json(self, data: Any) -> None:
        """The value written as indented JSON."""
        self.write_bytes(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")

    def remove(self) -> None:
        """Delete the file (nothing when it is gone already)."""
        fs, path = self._resolve()
        try:
            fs.delete_file(path)
        except FileNotFoundError:
            pass

    def remove_dir(self) -> None:
        """Delete the folder and everything below it (nothing when it is gone already)."""
        fs, path = self._resolve()
        try:
            fs.delete_dir(path)
        except FileNotFoundError:
            pass

    def make_dir(self) -> None:
        """Create the folder (and its parents), or say in one line why it cannot be."""
        fs, path = self._resolve()
        try:
            fs.create_dir(path, recursive=True)
        except Exception as exc:  # noqa: BLE001 - one line for any filesystem's failure
            raise ClusterError(f"cannot create {self.uri}: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0].strip()
