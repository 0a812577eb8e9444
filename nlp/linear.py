"""Linear text models in a small file format of our own, run with numpy alone.

Training fits scikit-learn pipelines (TF-IDF / count features over our analyzers, then
logistic regression, one-vs-rest for several labels). For use, the fitted numbers are all
that matters: the vocabulary, the idf weights, the coefficients. ``LinearTextModel`` holds
exactly those and computes the same probabilities (tested against the pipeline), so
extraction never imports scikit-learn: a process is ready in well under a second instead of
the seconds scikit-learn and a pickle-free loader take to import, and a batch worker is
that much smaller.

The file is a zip of ``model.json`` (settings, vocabularies, labels) and ``.npy`` arrays read
with ``allow_pickle=False``: loading runs no code from the file. Analyzers are named in it and
must be in ``ANALYZERS``; members are written in a fixed order with fixed dates, so the same
model always gives the same bytes.
"""
from __future__ import annotations

import importlib
import io
import json
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

FORMAT = "safetask-linear/1"
# The analyzers a model file may name: nothing else is ever imported while loading.
ANALYZERS = {
    "nlp.tasks.analyzer",
    "nlp.tasks.cue_analyzer",
    "nlp.sectors.analyzer",
}


def _resolve(name: str) -> Callable[[str], list[str]]:
    if name not in ANALYZERS:
        raise ValueError(f"unknown analyzer {name!r}")
    module, _, attr = name.rpartition(".")
    fn: Callable[[str], list[str]] = getattr(importlib.import_module(module), attr)
    return fn


def _name_of(fn: Callable[..., Any]) -> str:
    name = f"{fn.__module__}.{fn.__qualname__}"
    if name not in ANALYZERS:
        raise ValueError(f"analyzer {name} cannot be stored (add it to nlp.linear.ANALYZERS)")
    return name


