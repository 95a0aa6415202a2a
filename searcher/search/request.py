"""A search request: the query and every option, checked once, with one set of limits and messages.

The command line builds one from its options, the HTTP API from a query string, the Python
API from keyword arguments; each says which limits it allows (`CLI`, `HTTP`, `PYTHON`). The
options are described once, as `Spec`s (the filters read from searcher.fields), and the CLI's
options, the HTTP parameters and the OpenAPI description are derived from those specs. A
message names a parameter as a Param, so the CLI says `--since` and HTTP `since`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

from .. import fields
from ..errors import QueryError
from ..messages import Param
from .dates import DateBounds, date_bounds
from .languages import language_code

# text: one value; names: one value or several (any of them); date: YYYY[-MM[-DD]];
# lang: language codes; flag: true/false (None default: unset); choice: one of `choices`;
# choices: several of them; whole: an integer; number: a decimal number.
Kind = Literal["text", "names", "date", "lang", "flag", "choice", "choices", "whole", "number"]
Names = str | tuple[str, ...]

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class Limits:
    """The bounds one kind of caller allows: the command line's and the web's differ."""

    name: str
    # The largest value of a whole-number option, where the caller's is below the option's own.
    maxima: Mapping[str, int] = field(default_factory=dict)
    # The longest text a parameter may hold (None: any); such a caller also refuses NUL.
    text_length: int | None = None

    def high(self, spec: Spec) -> float | None:
        """The largest value this caller allows for a numeric option."""
        own = self.maxima.get(spec.name)
        if own is None:
            return spec.high
        return own if spec.high is None else min(own, spec.high)


# The Python API and the command line trust their user with big pages; the web caps them.
PYTHON = Limits("python", {})
CLI = Limits("cli", {})
HTTP = Limits("http", {"limit": 100, "page": 1000}, text_length=500)


@dataclass(frozen=True)
class Spec:
    """One option of a request: its name (`--name`, `?name=`), how its value is read, and its help."""

    name: str
    kind: Kind
    help: str
    default: Any = None
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    # The request's attribute (and Python keyword) when it differs from the name (facet -> facets).
    attr: str | None = None

    @property
    def key(self) -> str:
        """The request's attribute holding the value."""
        return self.attr or self.name

    @property
    def exact(self) -> bool:
        """True for values taken as given, unstripped: their OpenAPI pattern says exactly what is valid."""
        return self.kind in ("date", "lang")

    @property
    def many(self) -> bool:
        """True for an option that may be given several times (each may hold commas)."""
        return self.kind == "choices"

    def check(self, value: Any, limits: Limits = PYTHON) -> Any:
        """The value checked and typed; None, "" or an empty list: the default."""
        if isinstance(value, str) and not self.exact:
            value = value.strip()
        if value is None or value == "":
            return self.default
        reader = getattr(self, "_" + self.kind)
        return reader(value, limits)

    def _text(self, value: Any, limits: Limits) -> str:
        if not isinstance(value, str):
            raise QueryError(Param(self.name), f" takes one value, not {value!r}")
        return value

    def _names(self, value: Any, limits: Limits) -> Names | None:
        if isinstance(value, str):
            return value
        names = tuple(str(v).strip() for v in _items(value, self) if str(v).strip())
        return names or None

    def _date(self, value: Any, limits: Limits) -> str:
        text = self._text(value, limits)
        date_bounds(**{self.name: text})  # the message names this option
        return text

    def _lang(self, value: Any, limits: Limits) -> Names:
        values = (value,) if isinstance(value, str) else tuple(_items(value, self))
        for one in values:
            language_code(one, Param(self.name))
        return value if isinstance(value, str) else values

    def _flag(self, value: Any, limits: Limits) -> bool:
        if not isinstance(value, str):
            return bool(value)
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise QueryError(Param(self.name), f" must be true or false, not {value!r}")

    def _choice(self, value: Any, limits: Limits) -> str:
        if value not in self.choices:
            raise QueryError(
                Param(self.name), f" must be one of {', '.join(self.choices)}, not {value!r}"
            )
        return str(value)

    def _choices(self, value: Any, limits: Limits) -> tuple[str, ...]:
        chosen: list[str] = []
        for item in (value,) if isinstance(value, str) else _items(value, self):
            for name in str(item).split(","):
                name = name.strip()
                if name and name not in self.choices:
                    raise QueryError(
                        f"unknown {self.name} {name!r}; expected one of: {', '.join(self.choices)}"
                    )
                if name and name not in chosen:
                    chosen.append(name)
        return tuple(chosen)

    def _whole(self, value: Any, limits: Limits) -> int:
        return int(self._in_range(value, limits, _INTEGER, "a whole number"))

    def _number(self, value: Any, limits: Limits) -> float:
        return float(self._in_range(value, limits, _NUMBER, "a number"))

    def _in_range(self, value: Any, limits: Limits, pattern: re.Pattern, what: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise QueryError(Param(self.name), f" must be {what}, not {value!r}")
        # int() also takes other scripts' digits and "1_000", which the OpenAPI integer refuses
        if isinstance(value, str) and not pattern.fullmatch(value):
            raise QueryError(Param(self.name), f" must be {what}, not {value!r}")
        number = float(value) if self.kind == "number" else int(value)
        if self.kind == "whole" and isinstance(value, float) and not value.is_integer():
            raise QueryError(Param(self.name), f" must be {what}, not {value!r}")
        low, high = self.low, limits.high(self)
        if (low is not None and number < low) or (high is not None and number > high):
            raise QueryError(Param(self.name), f" must be {_range(low, high)}, not {value}")
        return number


def _items(value: Any, spec: Spec) -> Iterable[Any]:
    if isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)):
        return value
    raise QueryError(Param(spec.name), f" takes a value or a list of values, not {value!r}")


