"""Collections: named sets of outlets kept beside the index (collections.json), usable as a filter."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..errors import QueryError, SearcherError

FILE_NAME = "collections.json"
_NAME = re.compile(r"^[\w][\w .-]{0,63}$")


def collections_file(index_path: str | os.PathLike) -> Path:
    """Where the collections of an index are stored."""
    return Path(index_path) / FILE_NAME


def load_collections(index_path: str | os.PathLike) -> dict[str, list[str]]:
    """Every collection of the index: name -> outlets ({} when none were made)."""
    path = collections_file(index_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise SearcherError(f"cannot read the collections in {path}: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise SearcherError(f"cannot read the collections in {path}: not an object of outlet lists")
    return {str(k): [str(o) for o in v] for k, v in data.items()}


def _save(index_path: str | os.PathLike, collections: dict[str, list[str]]) -> None:
    from ..crawl.store import write_atomic

    text = json.dumps(dict(sorted(collections.items())), ensure_ascii=False, indent=2) + "\n"
    write_atomic(collections_file(index_path), text.encode("utf-8"))


def check_name(name: str) -> str:
    """The collection name, stripped, or QueryError saying what a name may hold."""
    text = (name or "").strip()
    if not _NAME.match(text):
        raise QueryError(
            f"bad collection name {name!r}: use letters, digits, spaces, '.', '-' or '_' (up to 64)"
        )
    return text


def add_outlets(index_path: str | os.PathLike, name: str, outlets) -> list[str]:
    """Add outlets to a collection (made when new); returns its outlets."""
    name = check_name(name)
    wanted = [o.strip() for o in outlets if o and o.strip()]
    if not wanted:
        raise QueryError("give at least one outlet to add")
    collections = load_collections(index_path)
    members = collections.setdefault(name, [])
    for outlet in wanted:
        if outlet.casefold() not in {m.casefold() for m in members}:
            members.append(outlet)
    _save(index_path, collections)
    return members


def remove_collection(index_path: str | os.PathLike, name: str, outlets=()) -> list[str] | None:
    """Remove some outlets from a collection, or the whole collection when none are named.

    Returns what is left (None when the collection is gone).
    """
    collections = load_collections(index_path)
    name = (name or "").strip()
    if name not in collections:
        raise QueryError(f"no collection named {name!r}" + _known(collections))
    if outlets:
        members = {o.casefold() for o in collections[name]}
        # a misspelt outlet would otherwise be "removed" silently while it stays in the collection
        missing = [o for o in outlets if o.strip().casefold() not in members]
        if missing:
            raise QueryError(
                f"{missing[0].strip()!r} is not in collection {name!r} "
                f"(it holds: {', '.join(collections[name])})"
            )
        drop = {o.strip().casefold() for o in outlets}
        collections[name] = [o for o in collections[name] if o.casefold() not in drop]
    if not outlets or not collections[name]:
        del collections[name]
    _save(index_path, collections)
    return collections.get(name)


def collection_outlets(index_path: str | os.PathLike, name: str) -> list[str]:
    """The outlets of a collection, or QueryError naming the collections there are."""
    collections = load_collections(index_path)
    found = collections.get((name or "").strip())
    if found is None:
        raise QueryError(f"no collection named {name!r}" + _known(collections))
    return found


def _known(collections: dict) -> str:
    if not collections:
        return " (there are none yet: make one with `searcher collections add NAME OUTLET…`)"
    return f" (known: {', '.join(sorted(collections))})"
