"""Politeness: one request at a time per host, a delay between them, a global concurrency limit."""

from __future__ import annotations

import threading
import time

import pytest
from crawlsite import Site, SiteServer, fast_options

from searcher.crawl import crawl
from searcher.crawl.politeness import Politeness

pytestmark = pytest.mark.loopback


def _concurrency_probe(site: Site, state: dict):
    def handler(h, _site):
        with state["lock"]:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with state["lock"]:
            state["now"] -= 1
        h.send(200, b"<html><body><p>probe</p></body></html>")

    for name in ("a", "b", "c", "d"):
        site.overrides[f"/probe/{name}"] = handler


def test_one_request_at_a_time_per_host(tmp_path):
    state = {"now": 0, "max": 0, "lock": threading.Lock()}
    with SiteServer(Site()) as site:
        _concurrency_probe(site, state)
        seeds = [site.url(f"/probe/{n}") for n in "abcd"]
        report = crawl(seeds, tmp_path / "c", fast_options(concurrency=4))
    assert report.counts["fetched"] == 4
    assert state["max"] == 1


def test_hosts_are_fetched_in_parallel_up_to_the_limit(tmp_path):
    state = {"now": 0, "max": 0, "lock": threading.Lock()}
    servers = [SiteServer(Site()) for _ in range(3)]
    sites = [s.__enter__() for s in servers]
    try:
        for site in sites:
            _concurrency_probe(site, state)
        seeds = [site.url(f"/probe/{n}") for site in sites for n in "ab"]
        crawl(seeds, tmp_path / "c1", fast_options(concurrency=3))
        assert state["max"] >= 2  # different hosts overlap
        state["max"] = 0
        seeds = [site.url(f"/probe/{n}") for site in sites for n in "cd"]
        crawl(seeds, tmp_path / "c2", fast_options(concurrency=1))
        assert state["max"] == 1  # the global limit holds
    finally:
        for server in servers:
            server.__exit__(None, None, None)


def test_delay_between_requests_to_a_host(tmp_path):
    with SiteServer(Site()) as site:
        seeds = [
            site.url(p)
            for p in (
                "/news/market-day-returns",
                "/news/ferry-timetable",
                "/culture/choir-festival",
            )
        ]
        crawl(seeds, tmp_path / "c", fast_options(delay=0.25))
        times = [h.at for h in site.hits]
    assert len(times) == 4  # robots.txt + 3 pages
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.23


def test_politeness_books_the_next_slot():
    clock = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        clock[0] += seconds

    polite = Politeness(1.0, clock=lambda: clock[0], sleep=sleep)
    polite.set_crawl_delay("a", 5)
    with polite.request("a"):
        pass
    assert polite.next_time("a") == 105.0
    with polite.request("a"):
        pass
    assert slept == [5.0]
    polite.set_crawl_delay("b", 10_000)  # capped
    assert polite.delay_for("b") == 60.0
    assert polite.delay_for("c") == 1.0
