"""Errors the CLI turns into one readable line and exit code 2."""


class UsageError(Exception):
    """Bad usage or bad config: the message is shown to the user as is.

    >>> str(UsageError("unknown source 'abc'"))
    "unknown source 'abc'"
    """
