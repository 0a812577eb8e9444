"""The stages in order: read → normalize → split → outline → tasks → sectors.

``extract`` handles one document; ``extract_file`` every document a file holds
(compilations split, duplicates and off-topic documents reported, not processed twice).
Models are loaded once per process (cached loaders), never at import time.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from .errors import SafetaskError
from .normalize import Normalized, normalize
from .read import RawText, read
from .resources import load_model
from .schema import DocumentMeta, DocumentResult, Task
from .sectors import classify
from .split import Document, doc_type, find_date, is_on_topic, issuer_of, split_documents, _title_of
from .tasks import assemble, candidates, detector_input, rule_score

log = logging.getLogger(__name__)


def _is_path(x: object) -> bool:
    if isinstance(x, Path):
        return True
    return isinstance(x, str) and "\n" not in x and len(x) < 1024 and os.path.exists(x)


def _detect(cands) -> list[float]:
    if not cands:
        return []
    model = load_model("task_detector")
    if model is None:
        return [rule_score(c) for c in cands]
    return [float(p) for p in model.predict_proba([detector_input(c) for c in cands])[:, 1]]


def extract_tasks(text: str, *, date: str | None = None, explain: bool = False) -> list[Task]:
    """Task items of one normalized document text (offsets into ``text``)."""
    base_year = int(date[:4]) if date and date[:4].isdigit() else None
    cands = candidates(text)
    tasks = assemble(text, cands, _detect(cands), base_year=base_year)
    for task, tags in zip(tasks, classify([t.text for t in tasks], explain=explain)):
        task.sectors = tags
    return tasks


def _result(doc: Document, norm: Normalized | None, date: str | None, explain: bool) -> DocumentResult:
    meta = doc.meta
    if date:
        meta.date = date
    tasks: list[Task] = []
    if meta.duplicate_of is None and meta.on_topic:
        tasks = extract_tasks(doc.text, date=meta.date, explain=explain)
        if norm is not None:
            for t in tasks:
                s, e = norm.source_span(doc.start + t.start, doc.start + t.end)
                t.source_start, t.source_end = s, e
    return DocumentResult(meta=meta, text=doc.text, tasks=tasks)


def extract(text_or_path: str | os.PathLike[str], date: str | None = None, *, explain: bool = False) -> DocumentResult:
    """Extract the task list of one document (a path, or the text itself).

    The whole input is treated as one document; use ``extract_file`` for files that hold
    several (web compilations). ``date`` (ISO) is the document date when the text lacks one;
    it anchors relative deadlines (年底前, “五一”节前)."""
    if _is_path(text_or_path):
        raw = read(text_or_path)
        source = str(text_or_path)
        doc_id = Path(source).stem
    else:
        raw = RawText(text=str(text_or_path))
        source, doc_id = None, "text"
    norm = normalize(raw.text)
    text = norm.text
    first_line = text.split("\n", 1)[0]
    title = _title_of(first_line)
    meta = DocumentMeta(doc_id=doc_id, title=title, doc_type=doc_type(title, text), date=date or find_date(text),
                        issuer=issuer_of(title, text), source=source, on_topic=is_on_topic(text), chars=len(text),
                        source_start=0, source_end=len(raw.text))
    doc = Document(meta=meta, text=text, start=0, end=len(text))
    result = _result(doc, norm, None, explain)
    if not meta.on_topic:
        # An explicit single-document call still extracts: the caller chose the text.
        result.tasks = extract_tasks(text, date=meta.date, explain=explain)
    return result


def load_documents(path: str | os.PathLike[str]) -> tuple[RawText, Normalized, list[Document]]:
    raw = read(path)
    norm = normalize(raw.text)
    docs = split_documents(norm, doc_prefix=Path(path).stem, source=str(path))
    return raw, norm, docs


def extract_file(path: str | os.PathLike[str], date: str | None = None, *, explain: bool = False) -> list[DocumentResult]:
    """Every document in ``path`` with its tasks; duplicates and off-topic documents are
    listed with ``duplicate_of`` / ``on_topic`` set and no tasks."""
    _, norm, docs = load_documents(path)
    return [_result(d, norm, date, explain) for d in docs]


__all__ = ["extract", "extract_file", "extract_tasks", "load_documents", "SafetaskError"]
