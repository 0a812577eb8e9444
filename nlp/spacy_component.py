"""The ``safety_tasks`` spaCy component: the same extraction as ``nlp.extract``, on a Doc.

    import spacy
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("safety_tasks")
    doc = nlp(text)
    doc._.tasks           # the task items, as dicts (Task.to_dict(); Task.from_dict() to get objects)
    doc.spans["safety"]   # DEPT / DEADLINE / CAMPAIGN spans

Registered through the ``spacy_factories`` entry point, so ``add_pipe`` works after
``pip install`` without importing this module. Task dicts are plain data, so they survive
``nlp.pipe(texts, n_process=2)`` and ``DocBin``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .normalizer import normalize
from .pipeline import extract_tasks_many
from .splitter import find_date

SPANS_KEY = "safety"

if not Doc.has_extension("tasks"):
    Doc.set_extension("tasks", default=None)


class SafetyTasks:
    """Pipeline component: finds task items and marks their parties, deadlines and campaigns.

    The Doc's text should be the document as it stands; the component normalizes a copy
    (traditional→simplified, boilerplate…) and maps spans back when the normalized text has
    the same length, else marks spans only where they are found verbatim."""

    def __init__(self, nlp: Language, name: str = "safety_tasks", date: str | None = None,
                 spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.date = date
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._process(batch)
                batch = []
        if batch:
            yield from self._process(batch)

    def _process(self, docs: list[Doc]) -> list[Doc]:
        norms = [normalize(d.text) for d in docs]
        dates = [self.date or find_date(n.text) for n in norms]
        all_tasks = extract_tasks_many([n.text for n in norms], dates)
        for doc, norm, tasks in zip(docs, norms, all_tasks):
            spans: list[Span] = []
            out = []
            for t in tasks:
                d = t.to_dict()
                s, e = norm.source_span(t.start, t.end)
                d["source_start"], d["source_end"] = s, e
                out.append(d)
                for label, text_spans in self._entity_spans(t):
                    for (a, b) in text_spans:
                        ss, ee = norm.source_span(a, b)
                        span = doc.char_span(ss, ee, label=label, alignment_mode="expand")
                        if span is not None:
                            spans.append(span)
            doc._.tasks = out
            doc.spans[self.spans_key] = spans
        return docs

    @staticmethod
    def _entity_spans(t: Any) -> list[tuple[str, list[tuple[int, int]]]]:
        """Character spans (in the normalized text) of a task's parties, deadline, campaigns."""
        found: list[tuple[str, list[tuple[int, int]]]] = []
        text = t.text
        for p in t.departments:
            i = text.find(p.name)
            if i >= 0:
                found.append(("DEPT", [(t.start + i, t.start + i + len(p.name))]))
        if t.deadline is not None:
            i = text.find(t.deadline.text)
            if i >= 0:
                found.append(("DEADLINE", [(t.start + i, t.start + i + len(t.deadline.text))]))
        for c in t.campaigns:
            i = text.find(c)
            if i >= 0:
                found.append(("CAMPAIGN", [(t.start + i, t.start + i + len(c))]))
        return found

    # spaCy serialization: the component has settings only; models ship with the package.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        import srsly

        Path(path).mkdir(parents=True, exist_ok=True)
        srsly.write_json(Path(path) / "cfg.json", {"date": self.date, "spans_key": self.spans_key})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "SafetyTasks":
        import srsly

        cfg = srsly.read_json(Path(path) / "cfg.json")
        self.date, self.spans_key = cfg.get("date"), cfg.get("spans_key", SPANS_KEY)
        return self


@Language.factory("safety_tasks", default_config={"date": None, "spans_key": SPANS_KEY})
def make_safety_tasks(nlp: Language, name: str, date: str | None, spans_key: str) -> SafetyTasks:
    """Factory for ``nlp.add_pipe("safety_tasks")``."""
    return SafetyTasks(nlp, name, date=date, spans_key=spans_key)


__all__ = ["SafetyTasks", "make_safety_tasks", "SPANS_KEY"]
