"""Run the `$ searcher …` examples of a documentation page and compare (or rewrite) their shown output.

A ```console block holds commands (lines starting with `$ searcher`) each followed by
the output it prints on stdout. `| head -N` after a command keeps its first N lines.
The commands run in order through click's CliRunner, against the index given.

    python tests/doc_examples.py docs/analysis.md      # rewrite the outputs in place
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"```console\n(.*?)```", re.S)
_HEAD = re.compile(r"\s*\|\s*head\s+-(\d+)\s*$")


def run_command(line: str, index: Path, corpus: Path) -> str:
    """The stdout of one `searcher …` command line (after `$ `)."""
    from click.testing import CliRunner

    from searcher.cli import main

    keep = None
    found = _HEAD.search(line)
    if found:
        keep = int(found.group(1))
        line = line[: found.start()]
    args = shlex.split(line)
    assert args[0] == "searcher", line
    env = {"SEARCHER_INDEX": str(index), "SEARCHER_CORPUS": str(corpus), "NO_COLOR": "1"}
    result = CliRunner().invoke(main, args[1:], env=env, catch_exceptions=False)
    out = result.stdout
    if keep is not None:
        out = "".join(out.splitlines(keepends=True)[:keep])
    return out


def render(text: str, index: Path, corpus: Path) -> str:
    """The page with each example's output replaced by what the command prints now."""

    def block(match: re.Match) -> str:
        out = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                out.append(line + "\n")
                out.append(run_command(line[2:], index, corpus))
        return "```console\n" + "".join(out) + "```"

    return _BLOCK.sub(block, text)


def main(argv: list[str]) -> int:
    import tempfile

    sys.path.insert(0, str(REPO))
    from searcher.index import rebuild

    corpus = REPO / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        rebuild(corpus, index)
        for name in argv:
            path = Path(name)
            path.write_text(
                render(path.read_text(encoding="utf-8"), index, corpus), encoding="utf-8"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
