"""The README's quickstart and search examples print what the README shows, on the bundled corpus.

Each `$ searcher …` line of a plain code block in those sections is run from a folder holding
a copy of the corpus (so the default corpus/ and indexes/ paths are the README's); stderr and
stdout are compared together, in the order printed. A line `   …` in the shown output
stands for any lines.
"""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
from click.testing import CliRunner

from searcher.cli import main

_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.DOTALL | re.MULTILINE)
_ELIDED = "   …"


def section(readme: str, name: str) -> str:
    """The text between a README section's markers."""
    return readme.split(f"<!-- section:{name} -->", 1)[1].split(f"<!-- /section:{name} -->", 1)[0]


def examples(text: str) -> list[tuple[str, str]]:
    """(command line, shown output) of each `$ searcher …` line in the plain code blocks of text."""
    found = []
    for lang, block in _BLOCK.findall(text):
        if lang:
            continue
        parts = re.split(r"^\$ (searcher .*)\n", block, flags=re.MULTILINE)
        found.extend(
            (command, shown.rstrip("\n") + "\n")
            for command, shown in zip(parts[1::2], parts[2::2], strict=False)
        )
    return found


def matches(shown: str, printed: str) -> bool:
    """Whether printed is shown, with each elided line standing for any lines."""
    pattern = "".join(
        r"(?:.*\n)*?" if line == _ELIDED else re.escape(line + "\n") for line in shown.splitlines()
    )
    return re.fullmatch(pattern, printed) is not None


@pytest.fixture()
def checkout(tmp_path, bundled_corpus, monkeypatch):
    """A folder holding a copy of the bundled corpus and no index yet, as current directory."""
    shutil.copytree(bundled_corpus, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    for name in ("SEARCHER_INDEX", "SEARCHER_CORPUS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_readme_quickstart_and_search_examples(repo_root, checkout):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    quickstart = section(readme, "quickstart")
    first = re.search(r"\.venv/bin/(searcher search .*)$", quickstart, re.MULTILINE).group(1)
    shown = _BLOCK.search(quickstart, quickstart.index("What the first command prints")).group(2)
    cases = [(first, shown), *examples(section(readme, "search"))]
    assert len(cases) >= 6
    runner = CliRunner()
    for command, shown in cases:
        result = runner.invoke(
            main, shlex.split(command)[1:], env={"NO_COLOR": "1"}, catch_exceptions=False
        )
        assert matches(shown, result.output), (
            f"{command}\n--- README shows:\n{shown}--- it prints:\n{result.output}"
        )
