"""Rebuild every model in ``models/`` from ``corpora/`` deterministically.

* ``task_detector``: which sentences are task items (logistic regression over cue
  features and character n-grams), trained on the dev gold documents.
* ``sectors``: the multi-label sector classifier (see ``nlp.sectors``).

Same data → same artifact: fixed seeds, sorted inputs, no time-dependent features.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import platform
from pathlib import Path
from typing import Any

from .errors import DataError
from .evaluate import load_jsonl
from .tasks import Candidate, analyzer, candidates, detector_input

SEED = 13


def label_candidates(doc: dict) -> tuple[list[Candidate], list[int]]:
    """Candidates of a gold document and whether each is (part of) a gold task item."""
    text = doc["text"]
    cands = candidates(text)
    spans = [(t["start"], t["end"]) for t in doc["tasks"]]
    labels = []
    for c in cands:
        best = 0.0
        for s, e in spans:
            ov = min(c.end, e) - max(c.start, s)
            if ov > 0:
                best = max(best, ov / max(1, min(c.end - c.start, e - s)))
        labels.append(1 if best >= 0.5 else 0)
    return cands, labels


def build_task_detector():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline([
        ("features", TfidfVectorizer(analyzer=analyzer, min_df=2, sublinear_tf=True, dtype=__import__("numpy").float64)),
        ("model", LogisticRegression(C=2.0, class_weight="balanced", max_iter=2000, random_state=SEED)),
    ])


def _data_hash(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def train_task_detector(train_files: list[Path], eval_files: list[Path], out_dir: Path) -> dict[str, Any]:
    import numpy as np

    docs = [d for f in sorted(train_files) for d in load_jsonl(f)]
    if not docs:
        raise DataError(train_files[0] if train_files else None, "no training documents")
    X, y, groups = [], [], []
    for n, d in enumerate(docs):
        cands, labels = label_candidates(d)
        X += [detector_input(c) for c in cands]
        y += labels
        groups += [n] * len(cands)
    pipe = build_task_detector()
    # Cross-validation by document, so a speech never helps score itself.
    from sklearn.model_selection import GroupKFold, cross_val_predict

    folds = min(5, len(docs))
    cv_pred = cross_val_predict(build_task_detector(), X, y, groups=groups, cv=GroupKFold(n_splits=folds))
    from sklearn.metrics import f1_score, precision_score, recall_score

    cv = {"p": round(float(precision_score(y, cv_pred)), 4), "r": round(float(recall_score(y, cv_pred)), 4),
          "f1": round(float(f1_score(y, cv_pred)), 4)}
    pipe.fit(X, y)
    out_dir.mkdir(parents=True, exist_ok=True)
    import skops.io as sio
    import sklearn

    sio.dump(pipe, out_dir / "task_detector.skops")
    meta = {
        "name": "task_detector",
        "kind": "sentence classifier: is this unit a task item (guide §1)",
        "trained_on": [str(f) for f in sorted(train_files)],
        "data_hash": _data_hash(list(train_files)),
        "documents": len(docs),
        "units": len(y),
        "positive_units": int(np.sum(y)),
        "cross_validated_unit_prf": cv,
        "versions": {"scikit-learn": sklearn.__version__, "python": platform.python_version()},
        "seed": SEED,
    }
    return meta


def write_card(out_dir: Path, name: str, meta: dict[str, Any], body: str) -> None:
    (out_dir / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")
    (out_dir / f"{name}.md").write_text(body, encoding="utf-8")


def today() -> str:
    return _dt.date.today().isoformat()
