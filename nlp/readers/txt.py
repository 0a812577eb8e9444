"""Plain text in the encodings Chinese archives hold: UTF-8 (±BOM), GB18030/GBK/GB2312, Big5, UTF-16.

Order (see docs/notes): BOMs, strict UTF-8, then GB18030 vs Big5 scored by how many of the
decoded characters are common Chinese characters; a statistical detector only breaks ties,
because detectors mistake short GB2312 text for Big5.
"""
from __future__ import annotations

import functools
import re

from ..errors import ReadError
from . import RawText

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@functools.lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The level-1 (most common) characters of GB2312 and Big5: simplified and traditional."""
    chars: set[str] = set()
    for b1 in range(0xB0, 0xD8):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes((b1, b2)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for b1 in range(0xA4, 0xC7):
        for b2 in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes((b1, b2)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _plausibility(text: str) -> float:
    """Share of CJK characters that are common ones, minus a penalty for control characters."""
    sample = text[:200_000]
    cjk = _CJK.findall(sample)
    common = _common_chars()
    score = sum(c in common for c in cjk) / len(cjk) if cjk else 0.5
    controls = len(_CONTROL.findall(sample))
    return score - 10 * controls / max(1, len(sample))


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 200)


def _decode(data: bytes, path: str | None) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise ReadError(path, f"damaged {enc} text (byte-order mark present, content invalid)") from None
    # UTF-16 without a BOM: ASCII characters leave a NUL in every other byte.
    nul = data[:20000].count(b"\x00")
    if nul and len(data) % 2 == 0:
        even = data[:20000:2].count(b"\x00")
        odd = data[1:20000:2].count(b"\x00")
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            text = data.decode(enc)
            if not _looks_binary(text):
                return text, enc
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # A file cut in the middle of a multi-byte character is still UTF-8.
        if exc.start >= len(data) - 3 and exc.reason.startswith("unexpected end"):
            return data[: exc.start].decode("utf-8"), "utf-8"
    candidates: list[tuple[float, str, str]] = []
    encodings = ("gb18030", "big5") + (("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ())
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if enc.startswith("utf-16"):
            score -= 0.05  # a legacy Chinese encoding is likelier when both read well
        candidates.append((score, enc, text))
    if not candidates:
        for enc in ("gb18030", "big5"):
            text = data.decode(enc, errors="replace")
            bad = text.count("\ufffd")
            if bad <= max(3, len(text) // 1000):
                candidates.append((_plausibility(text) - bad / max(1, len(text)), enc, text))
    if not candidates:
        raise ReadError(path, "looks like a binary file: not text in UTF-8, UTF-16, GB18030 or Big5")
    candidates.sort(reverse=True)
    if len(candidates) == 2 and abs(candidates[0][0] - candidates[1][0]) < 0.02:
        # Too close to call: let the statistical detector break the tie.
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(data[:200_000]).best()
            if best is not None and best.encoding in ("big5", "big5hkscs", "cp950"):
                candidates.sort(key=lambda c: c[1] != "big5")
        except Exception:  # the detector is only a tie-breaker
            pass
    _, enc, text = candidates[0]
    return text, enc


def read_txt(data: bytes, path: str | None = None) -> RawText:
    text, enc = _decode(data, path)
    if _looks_binary(text):
        raise ReadError(path, "looks like a binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawText(text=text, path=path, format="text", encoding=enc)
