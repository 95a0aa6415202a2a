"""Run the examples of README.md and docs/*.md and compare (or rewrite) the outputs they show.

What a page's fenced blocks mean:

- ```console: a session. Each `$ COMMAND` line is followed by what it prints (stdout and
  stderr, as printed). `$ searcher …` runs in this process through click (`| head -N` keeps
  the first N lines); `$ curl -s 'URL'` asks the `searcher serve` app over indexes/default;
  any other command runs in bash.
- ```python: a script, run; the ```output block right after it is what it prints (a script
  that prints with no output block after it fails).
- ```pycon: `>>>` examples, run by doctest.
- ```sh (commands shown without their output), ```text, ```json: shown, not run. A block
  with no language fails: say which of these it is.

A page runs in a fresh folder, its current directory (shown in outputs as /tmp/demo), set up
as its comment `<!-- examples: SETUP… -->` says (without one: `corpus`): `corpus` copies the
bundled corpus there (no index yet: the first search builds it), `indexed` adds its index at
indexes/default, `fixture-site` serves tests/crawlsite.py's site (shown at 127.0.0.1:8765),
`served` runs a real `searcher serve` over indexes/default (shown at 127.0.0.1:8000, what
`--remote` examples ask), `saved-articles` writes two pages to save in saved-articles/. Seconds (`0.5s`) and index
generation names are not compared; a shown line `   …` stands for any lines.

    python tests/doc_examples.py [PAGE…]   # rewrite the outputs shown (default: every page)
"""

from __future__ import annotations

import atexit
import contextlib
import doctest
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
LANGUAGES = {"console", "python", "output", "pycon", "sh", "text", "json"}
DOC_FOLDER, DOC_PORT, DOC_SERVE_PORT = "/tmp/demo", "8765", "8000"

_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.S | re.M)
_SETUPS = re.compile(r"<!-- examples: ([\w -]+) -->")
_HEAD = re.compile(r"\s*\|\s*head\s+-(\d+)\s*$")
_CURL = re.compile(r"curl -s '([^']+)'$")
_ELIDED = "   …"
# The parts of an output that differ from run to run: durations, generation and segment names.
_VOLATILE = re.compile(r"\b\d+\.\d+s\b|gen-\d{8}T\d{6}-\d+(?:-\d+)?|\bMAIN_[a-z0-9]{16}\b")


@dataclass
class Example:
    """One thing a page shows being run: a command or a script, and the output shown for it."""

    kind: str  # "command", "python" or "pycon"
    code: str
    shown: str | None  # None: a script shown without its output
    span: tuple[int, int]  # where the shown output is in the page (rewritten in place)
    line: int


