"""Messages that name parameters: the library says `since`, each front end spells it its own way.

The CLI says `--since`, the HTTP API `parameter 'since'`, the Python API `since`. A message
is kept as parts, a Param part naming a parameter, and rendered by the front end that shows it.
"""

from __future__ import annotations

from collections.abc import Callable

Spelling = Callable[[str], str]


class Param(str):
    """A parameter's name inside a message."""


def python_name(name: str) -> str:
    """A parameter as the Python API knows it: the keyword argument's name."""
    return name


def spell(parts: tuple[str, ...], spelling: Spelling) -> str:
    """The parts joined, each Param named by spelling(name)."""
    return "".join(spelling(part) if isinstance(part, Param) else part for part in parts)


class Message(str):
    """A message (as the Python API words it) that keeps its parts for other front ends."""

    parts: tuple[str, ...]

    def __new__(cls, *parts: str) -> Message:
        message = super().__new__(cls, spell(parts, python_name))
        message.parts = parts
        return message

    def __reduce__(self):
        return (Message, self.parts)

    def spelled(self, spelling: Spelling) -> str:
        """The message with each parameter named by spelling(name)."""
        return spell(self.parts, spelling)


def spelled(message: str, spelling: Spelling) -> str:
    """Any message as a front end shows it: a Message re-spelled, a plain string as it is."""
    return message.spelled(spelling) if isinstance(message, Message) else message


def partial_notice(missing_shards: tuple[int, ...] | list[int]) -> str:
    """What a partial answer tells its reader: which shards did not answer, and what that means."""
    shards = sorted(missing_shards)
    if len(shards) == 1:
        return (
            f"partial answer: shard {shards[0]} did not answer; "
            "its articles are missing from these results and counts"
        )
    return (
        f"partial answer: shards {', '.join(map(str, shards))} did not answer; "
        "their articles are missing from these results and counts"
    )


# A message as JSON: its parts, text as strings and each parameter as {"param": name}.
Parts = list[str | dict[str, str]]


def message_parts(message: str) -> Parts:
    """A message's parts as JSON, so that a client of the HTTP API names its parameters its own way."""
    parts = message.parts if isinstance(message, Message) else (message,)
    return [{"param": str(part)} if isinstance(part, Param) else str(part) for part in parts]


def message_of_parts(parts: Parts) -> Message:
    """The message of parts written by message_parts."""
    return Message(*(Param(part["param"]) if isinstance(part, dict) else part for part in parts))
