"""Score searcher's normalizer (and trafilatura, when installed) on a folder of news pages with gold.

usage: python benchmarks/extraction.py [PAGES_DIR] [--out DIR] [--no-trafilatura] [--repeat N]

Writes predictions JSONL in the scorer's format (id = file stem; title, authors,
date as YYYY-MM-DD, body, tags), runs ../shared/eval/score_articles.py on them, and
prints pages per second for each extractor measured in the same run on the same pages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = REPO.parent / "shared" / "data" / "articles"
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_articles.py"


def load_pages(folder: Path) -> list[tuple[str, bytes, str | None]]:
    """(id, bytes, url) for each HTML page of the folder; the URL comes from gold.jsonl when present."""
    urls: dict[str, str] = {}
    gold = folder / "gold.jsonl"
    if gold.exists():
        with open(gold, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("url"):
                    urls[rec["id"]] = rec["url"]
    pages = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".html", ".htm", ".txt", ".md"):
            pages.append((path.stem, path.read_bytes(), urls.get(path.stem)))
    return pages


def searcher_one(data: bytes, url: str | None) -> dict:
    """Prediction of searcher's normalizer for one page (quotes included: it is the real pipeline)."""
    from searcher.normalize import normalize

    art = normalize(data, url=url)
    return {"title": art.title, "authors": art.authors, "date": (art.published or "")[:10] or None,
            "body": art.body, "tags": art.tags}


def trafilatura_one(data: bytes, url: str | None) -> dict:
    """Prediction of trafilatura's bare_extraction with metadata, default settings."""
    import trafilatura

    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    if doc is None:
        return {}
    doc = doc if isinstance(doc, dict) else doc.as_dict()
    authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
    tags = [t for t in (doc.get("tags") or []) if t] if isinstance(doc.get("tags"), list) else []
    return {"title": doc.get("title"), "authors": authors, "date": doc.get("date"), "body": doc.get("text"), "tags": tags}


def run(extractors: dict, pages, repeat: int) -> tuple[dict, dict]:
    """Predictions and pages per second (wall and CPU) for each extractor.

    The extractors take turns page by page, so load from other processes on the
    machine falls on all of them alike; CPU time is reported beside wall time.
    """
    preds = {name: [] for name in extractors}
    wall = {name: 0.0 for name in extractors}
    cpu = {name: 0.0 for name in extractors}
    for name, func in extractors.items():  # warm-up: imports and compiled patterns
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
    speeds = {name: {"wall": n / wall[name], "cpu": n / cpu[name] if cpu[name] else float("inf")} for name in extractors}
    return preds, speeds


def write(preds: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in preds:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="?", default=str(DEFAULT_PAGES))
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "out"))
    parser.add_argument("--scorer", default=str(DEFAULT_SCORER))
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages for the speed figure")
    args = parser.parse_args(argv)

    folder = Path(args.pages)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = load_pages(folder)
    if not pages:
        print(f"no pages in {folder}", file=sys.stderr)
        return 2

    extractors = {"searcher": searcher_one}
    if not args.no_trafilatura:
        try:
            import trafilatura  # noqa: F401
            extractors["trafilatura"] = trafilatura_one
        except ImportError:
            print("trafilatura not installed (pip install trafilatura): measuring searcher only", file=sys.stderr)
    preds, speeds = run(extractors, pages, args.repeat)
    for name, recs in preds.items():
        write(recs, out / f"{name}.jsonl")

    gold = folder / "gold.jsonl"
    scorer = Path(args.scorer)
    if gold.exists() and scorer.exists():
        files = [str(out / f"{name}.jsonl") for name in extractors]
        subprocess.run([sys.executable, str(scorer), str(gold), *files], check=False)
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
