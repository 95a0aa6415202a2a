"""Errors with one-line messages meant for the user."""

from .messages import Message, Spelling


class SearcherError(Exception):
    """Base for every failure searcher reports to a user in one line."""


class CorpusError(SearcherError):
    """The corpus folder is missing, unreadable or malformed."""


class IndexNotFound(SearcherError):
    """There is no index at the given path."""


class IndexCorrupt(SearcherError):
    """The index exists but cannot be read."""


class IndexOutdated(SearcherError):
    """The index was built with an older schema and needs `searcher rebuild`."""


class IndexUnwritable(SearcherError):
    """The index folder cannot be created or written (a file, a read-only place, /proc)."""


class IndexLocked(SearcherError):
    """Another process holds the index's write lock."""


class QueryError(SearcherError):
    """The query or one of its options cannot be understood.

    The message is given in parts, a Param part naming a parameter (see messages.py):
    str() words it for the Python API, `spelled` for another front end.
    """

    def __init__(self, *parts: str):
        self.message = Message(*parts)
        super().__init__(str(self.message))

    def spelled(self, spelling: Spelling) -> str:
        """The message with each parameter named by spelling(name) (the CLI's '--since')."""
        return self.message.spelled(spelling)


class ExtractError(SearcherError):
    """A page could not be read at all (not merely 'not an article')."""


class CrawlError(SearcherError):
    """A crawl cannot start or a seed cannot be used (bad seed, unwritable corpus)."""


class ArticleNotFound(SearcherError):
    """No article with the given id or URL is in the index."""


class RemoteError(SearcherError):
    """A searcher HTTP API cannot be reached, is not one, or could not answer (remote backend)."""
