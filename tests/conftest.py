"""Shared fixtures (paths to the repo, the bundled corpus, the optional shared data, the fixture
news site) and the markers that follow from the fixtures a test uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from crawlsite import Site, SiteServer
from hypothesis import HealthCheck, settings

# Property tests judge our code, not the machine: on a busy shared machine generating
# examples can be slow, and that must not fail a test (explicit settings still override).
settings.register_profile("searcher", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("searcher")

# The cluster tests' fixtures: a session-wide local Ray cluster and what they build on it.
pytest_plugins = ["cluster_fixtures"]

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SHARED_DATA = REPO.parent / "shared" / "data"

# A test that uses one of these fixtures gets the marker, so `-m "not loopback"` leaves it out.
MARKERS_BY_FIXTURE = {"site": "loopback"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by the fixtures it uses (MARKERS_BY_FIXTURE)."""
    for item in items:
        for fixture in getattr(item, "fixturenames", ()):
            if fixture in MARKERS_BY_FIXTURE:
                item.add_marker(MARKERS_BY_FIXTURE[fixture])


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


@pytest.fixture
def site():
    """The fixture news site (tests/crawlsite.py) on a free port of 127.0.0.1, stopped after the test."""
    with SiteServer(Site(slow_seconds=2.5, retry_after="0")) as running:
        yield running
