"""Filters: the documents allowed by names, collections, languages and dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from .. import fields as table
from ..messages import Message, Param
from ..textfold import fold
from .collections import collection_outlets
from .columns import NO_DAY
from .dates import DateBounds, date_bounds
from .docsets import term_docs
from .languages import language_code
from .session import Reading

# Name filters (author, outlet, source, speaker, tag): option -> the exact-value field it reads.
NAME_FILTERS: dict[str, str] = {
    name: row.exact for name, row in table.FILTERS.items() if row.exact is not None
}
LANG_FIELD = "lang"
COLLECTION = "collection"
# Every filter a search may set (the date range's two ends among them).
FILTER_OPTIONS: tuple[str, ...] = (*table.OPTIONS, COLLECTION)
OUTLET_FIELD = table.field("outlet").exact or "outlet_exact"
# A filter resolving to more names than this lists the first ones and counts the rest.
SHOWN_NAMES = 10


def as_list(value: Any) -> list[str]:
    """A filter's value as a list of its non-blank names (one name, or several)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value if str(v).strip()]


def allowed_docs(reading: Reading, filters: Mapping[str, Any], notes: list[Any]) -> set[int] | None:
    """Documents allowed by the filters (option -> value(s); since/until among them), or None when none is set."""
    sets: list[set[int]] = []
    for option in NAME_FILTERS:
        names = as_list(filters.get(option))
        if names:
            # A list of names means any of them.
            sets.append(set().union(*(_name_docs(reading, option, one, notes) for one in names)))
    collections = as_list(filters.get(COLLECTION))
    if collections:
        # Several collections mean their outlets together, as several names of a filter do.
        sets.append(set().union(*(_collection_docs(reading, c, notes) for c in collections)))
    langs = as_list(filters.get(LANG_FIELD))
    if langs:
        docs: set[int] = set()
        for code in langs:
            docs |= term_docs(reading.searcher, LANG_FIELD, language_code(code, Param("lang")))
        sets.append(docs)
    bounds = date_bounds(filters.get("since"), filters.get("until"))
    if not bounds.is_open:
        sets.append(_dated_docs(reading, bounds))
    if not sets:
        return None
    sets.sort(key=len)
    out = sets[0]
    for other in sets[1:]:
        out = out & other
    return out


def _dated_docs(reading: Reading, bounds: DateBounds) -> set[int]:
    """Documents published within the bounds, from the day column (undated ones never)."""
    days = reading.days()
    inside = days != NO_DAY
    if bounds.start is not None:
        inside &= days >= bounds.start.toordinal()
    if bounds.end is not None:
        inside &= days <= bounds.end.toordinal()
    return set(np.flatnonzero(inside).tolist())


def _name_docs(reading: Reading, option: str, value: str, notes: list[Any]) -> set[int]:
    """Documents of every name a typed name resolves to; a note says what it matched."""
    fieldname = NAME_FILTERS[option]
    matches = reading.names(fieldname).resolve(value)
    if not matches:
        notes.append(Message(Param(option), f" {value!r} matches no {option} in the index"))
        return set()
    if len(matches) > 1 or fold(matches[0]) != fold(value):
        more = len(matches) - SHOWN_NAMES
        shown = ", ".join(matches[:SHOWN_NAMES]) + (f" and {more} more" if more > 0 else "")
        notes.append(Message(Param(option), f" {value!r} matched: {shown}"))
    return _union(reading, fieldname, matches)


def _collection_docs(reading: Reading, name: str, notes: list[Any]) -> set[int]:
    """Documents of any outlet of a collection."""
    docs: set[int] = set()
    outlets = reading.names(OUTLET_FIELD)
    for outlet in collection_outlets(reading.path, name):
        matches = outlets.resolve(outlet)
        if not matches:
            notes.append(f"collection {name!r}: outlet {outlet!r} matches no outlet in the index")
        docs |= _union(reading, OUTLET_FIELD, matches)
    return docs


def _union(reading: Reading, fieldname: str, values: Iterable[str]) -> set[int]:
    docs: set[int] = set()
    for value in values:
        docs |= term_docs(reading.searcher, fieldname, value)
    return docs


def speaker_names(reading: Reading, speaker: Any) -> set[str] | None:
    """The folded names a speaker filter resolves to (None: no speaker filter)."""
    wanted = as_list(speaker)
    if not wanted:
        return None
    names = reading.names(NAME_FILTERS["speaker"])
    return {fold(n) for one in wanted for n in names.resolve(one)}
