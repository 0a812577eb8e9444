"""safetask: structured task lists from Chinese safety-production speeches and circulars.

Public API::

    from nlp import extract, extract_file, read, normalize, split, classify
    result = extract("path/to/speech.txt")          # DocumentResult
    for task in result.tasks:
        print(task.text, task.leads, task.deadline, task.sector_names)

Everything not listed in ``__all__`` is private and may move.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "extract", "extract_file", "read", "normalize", "split", "classify",
    "DocumentResult", "DocumentMeta", "Task", "Party", "Deadline", "SectorTag",
    "SafetaskError", "ReadError", "ModelError", "json_schema", "__version__",
]

if TYPE_CHECKING:  # pragma: no cover
    from .errors import ModelError, ReadError, SafetaskError
    from .normalizer import normalize
    from .pipeline import extract, extract_file
    from .readers import read
    from .schema import Deadline, DocumentMeta, DocumentResult, Party, SectorTag, Task, json_schema

# Lazy attributes keep ``import nlp`` fast: heavy modules load on first use.
_LAZY = {
    "extract": ("pipeline", "extract"),
    "extract_file": ("pipeline", "extract_file"),
    "read": ("readers", "read"),
    "normalize": ("normalizer", "normalize"),
    "DocumentResult": ("schema", "DocumentResult"),
    "DocumentMeta": ("schema", "DocumentMeta"),
    "Task": ("schema", "Task"),
    "Party": ("schema", "Party"),
    "Deadline": ("schema", "Deadline"),
    "SectorTag": ("schema", "SectorTag"),
    "json_schema": ("schema", "json_schema"),
    "SafetaskError": ("errors", "SafetaskError"),
    "ReadError": ("errors", "ReadError"),
    "ModelError": ("errors", "ModelError"),
}


def split(text: str, *, source: str | None = None) -> list[Any]:
    """Split normalized text (or a file's text) into documents with metadata."""
    from .normalizer import normalize as _normalize
    from .splitter import split_documents

    return split_documents(_normalize(text), doc_prefix=source or "doc", source=source)


def classify(text: str) -> list[Any]:
    """Sectors of one task text: a list of ``SectorTag`` (name, score, evidence)."""
    from .sectors import classify as _classify

    return _classify([text], explain=True)[0]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
