"""Benchmark: quotation extraction and speaker attribution on ../shared/data/quotes.

Runs `searcher.quotes.extract_quotes` over every article, writes the predictions as
JSONL in the scorer's format, runs ../shared/eval/score_quotes.py on them (lenient and
strict figures, with --by-via), and prints the speed in articles per second.

    python benchmarks/quotes.py                 # all 840 articles
    python benchmarks/quotes.py --part dev      # the fixed held-out fifth only
    python benchmarks/quotes.py --errors 20     # also print example errors
    python benchmarks/quotes.py --baseline d2275b3   # also the speed ratio to the extractor at that revision
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
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
    """A fixed fifth of the articles, chosen by hash of the id, kept out of tuning ("dev")."""
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[0] in "012"


def load(data: Path, part: str) -> list[tuple[str, str]]:
    """(id, text) of the gold articles in a part: all, tune (not held out) or dev (held out)."""
    out = []
    for line in open(data / "gold.jsonl", encoding="utf-8"):
        aid = json.loads(line)["id"]
        if (part == "dev" and not held_out(aid)) or (part == "tune" and held_out(aid)):
            continue
        out.append((aid, (data / "texts" / f"{aid}.txt").read_text(encoding="utf-8")))
    return out


def cpu_rate(texts: list[str], repeats: int) -> tuple[float, float]:
    """Best articles per CPU-second over `repeats` passes, for extract_quotes and a bare regex pass."""
    pattern = re.compile(r"[\"“][^\"”\n]+[\"”]")
    best = best_ref = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        for text in texts:
            extract_quotes(text)
        best = min(best, time.process_time() - t0)
        t0 = time.process_time()
        for text in texts:
            pattern.findall(text)
        best_ref = min(best_ref, time.process_time() - t0)
    return len(texts) / best, best / best_ref if best_ref else float("inf")


def load_baseline(rev: str):
    """`extract_quotes` of searcher/quotes as of git revision `rev`, imported from a temporary copy."""
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", rev, "searcher/quotes/"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    folder = Path(tempfile.mkdtemp(prefix="quotes-baseline-"))
    package = folder / "quotes_baseline"
    package.mkdir()
    for name in names:
        if name.endswith(".py"):
            source = subprocess.run(
                ["git", "show", f"{rev}:{name}"],
                cwd=REPO,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            (package / Path(name).name).write_text(
                source.replace("searcher.quotes", "quotes_baseline"), encoding="utf-8"
            )
    sys.path.insert(0, str(folder))
    try:
        import quotes_baseline
    finally:
        sys.path.remove(str(folder))
        shutil.rmtree(folder)  # every module is imported by now
    return quotes_baseline.extract_quotes


def ratio_to(baseline, texts: list[str], repeats: int) -> tuple[float, float]:
    """Best articles per CPU-second of the baseline and of ours, timed alternately in this process."""
    for text in texts:
        baseline(text)  # warm its caches as ours are warm
    best = {baseline: float("inf"), extract_quotes: float("inf")}
    for round_ in range(repeats):
        # Each goes first in every other round, so neither always runs on a warmer (or busier) machine.
        for extract in (
            (baseline, extract_quotes) if round_ % 2 == 0 else (extract_quotes, baseline)
        ):
            t0 = time.process_time()
            for text in texts:
                extract(text)
            best[extract] = min(best[extract], time.process_time() - t0)
    return len(texts) / best[baseline], len(texts) / best[extract_quotes]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=DATA, help="folder with gold.jsonl and texts/")
    ap.add_argument(
        "--part",
        choices=("all", "tune", "dev"),
        default="all",
        help="all articles, the tuning part, or the held-out fifth (dev)",
    )
    ap.add_argument("--errors", type=int, default=0, help="print N example errors from the scorer")
    ap.add_argument("--repeats", type=int, default=3, help="timed passes; the best one is reported")
    ap.add_argument("--out", type=Path, help="where to write the predictions JSONL")
    ap.add_argument(
        "--baseline",
        metavar="REV",
        help="also time searcher/quotes as of git revision REV in this process; print the speed ratio",
    )
    args = ap.parse_args()
    if not (args.data / "gold.jsonl").is_file():
        print(f"no gold.jsonl in {args.data}", file=sys.stderr)
        return 2

    articles = load(args.data, args.part)
    wall = time.perf_counter()
    preds = [(aid, extract_quotes(text)) for aid, text in articles]
    wall = time.perf_counter() - wall

    out = args.out or Path(tempfile.gettempdir()) / f"quotes-pred-{args.part}.jsonl"
    gold = Path(tempfile.gettempdir()) / f"quotes-gold-{args.part}.jsonl"
    ids = {aid for aid, _ in articles}
    with open(gold, "w", encoding="utf-8") as g:
        for line in open(args.data / "gold.jsonl", encoding="utf-8"):
            if json.loads(line)["id"] in ids:
                g.write(line)
    with open(out, "w", encoding="utf-8") as f:
        for aid, quotes in preds:
            record = {
                "id": aid,
                "quotes": [
                    {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
                    for q in quotes
                ],
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles ({args.part}); predictions in {out}")
    command = [sys.executable, str(SCORER), str(gold), str(out), "--by-via"]
    if args.errors:
        command += ["--errors", str(args.errors)]
    subprocess.run(command, check=True)

    rate, ratio = cpu_rate([text for _, text in articles], args.repeats)
    print(
        f"speed: {rate:,.0f} articles per CPU-second in one process (best of {args.repeats}; "
        f"{ratio:.0f}x the time of a bare quote-regex pass over the same texts); "
        f"first pass {len(articles) / wall:,.0f} articles/s wall-clock"
    )
    if args.baseline:
        base, ours = ratio_to(
            load_baseline(args.baseline), [text for _, text in articles], args.repeats
        )
        print(
            f"speed against {args.baseline}: {ours:,.0f} vs {base:,.0f} articles per CPU-second, "
            f"ratio {ours / base:.2f} (best of {args.repeats}, alternating, same process)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
