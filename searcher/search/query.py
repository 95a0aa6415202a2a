"""The query language: words, "phrases", AND/OR/NOT, -exclusion and field:value, parsed to a tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import QueryError
from ..fields import QUERY_FIELDS

# Names a user may put before a colon, mapped to the index field behind each.
FIELDS: dict[str, str] = QUERY_FIELDS

OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Word:
    """One word to find, in one field or (field None) in every searchable field."""

    text: str
    field: str | None = None


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together in this order."""

    words: tuple[str, ...]
    field: str | None = None
    text: str = ""


@dataclass(frozen=True)
class All:
    """Every part must match."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Any:
    """At least one part must match."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The part must not match."""

    part: Node


@dataclass(frozen=True)
class Excluding:
    """`include` matches and none of `exclude` does."""

    include: Node
    exclude: tuple[Node, ...]


# A parsed query: a word, a phrase, or a group of them.
Node = Word | Phrase | All | Any | Not | Excluding


@dataclass
class _Token:
    kind: str  # word, phrase, lparen, rparen, op, field, minus, plus
    value: str = ""
    pos: int = 0
    words: tuple[str, ...] = field(default_factory=tuple)


# A phrase, a parenthesis, or a run of non-space characters.
_SCAN = re.compile(r'\s+|"|\(|\)|[^\s()"]+')
_FIELD = re.compile(r"^([A-Za-z]+):(.*)$")
_WORDS = re.compile(r"\w+(?:[.'’]\w+)*", re.UNICODE)


def _split_words(text: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(text))


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise QueryError(f'unclosed quotation mark at character {i + 1}: add the closing "')
            inner = text[i + 1 : close]
            tokens.append(_Token("phrase", inner, i, _split_words(inner)))
            i = close + 1
            continue
        if ch == "(":
            tokens.append(_Token("lparen", ch, i))
            i += 1
            continue
        if ch == ")":
            tokens.append(_Token("rparen", ch, i))
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in '()"':
            j += 1
        chunk = text[i:j]
        start = i
        i = j
        if chunk in OPERATORS:
            tokens.append(_Token("op", chunk, start))
            continue
        if chunk in ("&&", "||"):
            tokens.append(_Token("op", "AND" if chunk == "&&" else "OR", start))
            continue
        if chunk[0] in "-+" and len(chunk) > 1 or (chunk in "-+" and i < n and text[i] in '("'):
            tokens.append(_Token("minus" if chunk[0] == "-" else "plus", chunk[0], start))
            chunk = chunk[1:]
            start += 1
            if not chunk:
                continue
        match = _FIELD.match(chunk)
        if match and not match.group(2).startswith("//"):
            name = match.group(1).lower()
            if name not in FIELDS:
                known = ", ".join(sorted(set(FIELDS)))
                raise QueryError(f"unknown field {match.group(1)!r} (known fields: {known})")
            tokens.append(_Token("field", FIELDS[name], start))
            rest = match.group(2)
            if rest:
                tokens.append(_Token("word", rest, start + len(match.group(1)) + 1))
            elif i >= n or text[i].isspace():
                raise QueryError(f"{match.group(1)}: needs a value right after the colon")
            continue
        tokens.append(_Token("word", chunk, start))
    return tokens


# Deeper nesting of brackets and NOTs than any person writes; beyond it, recursion would overflow.
MAX_NESTING = 50


