"""Split stage: one normalized file → its documents, with metadata and duplicates marked.

Web compilations hold many speeches in one file, some repeated word for word or with
small edits. A document starts at a title line (…讲话 / …通知 / …方案) or at a salutation
(同志们：) that no title precedes; near duplicates are found by shingle overlap.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .normalizer import Normalized
from .schema import DocumentMeta

_GENRE = r"(讲话|发言|致辞|讲话稿|发言稿|通知|通告|公告|实施方案|工作方案|行动方案|方案|意见|决定|办法|工作要点|要点|纪要|报告)"
_TITLE = re.compile(
    rf"^.{{2,70}}?{_GENRE}(稿|范文|全文|完整|全文完整|精选文档|精选|范本|\d+篇|\s*\(摘要\)|\s*\([^()]{{1,14}}\)|\s*（[^（）]{{1,14}}）)*$"
)
_COLLECTION = re.compile(r"(通用|精选|合集|汇编|范文)\s*\d+\s*篇|\d+篇\)$")
_SALUTATION = re.compile(r"^(各位领导|各位来宾|各位代表|同志们|同事们|各位同志|各位委员)([、,，](各位)?(同志们|来宾|代表))*\s*[:：!！]?$")
_GLUED_TITLE = re.compile(rf"^(.{{4,60}}?{_GENRE})(同志们|各位领导)[:：,，]")
_DATE_PATTERNS = (
    re.compile(r"(?:发表时间|发布时间|发文日期|成文日期|印发日期|日期)[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"),
    re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.M),
    re.compile(r"^\s*[（(]?\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*[)）]?\s*$", re.M),
)
_CN_DATE = re.compile(r"^\s*([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*$", re.M)
_SAFETY_TERMS = re.compile(r"安全生产|安全隐患|隐患|事故|安委会|安委办|应急管理|消防|危化|危险化学品|防汛|安全检查|安全监管|安监")
_PUNCT = re.compile(r"[\s\W_]+", re.U)


@dataclass
class Document:
    """One document found in a file: its span in the normalized text and its metadata."""

    meta: DocumentMeta
    text: str
    start: int  # offset of ``text`` in the file's normalized text
    end: int


def _cn_number(s: str) -> int:
    digits = "〇一二三四五六七八九"
    s = s.replace("零", "〇")
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return int("".join(str(digits.index(c)) for c in s))


_YEAR_MENTION = re.compile(r"(?<![\d])(20[0-3]\d)\s*年(?!代)")


def year_in_text(text: str) -> int | None:
    """The year a document plainly states when it has no date of its own (guide §3: the
    year is known from a year in the text): the title's year, else the latest year it names."""
    title = text.split("\n", 1)[0]
    m = _YEAR_MENTION.search(title)
    if m:
        return int(m.group(1))
    # Reports look back (2015年，全县……) and directives speak of the current year, so the
    # latest year named is the document's; the end of a range or a target (至2026年, 到2025年)
    # is not.
    years = [int(m.group(1)) for m in _YEAR_MENTION.finditer(text)
             if not re.search(r"(?:到|至|—|－|-|~|～)\s*$", text[max(0, m.start() - 2) : m.start()])]
    return max(years) if years else None


def find_date(text: str) -> str | None:
    """The document's own date: a 发表时间/成文日期 field or a date line of its own."""
    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            y, mo, d = (int(g) for g in m.groups())
            if 1949 < y < 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    m = _CN_DATE.search(text)
    if m:
        try:
            y = _cn_number(m.group(1))
            mo, d = _cn_number(m.group(2)), _cn_number(m.group(3))
            if 1949 < y < 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
        except ValueError:
            pass
    return None


def _title_of(line: str) -> str | None:
    s = line.strip()
    if not s:
        return None
    m = _GLUED_TITLE.match(s)
    if m:
        return m.group(1)
    if len(s) > 80:
        return None
    if _TITLE.match(s) and not re.search(r"[。;；!！?？]", s) and s.count(",") + s.count("，") == 0:
        return s
    return None


def doc_type(title: str | None, text: str) -> str:
    t = title or ""
    if re.search(r"讲话|发言|致辞", t):
        return "讲话"
    if re.search(r"实施方案|工作方案|行动方案|方案", t):
        return "实施方案"
    if re.search(r"通知|通告|公告|意见|决定|办法", t):
        return "通知"
    head = text[:400]
    if re.search(r"(同志们|各位领导)[,，:：]", head):
        return "讲话"
    if re.search(r"(讯|消息)[（(]?(记者|通讯员)|本报讯|记者\S{1,4}报道", head):
        return "新闻"
    if re.search(r"现将.{0,20}(通知|印发)如下|特此通知", text):
        return "通知"
    return "其他"


_SPEAKER_END = re.compile(r"(长|书记|主任|委员|部长|领导|同志|主席|总经理|总|政府|委员会|办公室|局|厅|委|办|[A-Za-z×x]{2,})$")


