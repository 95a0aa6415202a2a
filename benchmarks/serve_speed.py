"""Time the search page and the JSON API against the bare Python search call they wrap (same process).

    python benchmarks/serve_speed.py INDEX [--rounds 30]

Prints median times and the overhead ratio of each HTTP path over the library call.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

QUERIES = ["strike", "minister", "water", "port OR climate", "dockworkers", "ministr", "election"]


def interleaved_medians(funcs: dict, rounds: int) -> dict[str, float]:
    """Median milliseconds of each function, timed in turn each round so that machine noise hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(rounds):
        for name, func in funcs.items():
            start = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from searcher.search import open_searcher
    from searcher.serve import create_app

    searcher = open_searcher(args.index)
    client = TestClient(create_app(args.index))
    facets = ["outlet", "author", "year", "speaker"]

    def library():
        for q in QUERIES:
            searcher.search(q, facets=facets, limit=10)

    def api():
        for q in QUERIES:
            assert client.get("/api/search", params={"q": q, "facet": facets}).status_code == 200

    def page():
        for q in QUERIES:
            assert client.get("/", params={"q": q}).status_code == 200

    funcs = {"library search": library, "GET /api/search": api, "GET / (page)": page}
    for warm in funcs.values():
        warm()
    medians = interleaved_medians(funcs, args.rounds)
    base = medians["library search"]
    for name, ms in medians.items():
        print(f"{name} ×{len(QUERIES)} queries: {ms:.1f} ms = {ms / base:.2f}× the library call")


if __name__ == "__main__":
    main()
