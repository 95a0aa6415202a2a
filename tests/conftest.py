"""Shared fixtures: paths to the repo, the bundled corpus and the optional shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

# The cluster tests' fixtures: a session-wide local Ray cluster and what they build on it.
pytest_plugins = ["cluster_fixtures"]

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def bundled_corpus() -> Path:
    """The bundled sample corpus."""
    return CORPUS


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip the test when it is not beside the repo."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA
