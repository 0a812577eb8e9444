"""Outline stage: heading levels, section paths, sentences (units) of a document.

Chinese official writing numbers its outline 一、 / （一） / 1. / （1）, and inside a
paragraph enumerates points with 一是 / 一要 / 第一， / 首先. A *unit* is a sentence
(split at 。！？ and ；) with its heading context; the task stage decides which units
are task items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

CN_NUM = "一二三四五六七八九十"
# (level, pattern) — the marker itself, at the start of a line.
HEADING_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[{CN_NUM}]{{1,3}}\s*[、.．]\s*")),
    (1, re.compile(rf"^第[{CN_NUM}]{{1,3}}(部分|章|节)\s*[、,，:：]?\s*")),
    (2, re.compile(rf"^[(（]\s*[{CN_NUM}]{{1,3}}\s*[)）]\s*[、.．]?\s*")),
    (3, re.compile(r"^\d{1,2}\s*[、.．](?!\d)\s*")),
    (4, re.compile(r"^[(（]\s*\d{1,2}\s*[)）]\s*[、.．]?\s*")),
    (4, re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")),
)
# Inline enumerators that open a point inside a paragraph (the marker is dropped from
# task text; "一要" keeps its 要: the directive verb belongs to the item).
INLINE_ENUM = re.compile(
    rf"^(?:[{CN_NUM}]是|第[{CN_NUM}]{{1,3}}\s*[,，、:：]|首先\s*[,，]|其次\s*[,，]|再次\s*[,，]|最后\s*[,，]|"
    rf"[{CN_NUM}](?=要|须|必须|抓|强化|加强|狠抓|突出|坚持|严格|做好|聚焦|注重|推进|健全|压实|严防|深查|"
    rf"严处|严管|严控|落实|提升|夯实|构建|完善|守牢|筑牢|紧盯|扎实|全面|切实|持续|着力|深入))"
)
_SENT_END = re.compile(r"[。！？!?；;]")
_OPEN, _CLOSE = "“‘(（《「『[【", "”’)）》」』]】"
_TABLE_HEADER = re.compile(r"(工作任务|任务内容|重点任务|主要任务|具体任务|整治内容|工作内容|工作措施)")


@dataclass
class Unit:
    """A sentence-level piece of a document, with its outline context."""

    start: int
    end: int
    text: str
    line_no: int
    para_index: int  # index of the unit inside its line (paragraph)
    para_len: int  # units in the paragraph
    section: list[str] = field(default_factory=list)
    heading_level: int = 0  # >0 when the unit is the heading of its line
    enumerated: bool = False  # opens with an inline enumerator (一是…)
    is_subheading: bool = False  # enumerated point's title sentence, followed by its body
    table_cells: list[str] | None = None  # for task-table rows: the cells
    table_header: list[str] | None = None


@dataclass
class Line:
    start: int
    end: int
    text: str
    level: int = 0  # heading level of the line's marker, 0 when none
    marker_end: int = 0  # offset (in line) after the marker


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        line = Line(pos, pos + len(raw), raw)
        for level, pat in HEADING_MARKERS:
            m = pat.match(raw)
            if m:
                line.level, line.marker_end = level, m.end()
                break
        lines.append(line)
        pos += len(raw) + 1
    return lines


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` (end includes the final mark), quotes kept whole."""
    spans = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and _SENT_END.match(ch):
            # Absorb a closing quote right after the mark.
            spans.append((base + start, base + i + 1))
            start = i + 1
        elif ch in "。！？" and depth > 0 and i + 1 < len(text) and text[i + 1] in "”’":
            # 。” ends the quoted sentence and the outer one.
            pass
    if start < len(text) and text[start:].strip():
        spans.append((base + start, base + len(text)))
    return spans


def _is_heading_line(line: Line) -> bool:
    body = line.text[line.marker_end:]
    return line.level > 0 and (len(body) <= 40 and not re.search(r"[。；;]", body[:-1] if body else body))


def outline(text: str) -> list[Unit]:
    """Units of ``text`` in order, each with its section path."""
    units: list[Unit] = []
    section: dict[int, str] = {}
    table_header: list[str] | None = None
    for line_no, line in enumerate(split_lines(text)):
        raw = line.text
        if not raw.strip():
            continue
        if "\t" in raw:
            cells = [c.strip() for c in raw.split("\t")]
            if table_header is None or _TABLE_HEADER.search(raw) and len(raw) < 80:
                if _TABLE_HEADER.search(raw):
                    table_header = cells
                    continue
            if table_header is not None:
                units.append(Unit(line.start, line.end, raw, line_no, 0, 1,
                                  [section[k] for k in sorted(section)], table_cells=cells,
                                  table_header=table_header))
                continue
        else:
            table_header = None
        if line.level:
            heading_text = raw[line.marker_end:]
            first = split_sentences(heading_text)
            title = heading_text[: first[0][1] - first[0][0]] if first else heading_text
            for k in list(section):
                if k >= line.level:
                    del section[k]
            section[line.level] = title.rstrip("。.;；:：")
        sents = split_sentences(raw)
        path = [section[k] for k in sorted(section)]
        for idx, (s, e) in enumerate(sents):
            st = line.start + s
            en = line.start + e
            seg = text[st:en]
            u = Unit(st, en, seg, line_no, idx, len(sents), list(path))
            if idx == 0 and line.level:
                u.heading_level = line.level
            if idx == 0 and (line.level or INLINE_ENUM.match(seg)):
                u.enumerated = True
            elif INLINE_ENUM.match(seg.lstrip()):
                u.enumerated = True
            units.append(u)
    # An enumerated point's first sentence is its title when more sentences follow in the
    # same paragraph (一是从调查研究入手，充分掌握总体情况。各巡查督导组要……).
    for i, u in enumerate(units):
        if u.enumerated and u.table_cells is None:
            nxt = units[i + 1] if i + 1 < len(units) else None
            if nxt is not None and nxt.line_no == u.line_no and not nxt.enumerated:
                u.is_subheading = True
            elif u.heading_level and (nxt is None or nxt.line_no != u.line_no):
                # A heading on a line of its own: body follows on the next lines.
                u.is_subheading = nxt is not None and nxt.heading_level == 0
    # The points of a paragraph (一是……) sit under their title sentence in the outline.
    current: tuple[int, str] | None = None
    for u in units:
        if u.table_cells is not None:
            continue
        if u.is_subheading and not u.heading_level:
            title = INLINE_ENUM.sub("", u.text.strip()).rstrip("。.;；:：")
            current = (u.line_no, title)
            continue
        if u.heading_level or u.enumerated or (current and current[0] != u.line_no):
            current = None
        if current is not None:
            u.section = [*u.section, current[1]]
    return units


__all__ = ["Unit", "Line", "outline", "split_lines", "split_sentences", "HEADING_MARKERS", "INLINE_ENUM"]
