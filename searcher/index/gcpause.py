"""A pause of Python's cycle collector while bulk indexing builds millions of small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc() -> Iterator[None]:
    """Run a block with the cycle collector off (restored after)."""
    # Postings are millions of small acyclic objects: the cycle collector would scan
    # them again and again while they pile up, for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
