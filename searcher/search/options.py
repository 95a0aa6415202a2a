"""Checks of the analyses' own options: a number in its range, whether any filter is set."""

from __future__ import annotations

from ..errors import QueryError
from ..messages import Param


def number_in(value, name: str, low: float, high: float, kind: type = int):
    """`value` as an int (or `kind`) from low to high, or QueryError naming the option."""
    what = "a whole number" if kind is int else "a number"
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise QueryError(Param(name), f" must be {what} from {low} to {high}") from None
    if not low <= number <= high:
        raise QueryError(Param(name), f" must be {what} from {low} to {high}")
    return number


def has_filter(filters: dict) -> bool:
    """True when some filter is set."""
    return any(v not in (None, "", [], ()) for v in filters.values())
