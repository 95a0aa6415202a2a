"""The records cache key follows the normalizer's source, and `rebuild --renormalize` ignores the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from index_helpers import CountingNormalizer, synthetic_articles, write_json_page

from searcher import normalize
from searcher.cli import main
from searcher.index import rebuild
from searcher.sourcehash import PACKAGE_ROOT, digest_of, source_digest

PACKAGES = ("searcher.normalize", "searcher.quotes")


def test_the_version_is_the_source_hash():
    assert normalize.NORMALIZER_VERSION == source_digest(*PACKAGES)
    assert len(normalize.NORMALIZER_VERSION) == 16


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "searcher"
    shutil.copytree(PACKAGE_ROOT, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_any_change_to_what_normalizing_runs_changes_the_version(tmp_path):
    root = _tree(tmp_path)
    before = digest_of(root, PACKAGES)
    assert before == source_digest(*PACKAGES)
    for changed in ("quotes/cues.py", "normalize/body.py", "textfold.py", "article.py"):
        path = root / changed
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\n# changed\n", encoding="utf-8")
        assert digest_of(root, PACKAGES) != before, changed
        path.write_text(original, encoding="utf-8")
    assert digest_of(root, PACKAGES) == before


def test_code_normalizing_never_runs_leaves_the_version_alone(tmp_path):
    root = _tree(tmp_path)
    before = digest_of(root, PACKAGES)
    for unrelated in (
        "search/api.py",
        "serve/app.py",
        "cli/search.py",
        "index/build.py",
        "normalize/inputs.py",
        "crawl/fetch.py",
    ):
        path = root / unrelated
        path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert digest_of(root, PACKAGES) == before


def test_rebuild_renormalize_ignores_the_cache(tmp_path):
    corpus = tmp_path / "corpus"
    for n, article in enumerate(synthetic_articles(4)):
        write_json_page(corpus, f"p{n}.txt", article)
    norm = CountingNormalizer()
    rebuild(corpus, tmp_path / "ix", normalizer=norm, workers=1)
    norm.calls.clear()
    assert (
        rebuild(corpus, tmp_path / "ix", normalizer=norm, workers=1).normalized == 0
        and norm.calls == []
    )
    report = rebuild(corpus, tmp_path / "ix", normalizer=norm, workers=1, renormalize=True)
    assert report.normalized == 4 and len(norm.calls) == 4 and report.added == 4


def test_cli_rebuild_renormalize(tmp_path, bundled_corpus):
    small = tmp_path / "corpus"
    shutil.copytree(bundled_corpus / "millbrook-courier", small / "millbrook-courier")
    args = ["--corpus", str(small), "--index", str(tmp_path / "ix"), "--workers", "1"]
    first = CliRunner().invoke(main, ["rebuild", *args])
    assert first.exit_code == 0 and "7 pages normalized" in first.output
    again = CliRunner().invoke(main, ["rebuild", *args])
    assert again.exit_code == 0 and "0 pages normalized" in again.output
    forced = CliRunner().invoke(main, ["rebuild", "--renormalize", *args])
    assert forced.exit_code == 0 and "7 pages normalized" in forced.output
