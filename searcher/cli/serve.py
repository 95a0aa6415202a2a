"""`searcher serve`: the JSON API and the search page over an index, on a local port."""

from __future__ import annotations

import click

from ..errors import SearcherError
from .common import UserError, index_option, note, reports_errors

# The extra's packages by name: works for an installed searcher and a source checkout alike.
SERVE_PACKAGES = ("starlette", "uvicorn", "jinja2")
INSTALL_HINT = (
    f"the serve extra is not installed: pip install {' '.join(SERVE_PACKAGES)} "
    "(or pip install -e '.[serve]' in a source checkout)"
)


host_option = click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 exposes the server to the network).",
)
port_option = click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)


@click.command()
@index_option
@host_option
@port_option
@reports_errors
def serve(index: str, host: str, port: int) -> None:
    """Serve the search page and the JSON API (read-only) over the index."""
    create_app = serve_app_factory()
    run_app(lambda allowed: create_app(index, allowed_hosts=allowed), host, port, index)


def serve_app_factory():
    """searcher.serve.create_app, or a one-line error when the serve extra is missing."""
    try:
        import uvicorn  # noqa: F401 - only whether it imports

        from ..serve import create_app
    except ImportError as exc:
        if exc.name and exc.name.split(".")[0] in (*SERVE_PACKAGES, "markupsafe"):
            raise UserError(INSTALL_HINT) from None
        raise
    return create_app


def run_app(make_app, host: str, port: int, what: str) -> None:
    """Serve the app `make_app(allowed_hosts)` gives on host:port until interrupted."""
    import uvicorn

    # Bind first, so that a busy port is a one-line error and --port 0 can report the port it got.
    sock = _bind(host, port)
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    # On a loopback address, only requests naming this machine are answered: a web page cannot
    # point a DNS name at 127.0.0.1 and read the index through the visitor's browser.
    # (Starlette's host check cannot parse IPv6 Host headers, so ::1 goes without it.)
    guarded = _is_loopback(host) and ":" not in host
    app = make_app(sorted({"127.0.0.1", "localhost", host}) if guarded else None)
    try:
        app.state.holder.get()  # open the index now: a missing one is worth a word before the first request
    except SearcherError as exc:
        note(f"searcher: warning: {exc} (until then every search answers 503)")
    if not _is_loopback(host):
        note(f"searcher: warning: listening on {host}: other machines can reach this server")
    note(f"searcher: serving {what} at http://{shown}:{bound_port}/ (Ctrl-C to stop)")
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, server_header=False, proxy_headers=False
    )
    uvicorn.Server(config).run(sockets=[sock])


def _bind(host: str, port: int):
    """A listening TCP socket on host:port."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise UserError(f"cannot listen on {host!r}: {exc.strerror}") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
