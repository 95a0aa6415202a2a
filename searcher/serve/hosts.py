"""The Host header check (against DNS rebinding of a local server), refusing like every other error."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import Request

from .errors import error_response


def host_name(header: str) -> str:
    """The host of a Host header, without its port or IPv6 brackets ('[::1]:8000' -> '::1')."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.split(":", 1)[0]


def allowed(host: str, patterns: Sequence[str]) -> bool:
    """True when a host matches one of the patterns: a name, '*.example.org' or '*'."""
    for pattern in patterns:
        pattern = pattern.lower()
        if (
            pattern == "*"
            or host == pattern
            or (pattern.startswith("*.") and host.endswith(pattern[1:]))
        ):
            return True
    return False


class AllowedHostsMiddleware:
    """ASGI middleware answering a request for another host name with a 400: JSON under /api, a page elsewhere."""

    def __init__(self, app: Any, allowed_hosts: Sequence[str]):
        self.app = app
        self.allowed_hosts = list(allowed_hosts)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = host_name(Headers(scope=scope).get("host", ""))
        if allowed(host, self.allowed_hosts):
            await self.app(scope, receive, send)
            return
        # Quoted: the name is the client's text, which may look like anything ("--", "a: b").
        shown = f'"{host}"' if host else "(none)"
        response = error_response(
            Request(scope), 400, f"invalid Host header: {shown} is not served here"
        )
        await response(scope, receive, send)