def fences(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(language, body, body start, line number) of each fenced block of a page."""
    for match in _FENCE.finditer(text):
        yield (
            match.group(1).strip(),
            match.group(2),
            match.start(2),
            text.count("\n", 0, match.start()) + 1,
        )


def examples(text: str) -> list[Example]:
    """Every example of a page, in order."""
    found: list[Example] = []
    blocks = list(fences(text))
    for i, (lang, body, start, line) in enumerate(blocks):
        if lang == "console":
            for command in re.finditer(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", body, re.M):
                span = (start + command.start(2), start + command.end(2))
                found.append(Example("command", command.group(1), command.group(2), span, line))
        elif lang == "python":
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            if after and after[0] == "output":
                span = (after[2], after[2] + len(after[1]))
                found.append(Example("python", body, after[1], span, line))
            else:
                found.append(Example("python", body, None, (start, start), line))
        elif lang == "pycon":
            found.append(Example("pycon", body, body, (start, start + len(body)), line))
    return found


def misused_blocks(text: str) -> list[str]:
    """What is wrong with a page's blocks: no known language, output that no command or script
    printed (text before a console block's first `$ ` line, an output block after no script)."""
    problems = []
    blocks = list(fences(text))
    for i, (lang, body, _, line) in enumerate(blocks):
        if (lang.split() or [""])[0] not in LANGUAGES:
            problems.append(
                f"line {line}: say which block this is ({', '.join(sorted(LANGUAGES))})"
            )
        elif lang == "console" and not body.startswith("$ "):
            problems.append(f"line {line}: a console block starts with a `$ ` command")
        elif lang == "output" and (i == 0 or blocks[i - 1][0] != "python"):
            problems.append(
                f"line {line}: an output block follows the python script that prints it"
            )
    return problems


def setups(text: str) -> list[str]:
    """The setups a page's examples ask for."""
    found = _SETUPS.search(text)
    return found.group(1).split() if found else ["corpus"]


def matches(shown: str, printed: str) -> bool:
    """Whether printed is what is shown, volatile parts aside, `   …` standing for any lines."""
    volatile = f"(?:{_VOLATILE.pattern})"
    pattern = "".join(
        r"(?:.*\n)*?"
        if line == _ELIDED
        else volatile.join(re.escape(part) for part in _VOLATILE.split(line)) + r"\n"
        for line in shown.splitlines()
    )
    return re.fullmatch(pattern, printed) is not None


_PREBUILT: dict[str, Path] = {}


def prebuilt_index() -> Path:
    """An index of the bundled corpus, built once per process (its records cache included)."""
    if "index" not in _PREBUILT:
        from searcher.index import rebuild

        folder = Path(tempfile.mkdtemp(prefix="doc-examples-"))
        atexit.register(shutil.rmtree, folder, True)
        rebuild(REPO / "corpus", folder / "index")
        _PREBUILT["index"] = folder / "index"
    return _PREBUILT["index"]


def write_saved_articles(folder: Path) -> None:
    """Two invented pages in saved-articles/, for the crawl page's first example."""
    (folder / "saved-articles" / "2026").mkdir(parents=True)
    (folder / "saved-articles" / "council-notes.txt").write_text(
        "Council notes\n\nThe harbour committee agreed to repaint the fish market before the summer.\n"
    )
    (folder / "saved-articles" / "2026" / "harbour-fog.html").write_text(
        "<html><head><title>Fog closes the harbour mouth</title></head><body><article><h1>Fog "
        "closes the harbour mouth</h1><p>Pilots kept the ferries at the quay until noon.</p>"
        "</article></body></html>"
    )


@dataclass
class Sandbox:
    """The folder a page's examples run in, and what its setups started."""

    folder: Path
    port: str = DOC_PORT
    serve_port: str = DOC_SERVE_PORT
    stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    app_client: object = None

    def start(self, names: list[str]) -> None:
        known = {"corpus", "indexed", "served", "fixture-site", "saved-articles"}
        if unknown := set(names) - known:
            raise ValueError(f"unknown setup {sorted(unknown)}: use {sorted(known)}")
        if "corpus" in names or "indexed" in names:
            shutil.copytree(REPO / "corpus", self.folder / "corpus")
        if "indexed" in names:
            shutil.copytree(prebuilt_index(), self.folder / "indexes" / "default")
        if "saved-articles" in names:
            write_saved_articles(self.folder)
        if "fixture-site" in names:
            from crawlsite import Site, SiteServer

            self.port = str(self.stack.enter_context(SiteServer(Site())).port)
        if "served" in names:
            from served import serving

            url = self.stack.enter_context(serving(self.folder / "indexes" / "default"))
            self.serve_port = url.rstrip("/").rsplit(":", 1)[1]

    def close(self) -> None:
        self.stack.close()

    def here(self, text: str) -> str:
        """A page's text as it runs here: this folder, this port."""
        return (
            text.replace(f"127.0.0.1:{DOC_PORT}", f"127.0.0.1:{self.port}")
            .replace(f"127.0.0.1_{DOC_PORT}", f"127.0.0.1_{self.port}")
            .replace(f"127.0.0.1:{DOC_SERVE_PORT}", f"127.0.0.1:{self.serve_port}")
            .replace(DOC_FOLDER, str(self.folder))
        )

    def in_doc(self, text: str) -> str:
        """An output as the page shows it."""
        return (
            text.replace(f"127.0.0.1:{self.port}", f"127.0.0.1:{DOC_PORT}")
            .replace(f"127.0.0.1_{self.port}", f"127.0.0.1_{DOC_PORT}")
            .replace(f"127.0.0.1:{self.serve_port}", f"127.0.0.1:{DOC_SERVE_PORT}")
            .replace(str(self.folder), DOC_FOLDER)
        )

    def run(self, example: Example) -> str:
        """What the example prints, as the page would show it."""
        code = self.here(example.code)
        if example.kind == "python":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, f"<example at line {example.line}>", "exec"), {})
            printed = out.getvalue()
        elif example.kind == "pycon":
            printed = self.doctest(code, example.line)
        elif code.startswith("searcher "):
            printed = self.searcher(code)
        elif _CURL.fullmatch(code):
            printed = self.curl(_CURL.fullmatch(code).group(1))
        else:
            done = subprocess.run(
                ["bash", "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            printed = done.stdout
        return self.in_doc(printed)

    def searcher(self, line: str) -> str:
        from click.testing import CliRunner

        from searcher.cli import main

        keep = None
        if found := _HEAD.search(line):
            keep, line = int(found.group(1)), line[: found.start()]
        env = {"NO_COLOR": "1", "SEARCHER_INDEX": None, "SEARCHER_CORPUS": None}
        args = shlex.split(line, comments=True)[1:]
        result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
        lines = result.output.splitlines(keepends=True)
        return "".join(lines[:keep] if keep is not None else lines)

    def curl(self, url: str) -> str:
        if self.app_client is None:
            import warnings

            with warnings.catch_warnings():
                # Starlette 1.x prefers the httpx2 package for its TestClient but works with httpx.
                warnings.simplefilter("ignore")
                from starlette.testclient import TestClient

            from searcher.serve import create_app

            client = TestClient(create_app(self.folder / "indexes" / "default"))
            self.app_client = self.stack.enter_context(client)
        answer = self.app_client.get(urlsplit(url)._replace(scheme="", netloc="").geturl())
        return answer.text if answer.text.endswith("\n") else answer.text + "\n"

    def doctest(self, code: str, line: int) -> str:
        """The doctest report of failures: empty when every `>>>` example prints what is shown."""
        test = doctest.DocTestParser().get_doctest(code, {}, f"line {line}", None, line)
        report = io.StringIO()
        doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test, out=report.write)
        return report.getvalue()


def run_page(path: Path) -> tuple[str, list[str]]:
    """The page with every shown output replaced by what its example prints now, and what differed."""
    text = path.read_text(encoding="utf-8")
    found = examples(text)
    differences: list[str] = []
    pieces: list[str] = []
    done = 0
    with tempfile.TemporaryDirectory() as tmp, _inside(Path(tmp)) as folder:
        sandbox = Sandbox(folder)
        try:
            sandbox.start(setups(text))
            for example in found:
                printed = sandbox.run(example)
                if example.kind == "pycon":
                    if printed:
                        differences.append(f"{path.name}:{example.line}: doctest\n{printed}")
                    continue
                shown = example.shown
                if shown is None:
                    if printed:
                        differences.append(
                            f"{path.name}:{example.line}: this script prints; add an ```output block after it"
                        )
                    continue
                if matches(shown, printed):
                    continue
                differences.append(
                    f"{path.name}:{example.line}: {example.code.splitlines()[0]}\n"
                    f"--- the page shows:\n{shown}--- it prints:\n{printed}"
                )
                pieces.append(text[done : example.span[0]] + printed)
                done = example.span[1]
        finally:
            sandbox.close()
    return "".join(pieces) + text[done:], differences


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[Path]:
    """Work in folder, with no index or corpus named by the environment."""
    old = os.getcwd()
    saved = {name: os.environ.pop(name, None) for name in ("SEARCHER_INDEX", "SEARCHER_CORPUS")}
    os.chdir(folder)
    try:
        yield folder.resolve()
    finally:
        os.chdir(old)
        for name, value in saved.items():
            if value is not None:
                os.environ[name] = value


def main(argv: list[str]) -> int:
    sys.path[:0] = [str(REPO), str(REPO / "tests")]
    for page in [Path(name).resolve() for name in argv] or PAGES:
        text, differences = run_page(page)
        if differences:
            page.write_text(text, encoding="utf-8")
        for difference in differences:
            if ": doctest\n" in difference:  # doctest examples are mended by hand
                print(difference, file=sys.stderr)
        print(f"{page.relative_to(REPO)}: {len(differences)} outputs differed (rewritten)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