def _range(low: float | None, high: float | None) -> str:
    def shown(n: float) -> str:
        return f"{n:g}"

    if low is not None and high is not None:
        return f"between {shown(low)} and {shown(high)}"
    return f"{shown(low)} or more" if low is not None else f"{shown(high or 0)} or less"


def _filter_spec(option: fields.Option) -> Spec:
    """The spec of a filter of the field table: a date, a language code, or names."""
    row = fields.FILTERS[option.name]
    kind: Kind = "date" if row.kind == "date" else "lang" if row.name == "lang" else "names"
    return Spec(option.name, kind, option.help)


# The date field's options are the two ends of a range: the request holds them apart.
DATE_OPTIONS: tuple[str, ...] = tuple(o.name for o in fields.field(fields.DATE_FIELD).options)
assert DATE_OPTIONS == ("since", "until"), "SearchRequest's since/until follow the date field"

FILTER_SPECS: tuple[Spec, ...] = (
    *(_filter_spec(o) for o in fields.OPTIONS.values()),
    Spec(
        "collection",
        "names",
        "Only articles from the outlets of this collection (see `searcher collections`).",
    ),
)
ANY = Spec("any", "flag", "Match any of the words (default: all of them).", default=False)
FUZZY = Spec(
    "fuzzy", "flag", "Forgive typos: expand unknown words to close index words.", default=False
)
WORD_SPECS: tuple[Spec, ...] = (ANY, FUZZY)
SORT = Spec(
    "sort",
    "choice",
    "Order of the results: best match first, or by publication date.",
    default=fields.SORTS[0],
    choices=fields.SORTS,
)
DEFAULT_LIMIT = 10
MAX_LIMIT = 1000
# Quotations may be asked for by the filter on who said them alone, without words.
SPEAKER = "speaker"


def paging_specs(what: str) -> tuple[Spec, ...]:
    """--limit and --page of a list of `what` (results, quotations)."""
    return (
        Spec(
            "limit", "whole", f"{what.capitalize()} per page.", DEFAULT_LIMIT, low=1, high=MAX_LIMIT
        ),
        Spec("page", "whole", f"Which page of {what} to show.", 1, low=1),
    )


R = TypeVar("R", bound="Request")


