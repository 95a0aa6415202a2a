"""The index's write lock: one writer at a time, a clear message naming the holder.

The lock is an OS file lock (flock) on ``<index>/write.lock``, so the kernel releases
it when its holder dies, even by kill -9: a stale lock never blocks. The file also
records who holds it (pid, host, command, since) so a waiting writer can say who.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import IndexLocked, IndexUnwritable

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # no flock there: the lock file's presence is the lock

LOCK_NAME = "write.lock"
DEFAULT_WAIT = 5.0


@dataclass
class LockHolder:
    """Who holds (or last held) the write lock."""

    pid: int | None = None
    host: str | None = None
    command: str | None = None
    since: str | None = None

    def describe(self) -> str:
        """A short phrase naming the holder."""
        if self.pid is None:
            return "an unknown process"
        parts = [f"pid {self.pid}"]
        if self.host:
            parts.append(f"on {self.host}")
        text = " ".join(parts)
        if self.command:
            text += f" ({self.command})"
        if self.since:
            text += f" since {self.since}"
        return text


def read_holder(path: Path) -> LockHolder:
    """The holder recorded in a lock file (empty when unreadable)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return LockHolder()
    if not isinstance(data, dict):
        return LockHolder()
    return LockHolder(data.get("pid"), data.get("host"), data.get("command"), data.get("since"))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def active_writer(root: str | os.PathLike) -> LockHolder | None:
    """Who holds the index's write lock right now (another process), or None when nobody does."""
    path = Path(root) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    holder: LockHolder | None
    try:
        if fcntl is None:  # pragma: no cover - Windows: the lock file exists while held
            holder = read_holder(path)
            alive = holder.pid is not None and _pid_alive(holder.pid)
        else:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                holder, alive = read_holder(path), True
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
                holder, alive = None, False
    finally:
        os.close(fd)
    if not alive or holder is None or holder.pid == os.getpid():
        return None
    return holder


class WriteLock:
    """An exclusive, process-wide write lock on an index folder (a context manager)."""

    def __init__(
        self, root: str | os.PathLike, wait: float = DEFAULT_WAIT, command: str | None = None
    ):
        self.root = Path(root)
        self.path = self.root / LOCK_NAME
        self.wait = wait
        self.command = (
            command
            or " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))[:200]
        )
        self._fd: int | None = None

    def acquire(self) -> WriteLock:
        """Take the lock, waiting up to `wait` seconds, else raise IndexLocked naming the holder."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            acquired = self._try_acquire()
        except OSError as exc:
            raise IndexUnwritable(
                f"cannot write the index folder {self.root}: {exc.strerror or exc}"
            ) from None
        deadline = time.monotonic() + self.wait
        while True:
            if acquired or self._try_acquire():
                self._record_holder()
                return self
            if time.monotonic() >= deadline:
                holder = read_holder(self.path)
                raise IndexLocked(
                    f"index {self.root} is being written by {holder.describe()}; "
                    "try again when it has finished"
                )
            time.sleep(0.1)

    def _try_acquire(self) -> bool:
        if fcntl is not None:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
            self._fd = fd
            return True
        # Without flock: an exclusive create, taking over a lock whose holder is dead.
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = read_holder(self.path)
            if holder.host == _host() and holder.pid and not _pid_alive(holder.pid):
                try:
                    os.remove(self.path)
                except OSError:
                    pass
            return False
        self._fd = fd
        return True

    def _record_holder(self) -> None:
        fd = self._fd
        if fd is None:  # not held: there is no holder to record
            return
        info = {
            "pid": os.getpid(),
            "host": _host(),
            "command": self.command,
            "since": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        data = json.dumps(info).encode("utf-8")
        os.ftruncate(fd, 0)
        os.pwrite(fd, data, 0)

    def release(self) -> None:
        """Give the lock up."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            else:  # pragma: no cover - Windows
                os.close(self._fd)
                self._fd = None
                os.remove(self.path)
                return
        finally:
            if self._fd is not None:
                os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WriteLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _host() -> str:
    """This machine's name (socket imported here: searches read the lock but never take it)."""
    import socket

    return socket.gethostname()
