"""Data derived from one index generation (vocabulary, name lists, facet columns), built once and shared."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class GenerationCache:
    """Values keyed by name for one index generation; a new generation starts empty."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._generation: Any = None
        self._values: dict[str, Any] = {}
        self._building: dict[str, threading.Lock] = {}

    def get(self, generation: Any, name: str, build: Callable[[], Any]) -> Any:
        """The cached value, built by `build()` once per generation even with many threads."""
        with self._lock:
            if generation != self._generation:
                self._generation = generation
                self._values = {}
                self._building = {}
            if name in self._values:
                return self._values[name]
            lock = self._building.setdefault(name, threading.Lock())
        with lock:
            with self._lock:
                if generation == self._generation and name in self._values:
                    return self._values[name]
            value = build()
            with self._lock:
                if generation == self._generation:
                    self._values[name] = value
            return value
