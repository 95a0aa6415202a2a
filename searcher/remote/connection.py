"""One searcher HTTP API over httpx: JSON answers and streamed JSON lines, its failures as searcher errors."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import httpx

from .. import __version__
from ..errors import ArticleNotFound, QueryError, RemoteError
from ..search.export import JSON_LINES

# Seconds to wait for the connection, and then for each part of an answer (a search at 1M
# articles takes about a second; an export sends a line per match).
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 60.0
# What an answer of the API's may be: JSON, or an export's JSON lines.
JSON_TYPES = ("application/json", JSON_LINES)
# What the record types' from_dict raise on JSON of another shape.
MISSHAPEN = (KeyError, TypeError, ValueError, AttributeError)

Params = list[tuple[str, str]] | None
T = TypeVar("T")


class Connection:
    """A searcher HTTP API at a base URL (no trailing slash); safe to share between threads."""

    def __init__(self, url: str, timeout: float = READ_TIMEOUT, transport: Any = None):
        self.url = url
        self.timeout = timeout
        self._client = httpx.Client(
            base_url=url + "/",  # a path below the host (a proxy's) is kept
            timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
            headers={"user-agent": f"searcher/{__version__}", "accept": ", ".join(JSON_TYPES)},
            transport=transport,
        )

    def get(
        self, path: str, params: Params, record: Callable[[Any], T], *, missing: str | None = None
    ) -> T:
        """The record built from the JSON answer to GET path?params.

        missing: a 404 means no such article: ArticleNotFound with this message (not a wrong server).
        """
        response = self._send(path, params, stream=False)
        self._check(response, path, missing)
        return self.record(record, self._json(response.text, path), path)

    def lines(self, path: str, params: Params) -> tuple[httpx.Headers, Iterator[Any]]:
        """(headers, each JSON line as it arrives) of GET path?params; errors are raised before."""
        response = self._send(path, params, stream=True)
        try:
            if response.status_code != 200:
                response.read()
            self._check(response, path, None)
        except BaseException:
            response.close()
            raise
        return response.headers, self._lines(response, path)

    def record(self, record: Callable[[Any], T], data: Any, path: str) -> T:
        """record(data), or RemoteError when the data is not of the shape searcher answers."""
        try:
            return record(data)
        except MISSHAPEN:
            raise self._foreign(path, "answered JSON of another shape") from None

    def close(self) -> None:
        """Close the connections held open."""
        self._client.close()

    def _send(self, path: str, params: Params, stream: bool) -> httpx.Response:
        try:
            request = self._client.build_request(
                "GET", path, params=httpx.QueryParams(tuple(params or ()))
            )
            return self._client.send(request, stream=stream)
        except httpx.HTTPError as exc:
            raise self._failure(exc) from None

    def _failure(self, exc: httpx.HTTPError) -> RemoteError:
        if isinstance(exc, httpx.TimeoutException):
            return RemoteError(
                f"the searcher server at {self.url} did not answer within {self.timeout:g} s"
            )
        if isinstance(exc, httpx.ConnectError):
            return RemoteError(f"cannot reach a searcher server at {self.url}: {_reason(exc)}")
        return RemoteError(f"the searcher server at {self.url} failed: {_reason(exc)}")

    def _check(self, response: httpx.Response, path: str, missing: str | None) -> None:
        """Nothing for a 200 from a searcher server; else the error its answer says."""
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind not in JSON_TYPES:
            raise self._foreign(path, f"answered {response.status_code} with {kind or 'no type'}")
        if response.status_code == 200:
            return
        data = self._json(response.text, path)
        message = data.get("error") if isinstance(data, dict) else None
        if not isinstance(message, str):
            raise self._foreign(path, f"answered {response.status_code} without an error message")
        if response.status_code == 400:
            raise QueryError(message)  # the server's own words: its limits may differ from ours
        if response.status_code == 404 and missing is not None:
            raise ArticleNotFound(missing)
        raise RemoteError(
            f"the searcher server at {self.url} answered {response.status_code}: {message}"
        )

    def _json(self, text: str, path: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:
            raise self._foreign(path, "answered with broken JSON") from None

    def _lines(self, response: httpx.Response, path: str) -> Iterator[Any]:
        try:
            for line in response.iter_lines():
                if line:
                    yield self._json(line, path)
        except httpx.HTTPError as exc:
            raise self._failure(exc) from None
        finally:
            response.close()

    def _foreign(self, path: str, what: str) -> RemoteError:
        return RemoteError(f"{self.url} is not a searcher server: GET {path} {what}")


def _reason(exc: Exception) -> str:
    """The last line of an httpx error's text, without the stack."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[-1]