class _Parser:
    """Recursive descent: or := seq (OR seq)*; seq := and+; and := unary (AND unary)*."""

    def __init__(self, tokens: list[_Token], any_mode: bool):
        self.tokens = tokens
        self.i = 0
        self.any_mode = any_mode
        self.depth = 0

    def nest(self, token: _Token) -> None:
        """One level deeper (a bracket or a NOT); QueryError past MAX_NESTING."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QueryError(
                f"the query nests too deeply at character {token.pos + 1} (at most {MAX_NESTING} levels)"
            )

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self):
        if not self.tokens:
            raise QueryError("empty query: give at least one word to search for")
        node = self.parse_or()
        token = self.peek()
        if token is not None:
            if token.kind == "rparen":
                raise QueryError(f"unmatched ')' at character {token.pos + 1}")
            raise QueryError(f"unexpected {token.value!r} at character {token.pos + 1}")
        return node

    def parse_or(self):
        parts = [self.parse_seq()]
        while (token := self.peek()) is not None and token.kind == "op" and token.value == "OR":
            self.take()
            if (after := self.peek()) is None or after.kind == "rparen":
                raise QueryError(f"OR at character {token.pos + 1} needs something after it")
            parts.append(self.parse_seq())
        return parts[0] if len(parts) == 1 else Any(tuple(parts))

    def parse_seq(self):
        include, exclude = [], []
        while (
            (token := self.peek()) is not None
            and token.kind != "rparen"
            and not (token.kind == "op" and token.value == "OR")
        ):
            node = self.parse_and()
            if isinstance(node, Not):
                exclude.append(node.part)
            else:
                include.append(node)
        if not include and not exclude:
            token = self.peek()
            where = (
                f" before {token.value!r} at character {token.pos + 1}" if token else " at the end"
            )
            raise QueryError(f"missing words{where}")
        if not include:
            raise QueryError("a query needs at least one word to look for, not only exclusions")
        if len(include) == 1:
            positive = include[0]
        else:
            positive = Any(tuple(include)) if self.any_mode else All(tuple(include))
        return Excluding(positive, tuple(exclude)) if exclude else positive

    def parse_and(self):
        parts = [self.parse_unary()]
        while (token := self.peek()) is not None and token.kind == "op" and token.value == "AND":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind == "rparen" or (nxt.kind == "op" and nxt.value != "NOT"):
                raise QueryError(f"AND at character {token.pos + 1} needs something after it")
            parts.append(self.parse_unary())
        if len(parts) == 1:
            return parts[0]
        include = [p for p in parts if not isinstance(p, Not)]
        exclude = [p.part for p in parts if isinstance(p, Not)]
        if not include:
            raise QueryError("a query needs at least one word to look for, not only exclusions")
        positive = include[0] if len(include) == 1 else All(tuple(include))
        return Excluding(positive, tuple(exclude)) if exclude else positive

    def parse_unary(self):
        token = self.peek()
        if token is None:
            raise QueryError("the query ends where a word was expected")
        if (token.kind == "op" and token.value == "NOT") or token.kind == "minus":
            self.take()
            if self.peek() is None:
                raise QueryError(
                    f"{token.value} at character {token.pos + 1} needs something after it"
                )
            self.nest(token)
            inner = self.parse_unary()
            self.depth -= 1
            if isinstance(inner, Not):
                return inner.part
            return Not(inner)
        if token.kind == "plus":
            self.take()
            while (nxt := self.peek()) is not None and nxt.kind == "plus":
                self.take()
            return self.parse_unary()
        return self.parse_atom(None)

    def parse_atom(self, fieldname: str | None):
        token = self.peek()
        if token is None:
            raise QueryError("the query ends where a word was expected")
        if token.kind == "op":
            raise QueryError(f"{token.value} at character {token.pos + 1} needs a word before it")
        if token.kind == "rparen":
            raise QueryError(f"unmatched ')' at character {token.pos + 1}")
        self.take()
        if token.kind == "lparen":
            if (inner := self.peek()) is not None and inner.kind == "rparen":
                raise QueryError(f"empty parentheses at character {token.pos + 1}")
            saved = self._field
            self._field = fieldname or saved
            self.nest(token)
            node = self.parse_or()
            self.depth -= 1
            self._field = saved
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise QueryError(f"unclosed '(' at character {token.pos + 1}: add the closing ')'")
            self.take()
            return node
        if token.kind == "field":
            if fieldname is not None:
                raise QueryError(f"a field inside a field at character {token.pos + 1}")
            nxt = self.peek()
            if nxt is None or nxt.kind not in ("word", "phrase", "lparen"):
                raise QueryError(f"{token.value}: needs a value right after the colon")
            return self.parse_atom(token.value)
        fieldname = fieldname or self._field
        if token.kind == "phrase":
            if not token.words:
                raise QueryError(f'empty phrase "" at character {token.pos + 1}')
            if len(token.words) == 1:
                return Word(token.words[0], fieldname)
            return Phrase(token.words, fieldname, token.value)
        words = _split_words(token.value)
        if not words:
            # Punctuation on its own (a dash, a slash) carries nothing to search for.
            return _NOTHING
        if len(words) == 1:
            return Word(words[0], fieldname)
        # "covid-19" or "U.S.-led": the pieces must appear together.
        return Phrase(words, fieldname, token.value)

    _field: str | None = None


# Placeholder for a token with no searchable characters; dropped by `simplify`.
_NOTHING = All(())


def simplify(node: Node) -> Node | None:
    """The tree without empty groups left by punctuation-only tokens (None when nothing remains)."""
    if isinstance(node, (Word, Phrase)):
        return node
    if isinstance(node, Not):
        inner = simplify(node.part)
        return Not(inner) if inner is not None else None
    if isinstance(node, Excluding):
        include = simplify(node.include)
        exclude = tuple(e for e in (simplify(x) for x in node.exclude) if e is not None)
        if include is None:
            return None
        return Excluding(include, exclude) if exclude else include
    if isinstance(node, (All, Any)):
        parts = tuple(p for p in (simplify(x) for x in node.parts) if p is not None)
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return type(node)(parts)
    return node


def parse_query(text: str | None, *, any: bool = False) -> Node:
    """The tree of a query string; QueryError with a one-line reason when it is malformed."""
    if text is None or not str(text).strip():
        raise QueryError("empty query: give at least one word to search for")
    node = simplify(_Parser(_tokenize(str(text)), any).parse())
    if node is None:
        raise QueryError(f"nothing to search for in {text!r}: it has no words")
    return node


def plain_query(text: str) -> str:
    """Free text reduced to its words, so that stray quotes, colons and brackets are not syntax."""
    return " ".join(w for w in _split_words(text) if w not in OPERATORS)


def query_words(node: Node) -> list[Word]:
    """Every positive Word and Phrase word in the tree, in order (for highlighting and spelling)."""
    out: list[Word] = []

    def walk(n: Node, negated: bool = False) -> None:
        if isinstance(n, Word):
            if not negated:
                out.append(n)
        elif isinstance(n, Phrase):
            if not negated:
                out.extend(Word(w, n.field) for w in n.words)
        elif isinstance(n, Not):
            walk(n.part, not negated)
        elif isinstance(n, Excluding):
            walk(n.include, negated)
            for e in n.exclude:
                walk(e, not negated)
        elif isinstance(n, (All, Any)):
            for p in n.parts:
                walk(p, negated)

    walk(node)
    return out
