"""The commands' request options, derived from the request specs (and through them the field table).

Values reach the command as given (text): the request checks them, so a bad `--limit`
gets the same one-line message as a bad `limit` over HTTP, naming `--limit`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import click

from ..search.request import CLI, Limits, Request, Spec
from .common import cli_flag


def _metavar(spec: Spec, limits: Limits) -> str:
    if spec.choices:
        return "[" + "|".join(spec.choices) + "]"
    high = limits.high(spec)
    if spec.kind in ("whole", "number") and spec.low is not None and high is not None:
        return f"{spec.low:g}-{high:g}"
    return {"whole": "INTEGER", "number": "NUMBER", "date": "DATE"}.get(spec.kind, "TEXT")


def spec_option(spec: Spec, limits: Limits = CLI) -> Callable[[Callable], Callable]:
    """The click option of one spec: `--name VALUE`, a flag, or `--name/--no-name` when unset means 'decide'."""
    flag = cli_flag(spec.name)
    if spec.kind == "flag":
        if spec.default is None:
            return click.option(f"{flag}/--no-{flag[2:]}", spec.name, default=None, help=spec.help)
        return click.option(flag, spec.name, is_flag=True, help=spec.help)
    shown = spec.default not in (None, ())
    return click.option(
        flag,
        spec.name,
        type=click.STRING,
        metavar=_metavar(spec, limits),
        multiple=spec.many,
        default=spec.default if shown else None,
        show_default=shown,
        help=spec.help,
    )


def request_options(
    request: type[Request], skip: Iterable[str] = (), limits: Limits = CLI
) -> Callable[[Callable], Callable]:
    """The options of a request, handed to the command together as one `options` dict.

    Build the request in the command (`Request.of(text, CLI, **options)`), inside
    reports_errors, so that a bad value is a one-line error naming the flag.
    """
    specs = [s for s in request.SPECS if s.name not in set(skip)]

    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            kwargs["options"] = {s.key: kwargs.pop(s.name) for s in specs}
            return func(*args, **kwargs)

        command: Callable = wrapper
        for spec in reversed(specs):
            command = spec_option(spec, limits)(command)
        return command

    return decorate
