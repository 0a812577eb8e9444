"""Normalize stage: clean text with a character-offset map back to the original.

Every edit is a pass ``text -> (new_text, index_map)`` where ``index_map[i]`` is the
position in the pass's input of output character ``i``; composing the maps of all passes
gives, for each normalized character, its offset in the source text. Later stages keep
offsets into the normalized text and use the map to point at the source.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

# Characters after which a line is a finished sentence (so a following line break is real).
TERMINAL = "。！？；：!?;:…”」』)）】》"
_HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[、.．]|[（(]\d+[)）]|"
    r"第[一二三四五六七八九十]+[,，、章条部分]|[一二三四五六七八九十]是|[①-⑳])"
)


@dataclass
class Normalized:
    """Normalized text and, for each of its characters, the offset in the source text."""

    text: str
    offsets: np.ndarray  # int64, len(text) + 1 (last entry: end of source)
    source: str = ""
    fixes: list[str] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of the normalized span ``[start, end)``."""
        if end <= start:
            pos = int(self.offsets[start])
            return pos, pos
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


# --------------------------------------------------------------------------- passes


def _rebuild(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, np.ndarray]:
    """Apply non-overlapping, sorted ``(start, end, replacement)`` edits with an index map.

    Replacement characters map to the start of what they replace (or one to one when the
    replacement has the same length)."""
    pieces: list[str] = []
    maps: list[np.ndarray] = []
    pos = 0
    for start, end, repl in edits:
        if start > pos:
            pieces.append(text[pos:start])
            maps.append(np.arange(pos, start, dtype=np.int64))
        if repl:
            pieces.append(repl)
            if len(repl) == end - start:
                maps.append(np.arange(start, end, dtype=np.int64))
            else:
                maps.append(np.full(len(repl), start, dtype=np.int64))
        pos = end
    pieces.append(text[pos:])
    maps.append(np.arange(pos, len(text) + 1, dtype=np.int64))  # includes the end sentinel
    return "".join(pieces), np.concatenate(maps)


def _regex_pass(text: str, pattern: re.Pattern[str], repl) -> tuple[str, np.ndarray] | None:
    edits = []
    for m in pattern.finditer(text):
        r = repl(m) if callable(repl) else m.expand(repl)
        if r != m.group(0):
            edits.append((m.start(), m.end(), r))
    if not edits:
        return None
    return _rebuild(text, edits)


_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0xFEFF: None, 0x200B: None})
_DELETE_CHARS = re.compile("[\ufeff\u200b]")


def _fold_width(text: str) -> tuple[str, np.ndarray] | None:
    deleted = _regex_pass(text, _DELETE_CHARS, "")
    base = deleted[0] if deleted else text
    folded = base.translate(_FULLWIDTH)
    if deleted is None and folded == text:
        return None
    return folded, (deleted[1] if deleted else np.arange(len(text) + 1, dtype=np.int64))


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_HAS_TRADITIONAL_HINT = re.compile(r"[們這個國會時說對經長產發過進與後關開現實點區應麼當動學書見體來]")


def _to_simplified(text: str) -> tuple[str, np.ndarray] | None:
    converter = _t2s()
    out = converter.convert(text)
    if out == text:
        return None
    if len(out) == len(text):
        return out, np.arange(len(text) + 1, dtype=np.int64)
    # Rare phrase conversions change the length: redo line by line, mapping changed lines
    # proportionally so offsets stay inside the right line.
    pieces, maps, pos = [], [], 0
    for line in text.split("\n"):
        conv = converter.convert(line)
        pieces.append(conv)
        if len(conv) == len(line):
            maps.append(np.arange(pos, pos + len(line), dtype=np.int64))
        else:
            maps.append(pos + (np.arange(len(conv)) * max(1, len(line)) // max(1, len(conv))).astype(np.int64))
        maps.append(np.array([pos + len(line)], dtype=np.int64))  # the newline
        pos += len(line) + 1
    new = "\n".join(pieces)
    idx = np.concatenate(maps)
    idx[-1] = len(text)  # the last "newline" entry is the end sentinel
    return new, idx


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])\(([a-z{_TONED}]{{1,7}})\)")


