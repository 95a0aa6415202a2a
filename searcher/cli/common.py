"""Pieces shared by the commands: lazy loading, common options, error reporting."""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from typing import Any

import click

from ..config import CORPUS_ENV, DEFAULT_CORPUS, DEFAULT_INDEX, INDEX_ENV, REMOTE_ENV


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is used."""

    def __init__(
        self, *args: Any, lazy_commands: dict[str, tuple[str, str]] | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy_commands))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The help text, with {corpus} and {index} replaced by the commands that take those options."""
        saved = self.help
        if saved and "{corpus}" in saved:
            import inspect

            self.help = inspect.cleandoc(saved).format(
                corpus=self._takers(ctx, "--corpus"), index=self._takers(ctx, "--index")
            )
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = saved

    def _takers(self, ctx: click.Context, option: str) -> str:
        """The commands with a value option named `option`, wrapped onto indented lines."""
        import textwrap

        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        names = [
            name
            for name, command in commands
            if command is not None
            and any(option in p.opts and not getattr(p, "is_flag", False) for p in command.params)
        ]
        return "\n".join(
            textwrap.wrap(", ".join(names), 68, initial_indent="  ", subsequent_indent="  ")
        )

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands:
            module_name, attr = self.lazy_commands[name]
            # Command modules import their optional extras (serve's) only when they run,
            # so every command is listed and says itself what is missing.
            return getattr(importlib.import_module(module_name), attr)
        return super().get_command(ctx, name)


corpus_option = click.option(
    "--corpus",
    "corpus",
    envvar=CORPUS_ENV,
    default=DEFAULT_CORPUS,
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help=f"Corpus folder of raw pages (env {CORPUS_ENV}).",
)

index_option = click.option(
    "--index",
    "index",
    envvar=INDEX_ENV,
    default=DEFAULT_INDEX,
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help=f"Index folder (env {INDEX_ENV}).",
)


remote_option = click.option(
    "--remote",
    "remote",
    envvar=REMOTE_ENV,
    default=None,
    metavar="URL",
    help="Ask the searcher HTTP API at URL (`searcher serve`, `searcher cluster serve`) "
    f"instead of the local index (env {REMOTE_ENV}).",
)


def format_option(*choices: str, default: str = "text") -> Callable:
    """An --format option limited to the given choices."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def reports_errors(func: Callable) -> Callable:
    """Turn library errors into a one-line message and exit code 2, never a traceback."""
    from ..errors import QueryError, SearcherError

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except QueryError as exc:
            raise UserError(exc.spelled(cli_flag)) from None
        except SearcherError as exc:
            raise UserError(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (`searcher search … | head`): stop quietly, as Unix tools do.
            _silence_stdout()
            sys.exit(141)
        except OSError as exc:
            raise UserError(
                f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
            ) from None

    return wrapper


def cli_flag(name: str) -> str:
    """A parameter as the command line knows it: since -> --since."""
    return "--" + name.replace("_", "-")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit raises no second BrokenPipeError."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (a test runner's buffer): nothing will be flushed to a pipe


class UserError(click.ClickException):
    """A one-line error with exit code 2."""

    exit_code = 2


def wants_color(stream: Any) -> bool:
    """True when output to `stream` may be coloured: a terminal, and neither NO_COLOR nor TERM=dumb set.

    (https://no-color.org: NO_COLOR set to anything but the empty string turns colour off.)
    """
    import os

    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 article', '2 articles' ("1 matching quotation in 3 articles")."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


def failure_lines(failed: list, shown: int = 20) -> list[str]:
    """A run's failed pages as report lines: the first `shown`, then how many more."""
    lines = [f"  failed: {failure.page}: {failure.reason}" for failure in failed[:shown]]
    if len(failed) > shown:
        lines.append(f"  … and {len(failed) - shown} more failures (--format json lists them all)")
    return lines


def note(message: str) -> None:
    """A message for the user on stderr (results go to stdout)."""
    click.echo(message, err=True)
