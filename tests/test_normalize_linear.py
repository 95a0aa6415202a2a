"""Normalizing stays roughly linear in the page's size: a doubled pathological page costs about double."""

import gc
import time

import pytest

from searcher.normalize import normalize

S = "The ferry service to the outer islands resumes on Monday after the winter storms."


def page(inner: str, head: str = "") -> str:
    return f"<html><head><title>Ferry news</title>{head}</head><body><article><h1>Ferry resumes</h1>{inner}</article></body></html>"


# Each builds a page whose size grows with n; n is chosen so that one run takes tens of milliseconds.
PATHOLOGICAL = {
    "deep nesting": (
        lambda n: page("<div><span>" * n + f"<p>{S}</p>" * n + "</span></div>" * n),
        400,
    ),
    "deep JSON-LD": (
        lambda n: page(
            f"<p>{S}</p>" * 50, '<script type="application/ld+json">' + "[" * n + "</script>" * 5
        ),
        20000,
    ),
    "many JSON-LD blocks": (
        lambda n: page(
            f"<p>{S}</p>",
            '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x"}</script>'
            * n,
        ),
        1500,
    ),
    "many paragraphs": (
        lambda n: page(
            "".join(
                f"<p>Paragraph {i} of the story says the ferry runs on time.</p>" for i in range(n)
            )
        ),
        1200,
    ),
    "near-copy paragraphs": (
        lambda n: page("".join(f"<p>{S} {'x' * (i % 250)}</p>" for i in range(n))),
        800,
    ),
    "many attributes": (
        lambda n: page(
            "<div " + " ".join(f'data-a{i}="v"' for i in range(n)) + f"><p>{S}</p></div>"
        ),
        100000,
    ),
    "many quoted > in attributes": (
        lambda n: page("<div " + " ".join(f'a{i}=">"' for i in range(n)) + f"><p>{S}</p></div>"),
        100000,
    ),
    "many quotes": (
        lambda n: page(
            "".join(
                f"<p>\u201cThe ferry {i} runs again,\u201d said Anna Berg. \u201cIt is good.\u201d</p>"
                for i in range(n)
            )
        ),
        250,
    ),
    "quotes in one paragraph": (
        lambda n: page(
            "<p>"
            + " ".join(f"\u201cThe ferry {i} runs,\u201d said Anna Berg." for i in range(n))
            + "</p>"
        ),
        600,
    ),
    # From 3,000 on: below that, htmldate (the last date layer) takes a cheaper path.
    "unclosed quotes": (
        lambda n: page(
            "<p>"
            + " ".join(f"\u201cThe ferry {i} runs, said Anna Berg." for i in range(n))
            + "</p>"
        ),
        3000,
    ),
    "long word": (lambda n: page(f"<p>{S} " + "a" * n + "</p>"), 400000),
    "long line": (lambda n: page(f"<p>{S} " + "Word " * n + "</p>"), 20000),
    "many links": (
        lambda n: page(f"<p>{S}</p>" + "".join(f'<a href="/x{i}">link {i}</a> ' for i in range(n))),
        3000,
    ),
    "many scripts": (
        lambda n: page(
            f"<p>{S}</p>" + "".join(f"<script>var a{i} = 1;</script>" for i in range(n))
        ),
        5000,
    ),
    "many times": (
        lambda n: page(f"<p>{S}</p>" + "".join(f"<time>not a date {i}</time>" for i in range(n))),
        200,
    ),
    "many date classes": (
        lambda n: page(
            f"<p>{S}</p>" + "".join(f"<span class='date'>nothing {i}</span>" for i in range(n))
        ),
        2000,
    ),
    "many table cells": (
        lambda n: page(
            "<table>" + "".join(f"<tr><td>cell {i} {S}</td></tr>" for i in range(n)) + "</table>"
        ),
        400,
    ),
    "tag starts without end": (lambda n: page("<p>" + "<a" * n + "</p>"), 50000),
    "line breaks": (
        lambda n: page("<div>" + "<br>".join(f"line {i} {S}" for i in range(n)) + "</div>"),
        2000,
    ),
}


def _cpu(data: bytes) -> float:
    """CPU seconds of one normalization, garbage collection kept out of the measure."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        normalize(data, url="https://example.org/news/story")
        return time.process_time() - start
    finally:
        gc.enable()


def _costs(small: str, large: str, runs: int = 3) -> tuple[float, float]:
    """The best of a few interleaved runs of each: CPU time, least disturbed by other work."""
    small_data, large_data = small.encode("utf-8"), large.encode("utf-8")
    _cpu(small_data)  # warm-up: imports and compiled patterns
    best_small = best_large = float("inf")
    for _ in range(runs):
        best_small = min(best_small, _cpu(small_data))
        best_large = min(best_large, _cpu(large_data))
    return best_small, best_large


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_doubling_a_pathological_page_does_not_quadruple_the_time(name):
    build, n = PATHOLOGICAL[name]
    small, large = build(n), build(2 * n)
    single, double = _costs(small, large)
    if double >= 3 * max(single, 0.002):
        # Other work on the machine only ever slows a run down: measure again with more runs
        # before deciding; a quadratic cost fails the second measure as surely as the first.
        single, double = _costs(small, large, runs=9)
    # Linear cost doubles, quadratic quadruples: 3 separates them with room for noise.
    assert double < 3 * max(single, 0.002), f"{name}: {single:.3f}s -> {double:.3f}s"
