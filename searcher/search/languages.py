"""What a language value in a query or filter means: the ISO 639-1 code the index stores."""

from __future__ import annotations

import functools
import re

from ..errors import QueryError


def _exact_pattern() -> str:
    """A regular expression matching exactly the values `language_code` accepts, for the OpenAPI description.

    Two letters, or a three-letter code the normalizer knows, then optionally subtags (region,
    script: letters and digits) after '-' or '_'; plain classes only, as JSON Schema's ECMA-262
    dialect reads them. language_code checks values with it, so the two cannot disagree.
    """
    from ..normalize.language import CODE_ALIASES

    def letters(code: str) -> str:
        return "".join(f"[{c.lower()}{c.upper()}]" for c in code)

    three = [letters(code) for code in sorted(CODE_ALIASES) if len(code) == 3]
    return "^(?:(?:[a-zA-Z]{2}|" + "|".join(three) + ")(?:[-_][a-zA-Z0-9_-]*)?)?$"


@functools.cache
def _language() -> re.Pattern[str]:
    # Built on first use: the normalizer's table it reads is not imported by a search without lang.
    return re.compile(_exact_pattern())


def __getattr__(name: str) -> str:
    # LANGUAGE_PATTERN: the OpenAPI description's pattern for lang (empty: no filter), and
    # what language_code accepts.
    if name == "LANGUAGE_PATTERN":
        return _language().pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def language_code(value: str, name: str = "lang") -> str:
    """The code `value` names ("de", "de-AT", "pt_BR", "deu" → de, en, pt); QueryError when it names none.

    `name` is the query field, or a Param when the value came from an option.

    Articles are indexed under the bare language (the normalizer keeps no region), so a
    tag with a region or script means its language.
    """
    from ..normalize.language import declared_language  # the normalizer's own reading of a tag

    text = str(value)  # as given: the OpenAPI pattern promises exactly these values, no padding
    if not text or any(c.isspace() for c in text):
        raise QueryError(
            name,
            f": takes one language code such as en or pt-BR, not {value!r} "
            "(for several, use lang:de OR lang:en)",
        )
    code = (
        declared_language(text) if _language().fullmatch(text) else None
    )  # $ alone would allow a final newline
    if code is None:
        raise QueryError(
            name,
            f": {value!r} is not a language code (two letters such as en, or a tag such as pt-BR)",
        )
    return code