@dataclass
class FeatureBlock:
    """One vectorizer: analyzer → vocabulary columns → tf (sublinear or binary) × idf → norm."""

    analyzer: str
    vocabulary: list[str]
    idf: np.ndarray | None  # None: counts without idf (CountVectorizer)
    sublinear_tf: bool = False
    binary: bool = False
    norm: str | None = None  # "l2" or None

    def __post_init__(self) -> None:
        self._fn = _resolve(self.analyzer)
        self._index = {t: i for i, t in enumerate(self.vocabulary)}

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and values of one text's row (like the fitted vectorizer's)."""
        counts: dict[int, int] = {}
        index = self._index
        for tok in self._fn(text):
            j = index.get(tok)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        vals = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.binary:
            vals = np.ones_like(vals)
        elif self.sublinear_tf:
            vals = np.log(vals) + 1.0
        if self.idf is not None:
            vals = vals * self.idf[cols]
        if self.norm == "l2" and len(vals):
            n = math.sqrt(float(vals @ vals))
            if n > 0:
                vals = vals / n
        return cols, vals


class LinearTextModel:
    """Feature blocks side by side, then one logistic regression per output label."""

    def __init__(self, blocks: list[FeatureBlock], coef: np.ndarray, intercept: np.ndarray,
                 labels: Sequence[Any]) -> None:
        self.blocks = blocks
        self.coef = np.asarray(coef, dtype=np.float64)  # (outputs, features)
        self.intercept = np.asarray(intercept, dtype=np.float64)  # (outputs,)
        self.labels = list(labels)
        self._offsets = np.cumsum([0] + [len(b.vocabulary) for b in blocks])[:-1]
        self._names: list[str] | None = None

    # ----------------------------------------------------------------- use
    def _row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        parts = [b.features(text) for b in self.blocks]
        cols = np.concatenate([c + off for (c, _), off in zip(parts, self._offsets)])
        vals = np.concatenate([v for _, v in parts])
        return cols, vals

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), len(self.intercept)))
        for i, text in enumerate(texts):
            cols, vals = self._row(text)
            out[i] = self.coef[:, cols] @ vals + self.intercept
        return out

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """P(label) for every text and output label: shape (texts, outputs)."""
        return 1.0 / (1.0 + np.exp(-self.decision_function(texts)))

    def contributions(self, text: str, output: int) -> list[tuple[float, str]]:
        """(weight × value, feature) of ``text`` for one output, largest first."""
        cols, vals = self._row(text)
        names = self._feature_names()
        pairs = [(float(self.coef[output, j] * v), names[j]) for j, v in zip(cols, vals)]
        return sorted(pairs, reverse=True)

    def _feature_names(self) -> list[str]:
        # Built once, on first use: only explanations need the names of all columns.
        if self._names is None:
            self._names = [t for b in self.blocks for t in b.vocabulary]
        return self._names

    # ----------------------------------------------------------------- files
    def save(self, path: str | Path) -> None:
        meta = {"format": FORMAT, "labels": self.labels,
                "blocks": [{"analyzer": b.analyzer, "vocabulary": b.vocabulary, "sublinear_tf": b.sublinear_tf,
                            "binary": b.binary, "norm": b.norm, "idf": b.idf is not None} for b in self.blocks]}
        members = {"model.json": json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"),
                   "coef.npy": _npy(self.coef), "intercept.npy": _npy(self.intercept)}
        for k, b in enumerate(self.blocks):
            if b.idf is not None:
                members[f"idf_{k}.npy"] = _npy(b.idf)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in sorted(members):
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, members[name])
        Path(path).write_bytes(buf.getvalue())

    @classmethod
    def load(cls, path: str | Path) -> "LinearTextModel":
        with zipfile.ZipFile(path) as zf:
            meta = json.loads(zf.read("model.json").decode("utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file (format {meta.get('format')!r})")

            def array(name: str) -> np.ndarray:
                return np.lib.format.read_array(io.BytesIO(zf.read(name)), allow_pickle=False)

            blocks = [FeatureBlock(analyzer=b["analyzer"], vocabulary=b["vocabulary"],
                                   idf=array(f"idf_{k}.npy") if b["idf"] else None, sublinear_tf=b["sublinear_tf"],
                                   binary=b["binary"], norm=b["norm"])
                      for k, b in enumerate(meta["blocks"])]
            return cls(blocks, array("coef.npy"), array("intercept.npy"), meta["labels"])

    # ----------------------------------------------------------------- from scikit-learn
    @classmethod
    def from_pipeline(cls, pipe: Any) -> "LinearTextModel":
        """The fitted numbers of a ``Pipeline([("features", vectorizer or FeatureUnion of
        vectorizers), ("model", LogisticRegression or OneVsRestClassifier of them)])``."""
        features, model = pipe.named_steps["features"], pipe.named_steps["model"]
        vectorizers = [v for _, v in features.transformer_list] if hasattr(features, "transformer_list") else [features]
        blocks = []
        for v in vectorizers:
            vocab = [t for t, _ in sorted(v.vocabulary_.items(), key=lambda kv: kv[1])]
            idf = np.asarray(v.idf_, dtype=np.float64) if getattr(v, "use_idf", False) else None
            blocks.append(FeatureBlock(analyzer=_name_of(v.analyzer), vocabulary=vocab, idf=idf,
                                       sublinear_tf=bool(getattr(v, "sublinear_tf", False)), binary=bool(v.binary),
                                       norm=getattr(v, "norm", None)))
        if hasattr(model, "estimators_"):  # one-vs-rest over several labels
            if getattr(model, "label_binarizer_", None) is not None and model.label_binarizer_.y_type_ != "multilabel-indicator":
                raise ValueError("only multi-label one-vs-rest models can be stored")
            coef = np.vstack([e.coef_ for e in model.estimators_])
            intercept = np.concatenate([e.intercept_ for e in model.estimators_])
            labels = [int(c) if isinstance(c, np.integer) else c for c in model.classes_]
        else:
            if len(model.classes_) != 2:
                raise ValueError("only binary logistic regression can be stored")
            coef, intercept = model.coef_, model.intercept_
            labels = [int(c) if isinstance(c, np.integer) else c for c in model.classes_[1:]]
        return cls(blocks, coef, intercept, labels)


def _npy(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.ascontiguousarray(a), allow_pickle=False)
    return buf.getvalue()


__all__ = ["LinearTextModel", "FeatureBlock", "ANALYZERS", "FORMAT"]
