"""The stages in order: read → normalize → split → outline → tasks → sectors.

``extract`` handles one document; ``extract_file`` every document a file holds
(compilations split, duplicates and off-topic documents reported, not processed twice).
Models are loaded once per process (cached loaders), never at import time.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import re
from datetime import date as Date, timedelta
from pathlib import Path

from .entities.deadlines import find_deadlines, pick_deadline
from .errors import SafetaskError
from .normalizer import Normalized, normalize
from .readers import RawText, read
from .resources import load_model, model_meta
from .schema import DocumentMeta, DocumentResult, Task
from .sectors import classify
from .splitter import Document, doc_type, find_date, is_on_topic, issuer_of, split_documents, year_in_text, _title_of
from .tasks import Candidate, assemble, candidates, detector_input, rule_score

log = logging.getLogger(__name__)


def _is_path(x: object) -> bool:
    if isinstance(x, Path):
        return True
    return isinstance(x, str) and "\n" not in x and len(x) < 1024 and os.path.exists(x)


def _detect(cands: list[Candidate]) -> list[float]:
    if not cands:
        return []
    model = load_model("task_detector")
    if model is None:
        return [rule_score(c) for c in cands]
    return [float(p) for p in model.probabilities([detector_input(c) for c in cands])[:, 0]]


def _roll_forward(task: Task, doc_date: str, base_year: int) -> None:
    """春节前 in a November speech is next year's Spring Festival: a deadline whose year the
    text does not state and that would fall more than a month before the document's own
    date is resolved in the following year."""
    dl = task.deadline
    if dl is None or not dl.date or dl.kind not in ("by", "on", "period") or re.search(r"\d{4}\s*年|[明今次]年", dl.text):
        return
    try:
        if Date.fromisoformat(dl.date) >= Date.fromisoformat(doc_date) - timedelta(days=31):
            return
    except ValueError:
        return
    again = pick_deadline(find_deadlines(dl.text, base_year + 1))
    if again is not None and again.deadline.date:
        task.deadline = dataclasses.replace(dl, date=again.deadline.date)


def extract_tasks(text: str, *, date: str | None = None, explain: bool = False,
                  sector_model: str | None = None) -> list[Task]:
    """Task items of one normalized document text (offsets into ``text``)."""
    return extract_tasks_many([text], [date], explain=explain, sector_model=sector_model)[0]


def extract_tasks_many(texts: list[str], dates: list[str | None], *, explain: bool = False,
                       sector_model: str | None = None) -> list[list[Task]]:
    """Task items of several documents; the models run once over all of them (batched)."""
    all_cands = [candidates(t) for t in texts]
    flat = [c for cands in all_cands for c in cands]
    scores = _detect(flat)
    threshold = float(model_meta("task_detector").get("threshold", 0.5))
    out: list[list[Task]] = []
    pos = 0
    for text, date, cands in zip(texts, dates, all_cands):
        base_year = int(date[:4]) if date and date[:4].isdigit() else year_in_text(text)
        tasks = assemble(text, cands, scores[pos : pos + len(cands)], base_year=base_year, threshold=threshold)
        if date and base_year is not None:
            for t in tasks:
                _roll_forward(t, date, base_year)
        out.append(tasks)
        pos += len(cands)
    all_tasks = [t for tasks in out for t in tasks]
    for task, tags in zip(all_tasks, classify([t.text for t in all_tasks], explain=explain, model_dir=sector_model)):
        task.sectors = tags
    return out


def _results(docs: list[Document], norm: Normalized | None, date: str | None, explain: bool,
             sector_model: str | None = None) -> list[DocumentResult]:
    for doc in docs:
        if date:
            doc.meta.date = date
    todo = [d for d in docs if d.meta.duplicate_of is None and d.meta.on_topic]
    found = extract_tasks_many([d.text for d in todo], [d.meta.date for d in todo], explain=explain,
                               sector_model=sector_model)
    tasks_of = {id(d): tasks for d, tasks in zip(todo, found)}
    results = []
    for doc in docs:
        tasks = tasks_of.get(id(doc), [])
        if norm is not None:
            for t in tasks:
                t.source_start, t.source_end = norm.source_span(doc.start + t.start, doc.start + t.end)
        results.append(DocumentResult(meta=doc.meta, text=doc.text, tasks=tasks))
    return results


def extract(text_or_path: str | os.PathLike[str], date: str | None = None, *, explain: bool = False,
            sector_model: str | None = None) -> DocumentResult:
    """Extract the task list of one document (a path, or the text itself).

    The whole input is treated as one document; use ``extract_file`` for files that hold
    several (web compilations). ``date`` (ISO) is the document date when the text lacks one;
    it anchors relative deadlines (年底前, “五一”节前). ``sector_model``: a folder made by
    ``safetask train --sectors-backend transformers`` to use instead of the default model."""
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
    meta.on_topic = True  # an explicit single-document call extracts: the caller chose the text
    doc = Document(meta=meta, text=text, start=0, end=len(text))
    result = _results([doc], norm, None, explain, sector_model)[0]
    result.meta.on_topic = is_on_topic(text)
    return result


def warm_up() -> None:
    """Load the models and fill the lexicon caches now rather than on the first document
    (a batch pool's workers fork from a process that has done this once)."""
    try:
        extract_tasks("一、各乡镇、县住建局要于2024年6月底前完成燃气管道隐患排查整治。", date="2024-01-01")
    except Exception:  # a broken model is reported on the first real document, with its path
        log.debug("warm-up failed", exc_info=True)


def load_documents(path: str | os.PathLike[str]) -> tuple[RawText, Normalized, list[Document]]:
    raw = read(path)
    norm = normalize(raw.text)
    docs = split_documents(norm, doc_prefix=Path(path).stem, source=str(path))
    return raw, norm, docs


def extract_file(path: str | os.PathLike[str], date: str | None = None, *, explain: bool = False,
                 sector_model: str | None = None) -> list[DocumentResult]:
    """Every document in ``path`` with its tasks; duplicates and off-topic documents are
    listed with ``duplicate_of`` / ``on_topic`` set and no tasks."""
    _, norm, docs = load_documents(path)
    return _results(docs, norm, date, explain, sector_model)


__all__ = ["extract", "extract_file", "extract_tasks", "extract_tasks_many", "load_documents", "SafetaskError"]
