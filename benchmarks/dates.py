"""Publication dates: searcher's layered rules beside htmldate, on tune and held-out pages.

usage: python benchmarks/dates.py [PAGES_DIR ...] [--stripped] [--errors]

Every folder holds ID.html pages and a gold.jsonl (id, url, date as YYYY-MM-DD).
Pages are split by sorted id: every 5th is held out (never looked at while tuning
the rules), the rest is the tune part. For each part and extractor it prints
exact-day accuracy, coverage, the wrong-date rate and the pages left without
their date (a page whose gold date is null counts as right only with no date), then which layer of searcher gave its dates.
--stripped also scores each page with its JSON-LD, date <meta> tags and
datePublished microdata removed: what the page's text, <time> elements and URL
alone give (the long tail of pages without metadata).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = [
    REPO.parent / "shared" / "data" / "articles",
    REPO / "tests" / "fixtures" / "dates",
]

_JSONLD = re.compile(r"<script\b[^>]*application/ld\+json[^>]*>.*?</script\s*>", re.I | re.S)
_DATE_META = re.compile(
    r"<meta\b[^>]*(?:published|pubdate|publish|date|created|issued|modified|updated)[^>]*>", re.I
)
_DATE_ITEMPROP = re.compile(
    r"\bitemprop\s*=\s*[\"']?date(?:Published|Created|Modified)[\"']?", re.I
)


def strip_metadata(html: str) -> str:
    """The page without JSON-LD, date <meta> tags and date microdata."""
    return _DATE_ITEMPROP.sub("", _DATE_META.sub("", _JSONLD.sub("", html)))


def load(folder: Path) -> list[dict]:
    """Gold records of a folder (with the page's bytes), sorted by id."""
    gold = folder / "gold.jsonl"
    if not gold.exists():
        return []
    records = []
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            path = folder / f"{rec['id']}.html"
            if path.exists():
                rec["data"] = path.read_bytes()
                records.append(rec)
    return sorted(records, key=lambda r: r["id"])


def searcher_date(data: bytes, url: str | None) -> tuple[str | None, str]:
    """searcher's date (YYYY-MM-DD) and the layer it came from."""
    from searcher.normalize import normalize

    art = normalize(data, url=url)
    return (art.published or "")[:10] or None, art.provenance.get("published", "none")


def htmldate_date(data: bytes, url: str | None) -> tuple[str | None, str]:
    """htmldate's find_date (original date, extensive search), as trafilatura calls it."""
    from htmldate import find_date

    try:
        return find_date(data.decode("utf-8", "replace"), url=url, original_date=True), "htmldate"
    except Exception:  # noqa: BLE001 - a failing peer scores "no date"
        return None, "error"


def score(preds: list[tuple[str | None, str]], gold: list[str]) -> dict:
    """Accuracy, coverage, wrong rate and misses; a page whose gold is "no date" is right only without one."""
    n = len(gold) or 1
    right = sum(1 for (p, _), g in zip(preds, gold, strict=False) if p == g)
    wrong = sum(1 for (p, _), g in zip(preds, gold, strict=False) if p and p != g)
    return {
        "n": len(gold),
        "accuracy": right / n,
        "coverage": sum(1 for p, _ in preds if p) / n,
        "wrong": wrong / n,
        "none": sum(1 for (p, _), g in zip(preds, gold, strict=False) if not p and g),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=[str(p) for p in DEFAULT_PAGES])
    parser.add_argument(
        "--stripped", action="store_true", help="also score the pages without date metadata"
    )
    parser.add_argument(
        "--errors", action="store_true", help="list searcher's wrong and missing dates"
    )
    parser.add_argument("--no-htmldate", action="store_true")
    args = parser.parse_args(argv)

    # A gold "date": null is a page that shows no publication date (a trap: any date is wrong).
    records = [r for folder in args.pages for r in load(Path(folder)) if "date" in r]
    if not records:
        print("no pages with gold dates", file=sys.stderr)
        return 2
    variants = {"as is": lambda d: d}
    if args.stripped:
        variants["stripped"] = lambda d: strip_metadata(d.decode("utf-8", "replace")).encode(
            "utf-8"
        )
    extractors = {"searcher": searcher_date}
    if not args.no_htmldate:
        extractors["htmldate"] = htmldate_date
    for variant, transform in variants.items():
        pages = [(r, transform(r["data"])) for r in records]
        preds = {name: [] for name in extractors}
        seconds = dict.fromkeys(extractors, 0.0)
        for rec, data in pages:
            for name, func in extractors.items():
                start = time.process_time()
                preds[name].append(func(data, rec.get("url")))
                seconds[name] += time.process_time() - start
        print(
            f"== {variant}: {len(pages)} pages, {sum(1 for r, _ in pages if not r['date'])} of them without a date"
        )
        for part in ("tune", "held-out", "all"):
            idx = [
                i
                for i in range(len(pages))
                if part == "all" or (i % 5 == 4) == (part == "held-out")
            ]
            for name in extractors:
                s = score([preds[name][i] for i in idx], [pages[i][0]["date"] for i in idx])
                print(
                    f"{part:9s} {name:9s} n={s['n']:4d}  accuracy {s['accuracy']:.3f}  coverage {s['coverage']:.3f}  "
                    f"wrong {s['wrong']:.3f}  no date {s['none']}"
                )
        layers = Counter()
        for (pred, layer), (rec, _) in zip(preds["searcher"], pages, strict=False):
            layers[
                (layer, "right" if pred == rec["date"] else ("none" if not pred else "wrong"))
            ] += 1
        print(
            "searcher layers: "
            + ", ".join(f"{layer} {kind} {n}" for (layer, kind), n in sorted(layers.items()))
        )
        print(
            "CPU s/page: "
            + ", ".join(f"{name} {seconds[name] / len(pages) * 1000:.1f} ms" for name in extractors)
        )
        if args.errors:
            for i, ((pred, layer), (rec, _)) in enumerate(
                zip(preds["searcher"], pages, strict=False)
            ):
                if pred != rec["date"]:
                    other = preds["htmldate"][i][0] if "htmldate" in preds else "-"
                    part = "held-out" if i % 5 == 4 else "tune"
                    print(
                        f"  {part:8s} {rec['id']}: gold {rec['date']} searcher {pred} ({layer}) htmldate {other}"
                    )
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
