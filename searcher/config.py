"""Where the corpus and the index live, from options, the environment or defaults."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_CORPUS = "corpus"
DEFAULT_INDEX = os.path.join("indexes", "default")
CORPUS_ENV = "SEARCHER_CORPUS"
INDEX_ENV = "SEARCHER_INDEX"
# The searcher HTTP API the search commands ask instead of a local index (their --remote).
REMOTE_ENV = "SEARCHER_REMOTE"


def corpus_path(value: str | os.PathLike | None = None) -> Path:
    """The corpus folder: the given value, else $SEARCHER_CORPUS, else ./corpus."""
    return Path(value or os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS)


def index_path(value: str | os.PathLike | None = None) -> Path:
    """The index folder: the given value, else $SEARCHER_INDEX, else ./indexes/default."""
    return Path(value or os.environ.get(INDEX_ENV) or DEFAULT_INDEX)
