"""The boundary of the index layer: callers get searcher's own errors, never Whoosh's or zlib's.

Whoosh reports a query it cannot run with its own QueryError, and a damaged file
with whatever its decoder raises (zlib.error, UnpicklingError, struct.error, a
TypeError from a short read). Any other exception out of a read is checked against
the index: when the generation's files no longer match their checksums, the answer
is IndexCorrupt ("run `searcher rebuild`"); otherwise it is a bug and is raised as is.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import QueryError, SearcherError


def translate(exc: Exception, check_files: Callable[[], Any]) -> Exception | None:
    """The searcher error `exc` stands for, or None when it stands for none (a bug)."""
    from whoosh.query.qcore import QueryError as WhooshQueryError

    if isinstance(exc, WhooshQueryError):
        return QueryError(f"this query cannot be run: {exc}")
    try:
        check_files()
    except SearcherError as damage:
        return damage
    return None


@contextmanager
def damage_checked(check_files: Callable[[], Any]) -> Iterator[None]:
    """Reads inside raise searcher errors: Whoosh's QueryError, or IndexCorrupt when `check_files` finds damage."""
    try:
        yield
    except SearcherError:
        raise
    except Exception as exc:
        error = translate(exc, check_files)
        if error is None:
            raise
        raise error from None


def _guard(func: Callable) -> Callable:
    if inspect.isgeneratorfunction(func):

        @functools.wraps(func)
        def generator(self, *args: Any, **kwargs: Any):
            with damage_checked(self._check_files):
                yield from func(self, *args, **kwargs)

        return generator

    @functools.wraps(func)
    def method(self, *args: Any, **kwargs: Any):
        with damage_checked(self._check_files):
            return func(self, *args, **kwargs)

    return method


def guarded(cls: type) -> type:
    """Every public method of `cls` damage_checked by the instance's `_check_files()`."""
    for name, value in list(vars(cls).items()):
        if not name.startswith("_") and inspect.isfunction(value):
            setattr(cls, name, _guard(value))
    return cls
