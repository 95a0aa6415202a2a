"""since / until values (2015, 2015-12 or 2015-12-03) turned into date bounds."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime

from ..errors import QueryError
from ..messages import Param

# ASCII digits and a whole-string match, as ECMA-262 (the OpenAPI reader) reads the pattern:
# Python's \d takes any script's digits and its $ allows a trailing newline.
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")


def _exact_pattern() -> str:
    """A regular expression matching exactly the values `date_bounds` accepts (real years, months, days).

    Written for the OpenAPI description, so that what it calls valid the server accepts: plain
    groups and classes only (no look-arounds), as JSON Schema's ECMA-262 dialect and generators read.
    """
    year = r"(?:[0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"  # 0001-9999
    leap = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
    month = r"(?:0?[1-9]|1[0-2])"
    day28 = r"(?:0?[1-9]|1[0-9]|2[0-8])"
    day30 = r"(?:0?[1-9]|[12][0-9]|30)"
    day31 = r"(?:0?[1-9]|[12][0-9]|3[01])"
    forms = [
        f"{year}(?:-{month})?",
        f"{year}-(?:0?[13578]|1[02])-{day31}",
        f"{year}-(?:0?[469]|11)-{day30}",
        f"{year}-0?2-{day28}",
        f"{leap}-0?2-29",
    ]
    return "^(?:" + "|".join(forms) + ")?$"  # empty: no bound


# The OpenAPI description's pattern for since/until; tests check it agrees with date_bounds.
DATE_PATTERN = _exact_pattern()


@dataclass(frozen=True)
class DateBounds:
    """An inclusive range of publication times; either end may be open."""

    start: datetime | None = None
    end: datetime | None = None

    @property
    def is_open(self) -> bool:
        """True when neither end is set (no date filter)."""
        return self.start is None and self.end is None

    def to_query(self, fieldname: str = "published"):
        """The Whoosh DateRange for these bounds, built in code (never via the query parser)."""
        from whoosh.query import DateRange

        return DateRange(fieldname, self.start, self.end)


def _parse(value: str, option: Param) -> tuple[datetime, datetime]:
    """The first and last instant of the year, month or day that `value` names."""
    text = str(value)  # as given: the OpenAPI pattern promises exactly these values, no padding
    match = _DATE.fullmatch(text)
    if not match:
        raise QueryError(option, f": expected YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year < 1:
        raise QueryError(option, f": {text!r} is not a valid year")
    if month is not None and not 1 <= month <= 12:
        raise QueryError(option, f": {text!r} has no month {month}")
    if month is None:
        return datetime(year, 1, 1), datetime(year, 12, 31, 23, 59, 59, 999999)
    last_day = calendar.monthrange(year, month)[1]
    if day is None:
        return datetime(year, month, 1), datetime(year, month, last_day, 23, 59, 59, 999999)
    if not 1 <= day <= last_day:
        raise QueryError(option, f": {text!r} is not a day of {year}-{month:02d}")
    return datetime(year, month, day), datetime(year, month, day, 23, 59, 59, 999999)


def date_bounds(since: str | None = None, until: str | None = None) -> DateBounds:
    """Bounds from since (start of that period) and until (end of that period, inclusive)."""
    start = _parse(since, Param("since"))[0] if since not in (None, "") else None
    end = _parse(until, Param("until"))[1] if until not in (None, "") else None
    if start and end and start > end:
        raise QueryError(Param("since"), f" ({since}) is after ", Param("until"), f" ({until})")
    return DateBounds(start, end)