def issuer_of(title: str | None, text: str) -> str | None:
    """The speaker or issuing body when the title or the closing lines state it."""
    if title:
        m = re.match(r"^(.{2,30}?)(同志)?(在|于).{2,60}(讲话|发言|致辞)", title)
        if m and _SPEAKER_END.search(m.group(1)):
            return m.group(1)
        m = re.match(r"^(.{2,30}?)关于.{2,80}(通知|通告|方案|意见|决定)", title)
        if m:
            return m.group(1)
    lines = [ln.strip() for ln in text.strip().split("\n")[-4:]]
    for i, ln in enumerate(lines):
        if any(p.match(ln) for p in _DATE_PATTERNS[1:]) or _CN_DATE.match(ln):
            if i > 0 and 2 <= len(lines[i - 1]) <= 30 and re.search(r"(委员会|办公室|政府|局|厅|委|办|中心|指挥部)$", lines[i - 1]):
                return lines[i - 1]
    return None


def safety_score(text: str) -> float:
    """Safety terms per thousand characters."""
    return 1000 * len(_SAFETY_TERMS.findall(text)) / max(1, len(text))


def is_on_topic(text: str) -> bool:
    """Whether a document is about safety production at all."""
    return text.count("安全生产") >= 3 or safety_score(text) >= 3.0


def shingles(text: str, k: int = 5) -> set[int]:
    """Hashed character k-grams of ``text`` with punctuation and spaces removed."""
    s = _PUNCT.sub("", text)
    return {hash(s[i : i + k]) for i in range(max(1, len(s) - k + 1))}


def content_hash(text: str) -> str:
    return hashlib.sha1(_PUNCT.sub("", text).encode("utf-8")).hexdigest()


def _boundaries(lines: list[tuple[int, int, str]]) -> list[tuple[int, str | None]]:
    """Start line indices of documents, each with its title (if any)."""
    starts: list[tuple[int, str | None]] = []
    last_title_line = -10
    for k, (_, _, line) in enumerate(lines):
        title = _title_of(line)
        if title is not None:
            if starts and k - last_title_line <= 2 and starts[-1][0] == last_title_line:
                # Consecutive title lines (a title printed twice, or a compilation's
                # header before its first title): one document, the specific title.
                if starts[-1][1] and _COLLECTION.search(starts[-1][1]):
                    starts[-1] = (starts[-1][0], title)
                last_title_line = k
                continue
            starts.append((k, title))
            last_title_line = k
            continue
        if _SALUTATION.match(line.strip()) and k - last_title_line > 3 and k > 0:
            starts.append((k, None))
    if not starts or starts[0][0] != 0:
        starts.insert(0, (0, None))
    return starts


def split_documents(norm: Normalized | str, *, doc_prefix: str = "doc", source: str | None = None,
                    min_body: int = 150) -> list[Document]:
    """Split a normalized file into documents with metadata; duplicates get ``duplicate_of``."""
    text = norm.text if isinstance(norm, Normalized) else norm
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line), line))
        pos += len(line) + 1
    starts = _boundaries(spans)
    segments: list[list] = []  # [start_line, end_line, title]
    for i, (k, title) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(spans)
        segments.append([k, end, title])
    # A segment without a body (a title and a date line; a compilation's header) belongs
    # to the document that follows it.
    merged: list[list] = []
    pending: list | None = None
    for seg in segments:
        body = sum(len(spans[j][2]) for j in range(seg[0], seg[1]) if _title_of(spans[j][2]) is None)
        if pending is not None:
            first_title = pending[2]
            if first_title and _COLLECTION.search(first_title):
                first_title = None
            seg = [pending[0], seg[1], first_title or seg[2]]
            pending = None
        if body < min_body and seg is not segments[-1]:
            pending = seg
            continue
        merged.append(seg)
    if pending is not None:
        if merged:
            merged[-1][1] = pending[1]
        else:
            merged.append(pending)
    docs: list[Document] = []
    seen: list[tuple[set[int], str]] = []
    for n, (k0, k1, title) in enumerate(merged):
        start = spans[k0][0]
        end = spans[k1 - 1][1]
        body = text[start:end]
        if title is None:
            title = _title_of(spans[k0][2])
        if title and _COLLECTION.search(title):
            title = None
        doc_id = f"{doc_prefix}#{n + 1}" if len(merged) > 1 else doc_prefix
        meta = DocumentMeta(
            doc_id=doc_id,
            title=title,
            doc_type=doc_type(title, body),
            date=find_date(body),
            issuer=issuer_of(title, body),
            source=source,
            on_topic=is_on_topic(body),
            chars=len(body),
            source_start=start,
            source_end=end,
        )
        sh = shingles(body)
        for other, other_id in seen:
            inter = len(sh & other)
            # Near duplicate: most shingles shared, or this one contained in an earlier one.
            # (An earlier document contained in this one does not make this one a copy.)
            if inter >= 0.8 * len(sh | other) or inter >= 0.9 * len(sh):
                meta.duplicate_of = other_id
                break
        if meta.duplicate_of is None:
            seen.append((sh, doc_id))
        docs.append(Document(meta=meta, text=body, start=start, end=end))
    return docs


__all__ = ["Document", "split_documents", "find_date", "doc_type", "issuer_of", "is_on_topic",
           "safety_score", "shingles", "content_hash"]