@dataclass(frozen=True)
class Request:
    """What every request holds and does: the query, the filters, and a check of all at construction.

    A subclass is a frozen dataclass whose (keyword-only) fields are its own options; SPECS
    lists every option it takes, filters included.
    """

    SPECS: ClassVar[tuple[Spec, ...]] = ()
    # The HTTP parameter holding the query.
    QUERY: ClassVar[str] = "q"

    query: str = ""
    _: KW_ONLY
    filters: Mapping[str, Names] = field(default_factory=dict)
    since: str | None = None
    until: str | None = None
    # Not an option: the bounds of the caller that made the request.
    limits: Limits = field(default=PYTHON, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Check and type every option, once."""
        if not isinstance(self.query, str):
            raise QueryError(Param(self.QUERY), f" must be text, not {self.query!r}")
        given = dict(self.filters)
        filters: dict[str, Names] = {}
        for spec in self.SPECS:
            if spec.name in DATE_OPTIONS or not _is_filter(spec):
                object.__setattr__(self, spec.key, spec.check(getattr(self, spec.key), self.limits))
            elif (value := spec.check(given.pop(spec.name, None), self.limits)) is not None:
                filters[spec.name] = value
        if given:
            raise TypeError(f"unknown filter {next(iter(given))!r}")
        object.__setattr__(self, "filters", filters)
        date_bounds(self.since, self.until)  # since after until

    @property
    def bounds(self) -> DateBounds:
        """The range of publication dates the request allows."""
        return date_bounds(self.since, self.until)

    def has_filter(self) -> bool:
        """True when some filter is set."""
        return bool(self.filters or self.since or self.until)

    def asks_for_quotations(self) -> bool:
        """True when the request names words or a speaker: what a quotation search needs."""
        return bool(self.query.strip() or self.filters.get(SPEAKER))

    def require_quotations_asked(self) -> None:
        """QueryError unless the request names words or a speaker (as the quotation search says)."""
        if not self.asks_for_quotations():
            raise QueryError("empty query: give words to find in quotations, or ", Param(SPEAKER))

    def filter_options(self) -> dict[str, Any]:
        """Every filter as a keyword option of the Python API (dates included)."""
        return dict(self.filters, since=self.since, until=self.until)

    def word_options(self) -> dict[str, Any]:
        """The filters plus how the words match (any, fuzzy): what selects the matching articles."""
        out = self.filter_options()
        for spec in WORD_SPECS:
            if spec in self.SPECS:
                out[spec.key] = getattr(self, spec.key)
        return out

    def keywords(self) -> dict[str, Any]:
        """The options as keyword arguments of the Python API's method (without the query)."""
        out = self.filter_options()
        for spec in self.SPECS:
            if not _is_filter(spec):
                value = getattr(self, spec.key)
                out[spec.key] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def of(cls: type[R], query: str | None = None, limits: Limits = PYTHON, **options: Any) -> R:
        """A request from keyword options (the Python API's and the CLI's), filters among them."""
        filters = {k: options.pop(k) for k in list(options) if k in _FILTER_NAMES}
        dates = {k: filters.pop(k) for k in DATE_OPTIONS if k in filters}
        make: Callable[..., R] = cls  # each subclass is a dataclass taking these
        return make((query or "").strip(), filters=filters, limits=limits, **dates, **options)

    @classmethod
    def from_query(
        cls: type[R], query: Mapping[str, Any], limits: Limits = HTTP, strict: bool = True
    ) -> R:
        """A request from an HTTP query string; QueryError names the first bad parameter.

        strict: an unknown parameter is an error (the API); the pages ignore them.
        """
        names = (cls.QUERY, *(s.name for s in cls.SPECS))
        if strict:
            for name in _keys(query):
                if name not in names:
                    raise QueryError(
                        f"unknown parameter {name!r}; expected one of: {', '.join(names)}"
                    )
        values: dict[str, Any] = {}
        for spec in cls.SPECS:
            given = _values(query, spec.name, limits)
            if spec.many:
                values[spec.key] = given
            elif len(given) > 1 and spec.kind in _SEVERAL:
                given = [one for one in given if one != ""]  # empty is unset, as when alone
                values[spec.key] = tuple(given) if len(given) > 1 else next(iter(given), None)
            elif len(given) > 1:
                raise QueryError(Param(spec.name), " is given more than once")
            elif given:
                values[spec.key] = given[0]
        text = _values(query, cls.QUERY, limits)
        if len(text) > 1:
            raise QueryError(Param(cls.QUERY), " is given more than once")
        return cls.of(text[0] if text else "", limits, **values)

    def to_query(self) -> list[tuple[str, str]]:
        """The request as HTTP query-string pairs, defaults left out: what from_query reads back."""
        pairs = [(self.QUERY, self.query)] if self.query else []
        for spec in self.SPECS:
            if spec.name in DATE_OPTIONS or not _is_filter(spec):
                value = getattr(self, spec.key)
            else:
                value = self.filters.get(spec.name)
            if value is None or value == () or value == spec.default:
                continue
            for one in value if isinstance(value, tuple) else (value,):
                pairs.append((spec.name, _query_text(one)))
        return pairs


# Kinds of which a query string may give several values: any of them (outlet=A&outlet=B).
_SEVERAL = ("names", "lang")


def _query_text(value: Any) -> str:
    """One option value as query-string text (true/false for flags)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _is_filter(spec: Spec) -> bool:
    return spec.name in _FILTER_NAMES


_FILTER_NAMES = frozenset(s.name for s in FILTER_SPECS)


def _check_text(name: str, value: str, limits: Limits) -> None:
    if limits.text_length is not None and len(value) > limits.text_length:
        raise QueryError(Param(name), f" is longer than {limits.text_length} characters")
    if "\x00" in value:
        raise QueryError(Param(name), " contains a NUL character")


def _keys(query: Mapping[str, Any]) -> list[str]:
    multi = getattr(query, "multi_items", None)
    return [k for k, _ in multi()] if multi else list(query)


def _values(query: Mapping[str, Any], name: str, limits: Limits) -> list[str]:
    """Every value of a parameter, each checked for length and NUL."""
    getlist = getattr(query, "getlist", None)
    if getlist is not None:
        values = list(getlist(name))
    else:
        given = query.get(name)
        values = (
            [] if given is None else list(given) if isinstance(given, (list, tuple)) else [given]
        )
    for value in values:
        _check_text(name, value, limits)
    return values


@dataclass(frozen=True, kw_only=True)
class SearchRequest(Request):
    """A ranked search: the query, its filters, order, facets and page (checked at construction)."""

    SPECS: ClassVar[tuple[Spec, ...]] = (
        ANY,
        *FILTER_SPECS,
        SORT,
        FUZZY,
        Spec(
            "feedback",
            "flag",
            "Re-rank with words from the best first hits "
            "(default: when any word may match and there are 3+ of them).",
        ),
        Spec(
            "facet",
            "choices",
            "Count matches per value of this field (repeatable; commas allowed).",
            default=(),
            choices=fields.FACETS,
            attr="facets",
        ),
        *paging_specs("results"),
        Spec(
            "after",
            "text",
            "The page after the one whose 'next' token this is (deep paging; page is then ignored).",
        ),
    )

    any: bool = False
    sort: str = fields.SORTS[0]
    fuzzy: bool = False
    feedback: bool | None = None
    facets: tuple[str, ...] = ()
    limit: int = DEFAULT_LIMIT
    page: int = 1
    after: str | None = None


@dataclass(frozen=True, kw_only=True)
class QuotesRequest(Request):
    """A search inside quotations: words, a speaker or both, the filters and a page."""

    SPECS: ClassVar[tuple[Spec, ...]] = (ANY, *FILTER_SPECS, FUZZY, *paging_specs("quotations"))

    any: bool = False
    fuzzy: bool = False
    limit: int = DEFAULT_LIMIT
    page: int = 1


def replace(request: R, **changes: Any) -> R:
    """A copy of a request with some options changed, checked again."""
    return dataclasses.replace(request, **changes)


def as_request(kind: type[R], given: R | str | None, options: dict[str, Any]) -> R:
    """The request given, or one built from a query and keyword options (checked by the request)."""
    if given is None or isinstance(given, str):
        return kind.of(given if given is not None else options.pop("query", None), **options)
    if not isinstance(given, kind) or options:
        raise TypeError(f"give a {kind.__name__} or a query and keyword options, not both")
    return given