def _strip_glosses(text: str) -> tuple[str, np.ndarray] | None:
    matches = list(_GLOSS.finditer(text))
    toned = [m for m in matches if any(c in _TONED for c in m.group(1))]
    # A tone mark makes a bracket a pinyin gloss; plain letters (abbreviations, "(de)")
    # count only in a text that is glossed throughout.
    chosen = matches if len(toned) >= 3 else toned
    if not chosen:
        return None
    edits = [(m.start(), m.end(), "") for m in chosen]
    return _rebuild(text, edits)


@functools.lru_cache(maxsize=1)
def _boilerplate() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]], list[re.Pattern[str]]]:
    lines, tails, inlines = [], [], []
    raw = resources.files("nlp.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    for row in raw.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        if row.startswith("tail:"):
            tails.append(re.compile(row[5:]))
        elif row.startswith("inline:"):
            inlines.append(re.compile(row[7:]))
        else:
            lines.append(re.compile(row))
    return lines, tails, inlines


_TOC_START = re.compile(r"^\s*(目录|提纲|目录/提纲|目录／提纲)\s*[:：]")


def _line_spans(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _remove_boilerplate(text: str) -> tuple[str, np.ndarray] | None:
    line_pats, tail_pats, inline_pats = _boilerplate()
    edits: list[tuple[int, int, str]] = []
    spans = list(_line_spans(text))
    i = 0
    n = len(spans)
    while i < n:
        start, end, line = spans[i]
        stripped = line.strip()
        if any(p.search(stripped) for p in tail_pats) and start > len(text) * 0.5:
            edits.append((start, len(text), ""))
            break
        if _TOC_START.match(stripped):
            # A table of contents repeats the headings of the body: drop it up to its end
            # marker (a line of ……) or the first line that reads like body text.
            j = i + 1
            while j < n and len(spans[j][2].strip()) <= 60 and spans[j][2].strip() not in ("……", "..."):
                j += 1
            if j < n and spans[j][2].strip() in ("……", "..."):
                j += 1
            edits.append((start, min(spans[j - 1][1] + 1, len(text)), ""))
            i = j
            continue
        if stripped and any(p.search(stripped) for p in line_pats):
            edits.append((start, min(end + 1, len(text)), ""))
        else:
            for p in inline_pats:
                for m in p.finditer(line):
                    edits.append((start + m.start(), start + m.end(), ""))
        i += 1
    if not edits:
        return None
    edits.sort()
    merged: list[tuple[int, int, str]] = []
    for e in edits:
        if merged and e[0] < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e[1]), "")
        else:
            merged.append(e)
    return _rebuild(text, merged)


_PAGE_NUM_PREFIX = re.compile(r"^\s*(\d{1,3})、")
_PAGE_LINE = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")


def _unfinished(line: str) -> bool:
    s = line.rstrip()
    return bool(s) and s[-1] not in TERMINAL


def _rejoin_page_breaks(text: str) -> tuple[str, np.ndarray] | None:
    """Undo page breaks: ``全区各\\n3、级各相关部门`` and lone page-number lines."""
    spans = list(_line_spans(text))
    edits: list[tuple[int, int, str]] = []
    # 1) "N、" page numbers glued to the continuation line: a consecutive run of numbers
    #    whose preceding lines end mid-sentence. Real list items follow finished lines.
    cands = [(k, int(m.group(1)), m) for k, (_, _, line) in enumerate(spans) if (m := _PAGE_NUM_PREFIX.match(line))]
    breaks = []
    for idx, (k, num, m) in enumerate(cands):
        prev = spans[k - 1][2] if k > 0 else ""
        if k > 0 and _unfinished(prev) and len(prev.strip()) >= 40:
            breaks.append((k, num, m))
    if breaks:
        nums = {num for _, num, _ in breaks}
        # The first page's number has no broken line before it: include "1、" at the very
        # start when the run 2、3、… follows.
        first = cands[0]
        if first[0] == 0 and first[1] == 1 and 2 in nums:
            start, _, _ = spans[0]
            edits.append((start + first[2].start(), start + first[2].end(), ""))
        for k, num, m in breaks:
            if num - 1 in nums or num + 1 in nums or num == 2:
                start = spans[k][0]
                edits.append((start - 1, start + m.end(), ""))  # the newline and the number
    # 2) Lines that hold only a page number ("- 3 -", "第3页"): drop; join if mid-sentence.
    for k, (start, end, line) in enumerate(spans):
        if _PAGE_LINE.match(line) and 0 < k < len(spans) - 1:
            prev, nxt = spans[k - 1][2], spans[k + 1][2]
            if _unfinished(prev) and not _HEADING_START.match(nxt):
                edits.append((start - 1, end + 1, ""))
            else:
                edits.append((start, end + 1, ""))
    if not edits:
        return None
    edits.sort()
    return _rebuild(text, _dedupe_edits(edits))


