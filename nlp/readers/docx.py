"""Word .docx: paragraphs and tables in body order, with Word's automatic list numbers.

python-docx does not expose the numbers Word generates for numbered paragraphs; in
official documents those numbers (一、/（一）/1.) *are* the outline, so we compute them
from ``numbering.xml`` ourselves. Table rows become one line each, cells joined by a tab,
each merged cell once.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import ReadError
from . import RawText

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"


def _chinese_number(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese_number(n)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


class _Numbering:
    """Counters for Word's numbered paragraphs, from the document's numbering part."""

    def __init__(self, document) -> None:  # document: docx.Document
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractId -> ilvl -> (fmt, text, start)
        self.num_to_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for absn in numbering.findall(f"{_W}abstractNum"):
            aid = absn.get(f"{_W}abstractNumId")
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in absn.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt_el = lvl.find(f"{_W}numFmt")
                text_el = lvl.find(f"{_W}lvlText")
                start_el = lvl.find(f"{_W}start")
                lv[ilvl] = (
                    fmt_el.get(f"{_W}val", "decimal") if fmt_el is not None else "decimal",
                    text_el.get(f"{_W}val", "") if text_el is not None else "",
                    int(start_el.get(f"{_W}val", "1")) if start_el is not None else 1,
                )
            self.levels[aid] = lv
        for num in numbering.findall(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            ab = num.find(f"{_W}abstractNumId")
            if ab is not None:
                self.num_to_abstract[nid] = ab.get(f"{_W}val")
            for ov in num.findall(f"{_W}lvlOverride"):
                so = ov.find(f"{_W}startOverride")
                if so is not None:
                    self.overrides.setdefault(nid, {})[int(ov.get(f"{_W}ilvl", "0"))] = int(so.get(f"{_W}val", "1"))

    def label(self, paragraph) -> str:
        """The generated number text of ``paragraph`` ('' when it is not numbered)."""
        ppr = paragraph._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None:
            numpr = self._style_numpr(paragraph)
        if numpr is None or numpr.numId is None:
            return ""
        nid = str(numpr.numId.val)
        ilvl = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
        aid = self.num_to_abstract.get(nid)
        if aid is None or aid not in self.levels:
            return ""
        levels = self.levels[aid]
        counters = self.counters.setdefault(aid, [0] * 9)
        starts = [self.overrides.get(nid, {}).get(i, levels.get(i, ("", "", 1))[2]) for i in range(9)]
        if counters[ilvl] == 0:
            counters[ilvl] = starts[ilvl]
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))

        def sub(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            f = levels.get(i, ("decimal", "", 1))[0]
            return _format_number(counters[i] or starts[i], f)

        return re.sub(r"%(\d)", sub, text)

    @staticmethod
    def _style_numpr(paragraph):
        style = paragraph.style
        while style is not None:
            ppr = style.element.pPr
            if ppr is not None and ppr.numPr is not None:
                return ppr.numPr
            style = style.base_style
        return None


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        seen = set()
        cells = []
        for cell in row.cells:
            if cell._tc in seen:  # a horizontally merged cell repeats once per spanned column
                continue
            seen.add(cell._tc)
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()).replace("\t", " "))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def read_docx(data: bytes, path: str | None = None) -> RawText:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            bad = zf.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ReadError(path, "damaged or truncated zip/docx file") from None
    if bad is not None:
        raise ReadError(path, f"damaged docx file (corrupt member {bad})")
    if "word/document.xml" not in names:
        raise ReadError(path, "zip file that is not a Word document (no word/document.xml)")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken XML
        raise ReadError(path, f"damaged docx file ({type(exc).__name__})") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block))
            continue
        text = block.text.strip()
        if not text:
            continue
        label = numbering.label(block)
        lines.append(label + text if label and not text.startswith(label) else text)
    return RawText(text="\n".join(lines), path=path, format="docx", encoding=None)
