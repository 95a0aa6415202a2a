"""Benchmark: quotation extraction and speaker attribution on ../shared/data/quotes."""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from searcher.quotes import extract_quotes

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "quotes"
SCORER = REPO.parent / "shared" / "eval" / "score_quotes.py"


def held_out(article_id: str) -> bool:
    """A fixed fifth of the articles, chosen by hash, kept out of tuning ("dev")."""
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[0] in "012"


def load(data: Path, part: str) -> list[tuple[str, str]]:
    """(id, text) of the articles in the gold file, restricted to a part (all, tune, dev)."""
    out = []
    for line in open(data / "gold.jsonl", encoding="utf-8"):
        aid = json.loads(line)["id"]
        if part == "dev" and not held_out(aid) or part == "tune" and held_out(aid):
            continue
        out.append((aid, (data / "texts" / f"{aid}.txt").read_text(encoding="utf-8")))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DATA, help="folder with gold.jsonl and texts/")
    ap.add_argument("--part", choices=("all", "tune", "dev"), default="all",
                    help="all articles, the tuning part, or the held-out fifth (dev)")
    ap.add_argument("--errors", type=int, default=0, help="print N example errors from the scorer")
    ap.add_argument("--out", type=Path, help="where to write the predictions JSONL")
    args = ap.parse_args()

    articles = load(args.data, args.part)
    t0 = time.perf_counter()
    preds = [(aid, extract_quotes(text)) for aid, text in articles]
    elapsed = time.perf_counter() - t0
    # Reference run in the same process: a plain regex pass over the same texts, so the
    # speed figure can be read as a ratio on a shared, noisy machine.
    import re
    pat = re.compile(r"[\"“][^\"”\n]+[\"”]")
    t1 = time.perf_counter()
    for _, text in articles:
        pat.findall(text)
    ref = time.perf_counter() - t1

    out = args.out or Path(tempfile.gettempdir()) / f"quotes-pred-{args.part}.jsonl"
    gold = Path(tempfile.gettempdir()) / f"quotes-gold-{args.part}.jsonl"
    ids = {aid for aid, _ in articles}
    with open(gold, "w", encoding="utf-8") as g:
        for line in open(args.data / "gold.jsonl", encoding="utf-8"):
            if json.loads(line)["id"] in ids:
                g.write(line)
    with open(out, "w", encoding="utf-8") as f:
        for aid, quotes in preds:
            f.write(json.dumps({"id": aid, "quotes": [
                {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end} for q in quotes
            ]}, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles ({args.part}), predictions in {out}")
    for mode in (["--by-via"], ["--errors", str(args.errors)] if args.errors else None):
        if mode is None:
            continue
        subprocess.run([sys.executable, str(SCORER), str(gold), str(out), *mode], check=True)
    rate = len(articles) / elapsed if elapsed else float("inf")
    print(f"speed: {rate:,.0f} articles/second in one process "
          f"({elapsed:.2f}s; a bare regex pass over the same texts took {ref:.3f}s, ratio {elapsed / ref:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