def _dedupe_edits(edits):
    out = []
    for e in edits:
        if out and e[0] < out[-1][1]:
            continue
        out.append(e)
    return out


def _rejoin_hard_wraps(text: str) -> tuple[str, np.ndarray] | None:
    """Join lines that a PDF export wrapped at a fixed width in mid-sentence."""
    spans = list(_line_spans(text))
    lengths = [len(line.strip()) for _, _, line in spans if len(line.strip()) >= 15]
    if len(lengths) < 6:
        return None
    values, counts = np.unique(np.array(lengths), return_counts=True)
    # Wrapped text has many lines of (almost) the same, maximal length.
    width = int(values[np.argmax(counts)])
    near = sum(1 for v in lengths if width - 2 <= v <= width)
    if width < 15 or near < 0.4 * len(lengths):
        return None
    edits = []
    for k in range(len(spans) - 1):
        _, end, line = spans[k]
        s = line.strip()
        nxt = spans[k + 1][2].strip()
        if width - 3 <= len(s) <= width + 1 and _unfinished(s) and nxt and not _HEADING_START.match(nxt):
            edits.append((end, end + 1, ""))
    if not edits:
        return None
    return _rebuild(text, edits)


_SPACES = re.compile(r"[ \t]*\n[ \t]*|^[ \t]+|[ \t]+$|\n{2,}| {2,}")


def _tidy_whitespace(text: str) -> tuple[str, np.ndarray] | None:
    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if "\n" in s:
            return "\n"
        if m.start() == 0 or m.end() == len(text):
            return ""
        return " "

    idx = None
    out = _regex_pass(text, _SPACES, repl)
    if out is not None:
        text, idx = out
    # Blank lines (left by the source or by removals) collapse to one line break.
    again = _regex_pass(text, re.compile(r"\n{2,}"), "\n")
    if again is not None:
        text, idx2 = again
        idx = idx2 if idx is None else idx[idx2]
    return None if idx is None else (text, idx)


_PASSES = (
    ("newlines", lambda t: _regex_pass(t, re.compile(r"\r\n?"), "\n")),
    ("fullwidth", _fold_width),
    ("traditional", _to_simplified),
    ("pinyin-glosses", _strip_glosses),
    ("boilerplate", _remove_boilerplate),
    ("page-breaks", _rejoin_page_breaks),
    ("hard-wraps", _rejoin_hard_wraps),
    ("whitespace", _tidy_whitespace),
)


def normalize(text: str) -> Normalized:
    """Clean ``text`` (guide §6) and keep the offset of every character in the source.

    Traditional → simplified, pinyin glosses dropped, web boilerplate removed, page-number
    breaks and PDF hard wraps rejoined, full-width ASCII folded, white space tidied."""
    idx = np.arange(len(text) + 1, dtype=np.int64)
    cur = text
    fixes = []
    for name, fn in _PASSES:
        out = fn(cur)
        if out is None:
            continue
        cur, step = out
        idx = idx[step]
        fixes.append(name)
    # Leading/trailing newlines left by removals.
    lead = len(cur) - len(cur.lstrip("\n"))
    trail = len(cur.rstrip("\n"))
    if lead or trail != len(cur):
        idx = np.concatenate([idx[lead:trail], idx[-1:]])
        cur = cur[lead:trail]
    return Normalized(text=cur, offsets=idx, source=text, fixes=fixes)


__all__ = ["Normalized", "normalize", "TERMINAL"]
