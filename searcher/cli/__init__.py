"""The `searcher` command line: a click group whose commands call the library and print."""

from __future__ import annotations

import click

from .. import __version__
from .common import LazyGroup

# Each command lives in its own module and is imported only when it runs,
# so `searcher search` does not pay for the crawler's or the server's imports.
COMMANDS = {
    "crawl": ("searcher.cli.crawl", "crawl"),
    "extract": ("searcher.cli.extract", "extract"),
    "index": ("searcher.cli.index", "index"),
    "rebuild": ("searcher.cli.index", "rebuild"),
    "stats": ("searcher.cli.index", "stats"),
    "search": ("searcher.cli.search", "search"),
    "quotes": ("searcher.cli.search", "quotes"),
    "show": ("searcher.cli.search", "show"),
    "serve": ("searcher.cli.serve", "serve"),
    "timeline": ("searcher.cli.analysis", "timeline"),
    "trail": ("searcher.cli.analysis", "trail"),
    "terms": ("searcher.cli.analysis", "terms"),
    "collections": ("searcher.cli.analysis", "collections"),
    "cluster": ("searcher.cli.cluster", "cluster"),
}


@click.group(
    cls=LazyGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)
# The version from the package itself: a checkout run with PYTHONPATH has no installed metadata.
@click.version_option(__version__, prog_name="searcher")
def main() -> None:
    """Search an archive of news articles: crawl pages, index them, ask who said what.

    \b
    --corpus (or $SEARCHER_CORPUS, default ./corpus) is taken by:
    {corpus}
    --index (or $SEARCHER_INDEX, default ./indexes/default) is taken by:
    {index}
    (crawl names it --index-path: its --index means "index when done".)
    """
