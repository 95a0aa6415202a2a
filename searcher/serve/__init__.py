"""The web server: a JSON API and search pages over an index (needs the `serve` extra)."""

from .app import create_app

__all__ = ["create_app"]
