"""Errors a user can act on: each names the file and says what is wrong in one line."""
from __future__ import annotations

from pathlib import Path


class SafetaskError(Exception):
    """Base class: ``path`` (may be None for in-memory text) and a one-line ``reason``."""

    kind = "error"

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason

    def __reduce__(self) -> tuple[type["SafetaskError"], tuple[str | None, str]]:  # picklable across process pools
        return (self.__class__, (self.path, self.reason))


class ReadError(SafetaskError):
    """The file cannot be turned into text (unreadable, empty, binary, encrypted, too large…)."""

    kind = "read"


class UnsupportedFormatError(ReadError):
    kind = "unsupported"


class ModelError(SafetaskError):
    """A trained artifact is missing, unsafe or from an incompatible version."""

    kind = "model"


class DataError(SafetaskError):
    """A corpus or gold file is malformed."""

    kind = "data"
