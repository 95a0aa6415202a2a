"""Score searcher's normalizer beside trafilatura and htmldate on a folder of news pages with gold.

usage: python benchmarks/extraction.py [PAGES_DIR] [--part all|dev|held-out] [--out DIR]
                                       [--no-trafilatura] [--no-htmldate] [--repeat N]

Writes predictions JSONL in the scorer's format (id = file stem; title, authors,
date as YYYY-MM-DD, body, tags), runs ../shared/eval/score_articles.py on them,
then prints per field, per extractor and per page kind (JSON-LD article /
OpenGraph only / no metadata) how many pages were right, wrong, or had no value
(the confusion summary), and pages per second for each extractor measured page
by page in the same process. htmldate only predicts dates.

--part held-out keeps every 5th page (by sorted id) aside from tuning; --part dev is the rest.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = REPO.parent / "shared" / "data" / "articles"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_articles.py"
FIELDS = ("title", "authors", "date", "body", "tags")
# A page's body counts as right at this word F1 (the scorer's own figure is the mean F1).
BODY_OK = 0.9


def load_pages(folder: Path, part: str = "all") -> list[tuple[str, bytes, str | None]]:
    """(id, bytes, url) for each page of the folder (or of one part); the URL comes from gold.jsonl."""
    urls: dict[str, str] = {}
    gold = folder / "gold.jsonl"
    if gold.exists():
        for rec in read_jsonl(gold):
            if rec.get("url"):
                urls[rec["id"]] = rec["url"]
    paths = [
        p for p in sorted(folder.iterdir()) if p.suffix.lower() in (".html", ".htm", ".txt", ".md")
    ]
    if part != "all":
        held = part == "held-out"
        paths = [p for i, p in enumerate(paths) if (i % 5 == 4) == held]
    return [(p.stem, p.read_bytes(), urls.get(p.stem)) for p in paths]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


_LD_ARTICLE = re.compile(rb'"@type"\s*:\s*\[?\s*"[^"]*(?:Article|BlogPosting|Report)"', re.I)
_OG = re.compile(
    rb"""<meta[^>]+(?:property|name)=["']?(?:og:title|og:type|article:published_time)""", re.I
)


def page_kind(data: bytes) -> str:
    """What metadata the page carries: "json-ld" (an article object), "opengraph" only, or "none"."""
    if b"application/ld+json" in data and _LD_ARTICLE.search(data):
        return "json-ld"
    if _OG.search(data):
        return "opengraph"
    return "none"


def searcher_one(data: bytes, url: str | None) -> dict:
    """Prediction of searcher's normalizer for one page (quotes included: it is the real pipeline)."""
    from searcher.normalize import normalize

    art = normalize(data, url=url)
    return {
        "title": art.title,
        "authors": art.authors,
        "date": (art.published or "")[:10] or None,
        "body": art.body,
        "tags": art.tags,
        "outlet": art.outlet,
        "outlet_via": art.provenance.get("outlet"),
    }


def trafilatura_one(data: bytes, url: str | None) -> dict:
    """Prediction of trafilatura's bare_extraction with metadata, default settings."""
    import trafilatura

    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    if doc is None:
        return {}
    doc = doc if isinstance(doc, dict) else doc.as_dict()
    authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
    tags = [t for t in (doc.get("tags") or []) if t] if isinstance(doc.get("tags"), list) else []
    return {
        "title": doc.get("title"),
        "authors": authors,
        "date": doc.get("date"),
        "body": doc.get("text"),
        "tags": tags,
        "outlet": doc.get("sitename"),
    }


def htmldate_one(data: bytes, url: str | None) -> dict:
    """htmldate's publication date (original_date=True: the first publication, as the gold wants)."""
    from htmldate import find_date

    try:
        return {"date": find_date(data.decode("utf-8", "replace"), url=url, original_date=True)}
    except Exception:  # noqa: BLE001 - a peer's crash is a missing prediction
        return {}


def run(extractors: dict, pages, repeat: int) -> tuple[dict, dict]:
    """Predictions and pages per second (wall and CPU) for each extractor.

    The extractors take turns page by page, so load from other processes on the
    machine falls on all of them alike; CPU time is reported beside wall time.
    """
    preds = {name: [] for name in extractors}
    wall = {name: 0.0 for name in extractors}
    cpu = {name: 0.0 for name in extractors}
    for func in extractors.values():  # warm-up: imports and compiled patterns
        func(pages[0][1], pages[0][2])
    for rep in range(repeat):
        for pid, data, url in pages:
            for name, func in extractors.items():
                w0, c0 = time.perf_counter(), time.process_time()
                rec = func(data, url)
                wall[name] += time.perf_counter() - w0
                cpu[name] += time.process_time() - c0
                if rep == 0:
                    preds[name].append({"id": pid, **rec})
    n = len(pages) * repeat
    speeds = {
        name: {"wall": n / wall[name], "cpu": n / cpu[name] if cpu[name] else float("inf")}
        for name in extractors
    }
    return preds, speeds


