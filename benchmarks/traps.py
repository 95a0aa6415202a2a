"""Score the normalizer on trap pages whose expected values are written by hand (exact or must-contain checks).

usage: python benchmarks/traps.py [DIR]   (default: tests/fixtures/traps)

DIR holds the pages and expected.jsonl: one object per page with file, url (the
fetched URL, or null), title, authors, outlet, source, published, tags,
body_contains and body_excludes. Each field scores 1 or 0 per page:
title exact after case and space folding; authors the same set of names;
outlet and source the same outlet (null only matches null); published the same
day; tags the same set; body 1 when every must-contain passage is present and
no excluded one is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO / "tests" / "fixtures" / "traps"
FIELDS = ("title", "authors", "outlet", "source", "published", "tags", "body")


def load_expected(folder: Path) -> list[dict]:
    """The expected records of a trap folder, in file order."""
    with open(folder / "expected.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def field_checks(expected: dict, art) -> dict[str, bool]:
    """Pass or fail of each field of one normalized page against its expected record."""
    from searcher.normalize.outlet import same_outlet
    from searcher.textfold import fold_key

    def same_set(a: list[str], b: list[str]) -> bool:
        return {fold_key(x) for x in a} == {fold_key(x) for x in b}

    def same_name(want: str | None, got: str | None) -> bool:
        return (want is None and got is None) or bool(want and got and same_outlet(want, got))

    body = art.body or ""
    return {
        "title": fold_key(art.title) == fold_key(expected["title"]),
        "authors": same_set(art.authors, expected["authors"]),
        "outlet": same_name(expected["outlet"], art.outlet),
        "source": same_name(expected["source"], art.source),
        "published": (art.published or "")[:10] == (expected["published"] or ""),
        "tags": same_set(art.tags, expected["tags"]),
        "body": all(t in body for t in expected["body_contains"])
        and not any(t in body for t in expected["body_excludes"]),
    }


def score(
    folder: Path = DEFAULT_DIR,
) -> tuple[dict[str, float], list[tuple[str, str, object, object]]]:
    """Share of pages passing each field, and the failures as (file, field, got, expected)."""
    from searcher.normalize import normalize

    records = load_expected(folder)
    passed = dict.fromkeys(FIELDS, 0)
    failures = []
    for rec in records:
        art = normalize((folder / rec["file"]).read_bytes(), url=rec.get("url"))
        for field, ok in field_checks(rec, art).items():
            passed[field] += ok
            if not ok:
                got = art.body[:200] if field == "body" else getattr(art, field)
                failures.append((rec["file"], field, got, rec.get(field, rec["body_contains"])))
    n = len(records) or 1
    return {field: passed[field] / n for field in FIELDS}, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the normalizer on trap pages with hand-written expected records."
    )
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=DEFAULT_DIR,
        help="pages and their expected.jsonl (default: tests/fixtures/traps)",
    )
    folder = parser.parse_args(argv).dir
    if not (folder / "expected.jsonl").exists():
        print(f"no expected.jsonl in {folder}", file=sys.stderr)
        return 2
    scores, failures = score(folder)
    for file, field, got, want in failures:
        print(f"FAIL {file} {field}: got {got!r}, expected {want!r}")
    print(
        f"{len(load_expected(folder))} trap pages: "
        + "  ".join(f"{f} {v:.2f}" for f, v in scores.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
