"""Read stage: any file a user has → ``RawText``.

The format is chosen by sniffing the bytes, never by the extension alone: archives are
full of ``.txt`` files that are Word documents and ``.doc`` files that are web pages.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReadError, UnsupportedFormatError

# Larger files are almost always not single documents (database dumps, disk images):
# refuse them with a clear message instead of running the machine out of memory.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass
class RawText:
    """Text of one file before normalization, with how it was obtained."""

    text: str
    path: str | None = None
    format: str = "text"  # text | docx | pdf | html | legacy
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


def sniff(head: bytes) -> str:
    """Guess the container format from the first bytes of a file."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.lstrip().startswith(b"%PDF") or head[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    probe = head[:4096].lower().removeprefix(b"\xef\xbb\xbf")
    stripped = probe.lstrip()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")) and (b"<html" in probe or b"<body" in probe):
        return "html"
    if stripped.startswith(b"<") and (b"<body" in probe or b"<div" in probe or b"<p>" in probe or b"<head" in probe):
        return "html"
    return "text"


def read(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read ``path`` (txt in any common encoding, docx, pdf, html, legacy doc/wps).

    Raises ``ReadError`` (with the path and a one-line reason) for anything that cannot be
    turned into meaningful text: missing, empty, binary, encrypted, damaged, too large.
    """
    p = Path(path)
    if not p.exists():
        raise ReadError(p, "no such file")
    if p.is_dir():
        raise ReadError(p, "is a folder, not a file")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReadError(p, f"cannot open ({exc.strerror})") from None
    if size == 0:
        raise ReadError(p, "empty file")
    if size > max_bytes:
        raise ReadError(p, f"too large ({size / 1e6:.0f} MB > {max_bytes / 1e6:.0f} MB limit)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(p, f"cannot read ({exc.strerror})") from None
    return read_bytes(data, path=str(p))


def read_bytes(data: bytes, *, path: str | None = None) -> RawText:
    """Like ``read`` for bytes already in memory (zip members, uploads)."""
    if not data:
        raise ReadError(path, "empty file")
    kind = sniff(data[:8192])
    if kind == "zip":
        from .docx import read_docx

        raw = read_docx(data, path)
    elif kind == "ole":
        from .legacy import read_legacy

        raw = read_legacy(data, path)
    elif kind == "pdf":
        from .pdf import read_pdf

        raw = read_pdf(data, path)
    elif kind == "html":
        from .html import read_html

        raw = read_html(data, path)
    elif kind == "rtf":
        from .legacy import read_legacy

        raw = read_legacy(data, path, suffix=".rtf")
    else:
        from .txt import read_txt

        raw = read_txt(data, path)
    if not raw.text.strip():
        raise ReadError(path, f"no text found in this {raw.format} file")
    return raw


__all__ = ["RawText", "read", "read_bytes", "sniff", "ReadError", "UnsupportedFormatError"]
