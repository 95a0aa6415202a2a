"""The Ray cluster a run uses: the one at an address, or a local one started for the run."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .storage import ClusterError

ADDRESS_ENV = "RAY_ADDRESS"


def import_ray() -> Any:
    """The ray module, or a one-line ClusterError saying how to install it."""
    try:
        import ray
    except ImportError:
        raise ClusterError(
            "Ray is not installed: pip install 'searcher[cluster]' (Ray and pyarrow)"
        ) from None
    return ray


class RaySession:
    """Ray connected on first use: to `address` (or $RAY_ADDRESS), else a local instance with
    `workers` CPUs; a run with nothing to do never pays Ray's start-up. A connection made
    before (a test's, a notebook's) is used and left open."""

    def __init__(self, address: str | None = None, workers: int | None = None):
        self.address = address or os.environ.get(ADDRESS_ENV) or None
        if self.address and workers:
            raise ClusterError(
                "--workers sizes a local Ray instance; a cluster at --address has its own"
            )
        self.workers = workers
        self._ray: Any = None
        self._owned = False

    def get(self) -> Any:
        """The ray module, connected."""
        if self._ray is not None:
            return self._ray
        ray = import_ray()
        if not ray.is_initialized():
            self._connect(ray)
            self._owned = True
        self._ray = ray
        return ray

    def _connect(self, ray: Any) -> None:
        options: dict[str, Any] = dict(
            include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False
        )
        try:
            if self.address:
                ray.init(address=self.address, **options)
            else:
                ray.init(num_cpus=self.workers or os.cpu_count() or 1, **options)
        except (ConnectionError, ValueError, RuntimeError, TimeoutError) as exc:
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray instance"
            raise ClusterError(
                f"cannot start or reach {where}: {str(exc).strip().splitlines()[0]}"
            ) from None

    def run(
        self, calls: list[tuple[Callable, tuple]], on_result: Callable[[int, Any], None]
    ) -> None:
        """Each (function, args) as a Ray task of one CPU; `on_result(n, value)` as each finishes
        (the value is the RayError when the task's worker was lost after Ray's retries)."""
        if not calls:
            return
        ray = self.get()
        remote = {fn: ray.remote(num_cpus=1)(fn) for fn, _ in calls}
        pending = {remote[fn].remote(*args): n for n, (fn, args) in enumerate(calls)}
        while pending:
            ready, _ = ray.wait(list(pending), num_returns=1)
            first = set(ready)
            rest = [ref for ref in pending if ref not in first]
            if rest:  # whatever else is done too, without waiting
                ready += ray.wait(rest, num_returns=len(rest), timeout=0)[0]
            for ref in ready:
                try:
                    value = ray.get(ref)
                except ray.exceptions.RayError as exc:  # a worker lost (killed, out of memory)
                    value = exc
                on_result(pending.pop(ref), value)

    def close(self) -> None:
        """Disconnect (and stop the local instance) when this session connected."""
        if self._owned:
            self._ray.shutdown()
        self._ray, self._owned = None, False


class InProcess:
    """Runs the tasks one after the other in this process, without Ray (small collections, tests)."""

    def run(
        self, calls: list[tuple[Callable, tuple]], on_result: Callable[[int, Any], None]
    ) -> None:
        """Each (function, args) called in turn; `on_result(n, value)` after each."""
        for n, (fn, args) in enumerate(calls):
            on_result(n, fn(*args))


def require_extra() -> None:
    """A one-line ClusterError unless the cluster extra (Ray, pyarrow) is installed."""
    import_ray()
    try:
        import pyarrow  # noqa: F401 - only whether it imports
    except ImportError:
        raise ClusterError("pyarrow is not installed: pip install 'searcher[cluster]'") from None


@contextmanager
def ray_session(address: str | None = None, workers: int | None = None) -> Iterator[RaySession]:
    """A RaySession for the block, closed after it."""
    session = RaySession(address, workers)
    try:
        yield session
    finally:
        session.close()
