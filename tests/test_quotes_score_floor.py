"""Scores on ../shared/data/quotes stay at or above the level reached (regression guard)."""

from __future__ import annotations

import importlib.util
import json

import pytest

from searcher.quotes import extract_quotes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores(shared_data):
    data = shared_data / "quotes"
    scorer = shared_data.parent / "eval" / "score_quotes.py"
    if not (data / "gold.jsonl").is_file() or not scorer.is_file():
        pytest.skip("quotes gold or scorer not present")
    spec = importlib.util.spec_from_file_location("score_quotes", scorer)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    tp = n_pred = n_gold = spk_n = spk_strict = spk_lenient = e2e_lenient = 0
    for line in open(data / "gold.jsonl", encoding="utf-8"):
        gold = json.loads(line)
        text = (data / "texts" / f"{gold['id']}.txt").read_text(encoding="utf-8")
        preds = [
            {"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end}
            for q in extract_quotes(text)
        ]
        pairs = mod.match(preds, gold["quotes"])
        tp += len(pairs)
        n_pred += len(preds)
        n_gold += len(gold["quotes"])
        for i, j in pairs:
            ps, gs = preds[i]["speaker"], gold["quotes"][j]["speaker"]
            ok_lenient = mod.speaker_ok(ps, gs, True)
            e2e_lenient += ok_lenient
            if gs:
                spk_n += 1
                spk_strict += mod.speaker_ok(ps, gs, False)
                spk_lenient += ok_lenient
    p, r = tp / n_pred, tp / n_gold
    ep, er = e2e_lenient / n_pred, e2e_lenient / n_gold
    return {
        "f1": 2 * p * r / (p + r),
        "speaker_strict": spk_strict / spk_n,
        "speaker_lenient": spk_lenient / spk_n,
        "e2e_lenient": 2 * ep * er / (ep + er),
    }


def test_quote_detection_f1(scores):
    assert scores["f1"] >= 0.9595, scores


def test_speaker_accuracy(scores):
    assert scores["speaker_lenient"] >= 0.859, scores
    assert scores["speaker_strict"] >= 0.7945, scores


def test_end_to_end_f1(scores):
    assert scores["e2e_lenient"] >= 0.753, scores