def write(preds: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in preds:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _fold(value: str) -> str:
    return " ".join(re.findall(r"\w+", (value or "").casefold()))


def verdict(field: str, pred: dict, gold: dict, row: dict) -> str:
    """ "ok", "wrong" or "none" for one field of one page (row: the scorer's per-page figures)."""
    value = pred.get(field)
    if not value:
        return "none"
    if field == "title":
        ok = row.get("title_exact") == 1.0
    elif field == "authors":
        ok = row.get("auth_F1") == 1.0
    elif field == "date":
        ok = row.get("date_ok") == 1.0
    elif field == "body":
        ok = (row.get("body_F1") or 0.0) >= BODY_OK
    else:
        ok = {_fold(t) for t in value} == {_fold(t) for t in gold.get("tags") or []}
    return "ok" if ok else "wrong"


def confusion(
    gold: dict[str, dict], preds: list[dict], rows: dict[str, dict], kinds: dict[str, str]
) -> dict:
    """Counts of ok / wrong / none per (kind, field); kind "all" sums every page."""
    table: dict = defaultdict(lambda: defaultdict(lambda: {"ok": 0, "wrong": 0, "none": 0}))
    for pred in preds:
        g = gold.get(pred["id"])
        if not g:
            continue
        for field in FIELDS:
            if field not in pred or not g.get(field):
                continue
            v = verdict(field, pred, g, rows.get(pred["id"], {}))
            table["all"][field][v] += 1
            table[kinds[pred["id"]]][field][v] += 1
    return table


def per_page_rows(scorer: Path, gold_path: Path, pred_path: Path, out: Path) -> dict[str, dict]:
    """The scorer's per-page figures for one predictions file."""
    rows_path = out / (pred_path.stem + ".pages.jsonl")
    subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(gold_path),
            str(pred_path),
            "--per-page",
            str(rows_path),
            "--json",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return {r["id"]: r for r in read_jsonl(rows_path)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", default=str(DEFAULT_PAGES))
    parser.add_argument(
        "--part",
        choices=("all", "dev", "held-out"),
        default="all",
        help="held-out: every 5th page by sorted id; dev: the other pages",
    )
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "out"))
    parser.add_argument("--scorer", default=str(DEFAULT_SCORER))
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--no-htmldate", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="passes over the pages for the speed figure"
    )
    args = parser.parse_args(argv)

    folder = Path(args.pages)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = load_pages(folder, args.part)
    if not pages:
        print(f"no pages in {folder}", file=sys.stderr)
        return 2

    extractors = {"searcher": searcher_one}
    for name, func, flag in (
        ("trafilatura", trafilatura_one, args.no_trafilatura),
        ("htmldate", htmldate_one, args.no_htmldate),
    ):
        if flag:
            continue
        try:
            __import__(name)
            extractors[name] = func
        except ImportError:
            print(f"{name} not installed: left out", file=sys.stderr)
    preds, speeds = run(extractors, pages, args.repeat)
    ids = {pid for pid, _, _ in pages}
    kinds = {pid: page_kind(data) for pid, data, _ in pages}

    gold_path = folder / "gold.jsonl"
    scorer = Path(args.scorer)
    if gold_path.exists() and scorer.exists():
        gold_all = {r["id"]: r for r in read_jsonl(gold_path)}
        gold = {k: v for k, v in gold_all.items() if k in ids}
        part_gold = out / f"gold-{args.part}.jsonl"
        write(list(gold.values()), part_gold)
        files = []
        for name, recs in preds.items():
            path = out / f"{name}.jsonl"
            write(recs, path)
            files.append(str(path))
        print(
            f"{len(pages)} pages ({args.part}); kinds: "
            + ", ".join(
                f"{k} {sum(1 for v in kinds.values() if v == k)}"
                for k in ("json-ld", "opengraph", "none")
            )
        )
        subprocess.run([sys.executable, str(scorer), str(part_gold), *files], check=False)
        print(f"\nper field: ok / wrong / none (body ok = word F1 >= {BODY_OK:.1f})")
        for name, recs in preds.items():
            rows = per_page_rows(scorer, part_gold, out / f"{name}.jsonl", out)
            table = confusion(gold, recs, rows, kinds)
            for kind in ("all", "json-ld", "opengraph", "none"):
                if kind not in table:
                    continue
                cells = "  ".join(
                    f"{f} {c['ok']}/{c['wrong']}/{c['none']}"
                    for f in FIELDS
                    if (c := table[kind].get(f)) and sum(c.values())
                )
                print(f"  {name:12s} {kind:10s} {cells}")
        outlets = [r for r in preds["searcher"]]
        via = defaultdict(int)
        for r in outlets:
            via[r.get("outlet_via") or "none"] += 1
        print("searcher outlet from: " + ", ".join(f"{k} {v}" for k, v in sorted(via.items())))
    print()
    for name, speed in speeds.items():
        print(f"{name:12s} {speed['wall']:8.1f} pages/s wall   {speed['cpu']:8.1f} pages/s CPU")
    if "trafilatura" in speeds:
        for kind in ("wall", "cpu"):
            ratio = speeds["searcher"][kind] / speeds["trafilatura"][kind]
            print(f"speed ratio searcher/trafilatura ({kind}): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
