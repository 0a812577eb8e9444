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
from .tasks import Candidate, analyzer, candidates, cue_analyzer, detector_input

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
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    return Pipeline([
        ("features", FeatureUnion([
            ("ngrams", TfidfVectorizer(analyzer=analyzer, min_df=2, sublinear_tf=True)),
            ("cues", CountVectorizer(analyzer=cue_analyzer, binary=True)),
        ])),
        ("model", LogisticRegression(C=16.0, class_weight="balanced", max_iter=3000, random_state=SEED)),
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
    cv_proba = cross_val_predict(build_task_detector(), X, y, groups=groups, cv=GroupKFold(n_splits=folds),
                                 method="predict_proba")[:, 1]
    from sklearn.metrics import f1_score, precision_score, recall_score

    # The decision threshold is chosen on out-of-fold probabilities of the training data:
    # the one nearest 0.5 among those within 0.005 F1 of the best (the curve is flat near its
    # top, and a far-off threshold chosen on noise would not carry to new documents).
    grid = [round(float(t), 2) for t in np.arange(0.3, 0.71, 0.05)]
    f1s = {t: f1_score(y, cv_proba >= t) for t in grid}
    threshold = min((t for t in grid if f1s[t] >= max(f1s.values()) - 0.005), key=lambda t: (abs(t - 0.5), t))
    cv_pred = cv_proba >= threshold
    cv = {"p": round(float(precision_score(y, cv_pred)), 4), "r": round(float(recall_score(y, cv_pred)), 4),
          "f1": round(float(f1_score(y, cv_pred)), 4)}
    pipe.fit(X, y)
    out_dir.mkdir(parents=True, exist_ok=True)
    import sklearn

    dump_model(pipe, out_dir / "task_detector.linear.zip")
    meta = {
        "name": "task_detector",
        "kind": "sentence classifier: is this unit a task item (guide §1)",
        "trained_on": [str(f) for f in sorted(train_files)],
        "data_hash": _data_hash(list(train_files)),
        "documents": len(docs),
        "units": len(y),
        "positive_units": int(np.sum(y)),
        "cross_validated_unit_prf": cv,
        "threshold": threshold,
        "versions": {"scikit-learn": sklearn.__version__, "python": platform.python_version()},
        "seed": SEED,
    }
    return meta


def dump_model(pipe: Any, path: Path) -> None:
    """Store the fitted numbers of ``pipe`` in our own format (``nlp.linear``): the same
    model always gives the same bytes, and using it needs numpy only."""
    from .linear import LinearTextModel

    LinearTextModel.from_pipeline(pipe).save(path)


def write_card(out_dir: Path, name: str, meta: dict[str, Any], body: str) -> None:
    (out_dir / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")
    (out_dir / f"{name}.md").write_text(body, encoding="utf-8")


def today() -> str:
    return _dt.date.today().isoformat()


def _sector_items(paths: list[Path]) -> list[tuple[str, list[str]]]:
    """(text, sectors) pairs from labelled item files and gold document files."""
    import json

    items: list[tuple[str, list[str]]] = []
    for p in sorted(paths):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            d = json.loads(line)
            if "tasks" in d:
                items += [(t["text"], list(t.get("sectors") or [])) for t in d["tasks"]]
            elif "text" in d and "sectors" in d:
                items.append((d["text"], list(d["sectors"])))
            else:
                raise DataError(p, f"line {n}: neither a gold document nor a labelled item")
    return items


def sector_scores(y_true, y_pred, labels) -> dict[str, Any]:
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    p, r, f, support = precision_recall_fscore_support(y_true, y_pred, zero_division=0)
    per = {lab: {"p": round(float(p[i]), 4), "r": round(float(r[i]), 4), "f1": round(float(f[i]), 4),
                 "support": int(support[i])} for i, lab in enumerate(labels)}
    return {"per_sector": per,
            "macro_f1": round(float(f1_score(y_true, y_pred, average="macro", zero_division=0)), 4),
            "micro_f1": round(float(f1_score(y_true, y_pred, average="micro", zero_division=0)), 4)}


def train_sectors(train_files: list[Path], heldout_files: list[Path], out_dir: Path) -> dict[str, Any]:
    import numpy as np
    import sklearn
    from sklearn.model_selection import KFold, cross_val_predict

    from .schema import SECTORS
    from .sectors import build_pipeline

    items = _sector_items(train_files)
    X = [t for t, _ in items]
    Y = np.array([[1 if s in secs else 0 for s in SECTORS] for _, secs in items])
    # Thresholds per sector from out-of-fold probabilities (never from the held-out set).
    oof = cross_val_predict(build_pipeline(SEED), X, Y, cv=KFold(5, shuffle=True, random_state=SEED),
                            method="predict_proba")
    thresholds = {}
    for i, s in enumerate(SECTORS):
        scores = []
        for th in np.arange(0.2, 0.81, 0.05):
            pred = oof[:, i] >= th
            tp = int(np.sum(pred & (Y[:, i] == 1)))
            fp = int(np.sum(pred & (Y[:, i] == 0)))
            fn = int(np.sum(~pred & (Y[:, i] == 1)))
            scores.append((2 * tp / (2 * tp + fp + fn) if tp else 0.0, round(float(th), 2)))
        # Out-of-fold F1 is flat near its top: among thresholds within 0.005 of the best,
        # take the one nearest 0.5 rather than an extreme that won by a single item.
        top = max(f for f, _ in scores)
        thresholds[s] = min((th for f, th in scores if f >= top - 0.005), key=lambda th: abs(th - 0.5))
    cv_pred = np.array([[oof[j, i] >= thresholds[s] for i, s in enumerate(SECTORS)] for j in range(len(X))])
    cv = sector_scores(Y, cv_pred, SECTORS)
    pipe = build_pipeline(SEED)
    pipe.fit(X, Y)
    held = {}
    if heldout_files:
        hitems = _sector_items(heldout_files)
        HX = [t for t, _ in hitems]
        HY = np.array([[1 if s in secs else 0 for s in SECTORS] for _, secs in hitems])
        hp = pipe.predict_proba(HX)
        from .sectors import decide

        hpred = np.array([[s in {t.name for t in decide(HX[j], hp[j], thresholds)} for s in SECTORS]
                          for j in range(len(HX))])
        held = sector_scores(HY, hpred, SECTORS)
        held["items"] = len(HX)
    out_dir.mkdir(parents=True, exist_ok=True)
    dump_model(pipe, out_dir / "sectors.linear.zip")
    counts = {s: int(Y[:, i].sum()) for i, s in enumerate(SECTORS)}
    return {
        "name": "sectors",
        "kind": "multi-label sector classifier (guide §5): TF-IDF char 1-3-grams + lexicon tokens, one-vs-rest logistic regression",
        "trained_on": [str(f) for f in sorted(train_files)],
        "heldout": [str(f) for f in sorted(heldout_files)],
        "data_hash": _data_hash(list(train_files)),
        "items": len(X),
        "items_without_sector": int(np.sum(Y.sum(axis=1) == 0)),
        "examples_per_sector": counts,
        "thresholds": thresholds,
        "cross_validated": cv,
        "heldout_scores": held,
        "versions": {"scikit-learn": sklearn.__version__, "python": platform.python_version()},
        "seed": SEED,
    }


def _card(name: str, meta: dict[str, Any]) -> str:
    lines = [f"# Model card: {name}", "", meta.get("kind", ""), "",
             f"- trained on: {', '.join(meta.get('trained_on', []))}",
             f"- data hash: {meta.get('data_hash')}", f"- seed: {meta.get('seed')}",
             f"- versions: {meta.get('versions')}", f"- built: {meta.get('built')}",
             f"- file: `{name}.linear.zip` — the fitted vocabulary, idf and coefficients (`nlp/linear.py`: JSON and "
             "`.npy`, no pickle), scored with numpy; scikit-learn is needed only to retrain", ""]
    if name == "task_detector":
        lines += [f"- documents: {meta['documents']}, units: {meta['units']}, task units: {meta['positive_units']}",
                  f"- cross-validated (by document) unit P/R/F1: {meta['cross_validated_unit_prf']}",
                  f"- decision threshold: {meta['threshold']} (the one nearest 0.5 within 0.005 of the best out-of-fold F1)", ""]
        if meta.get("heldout_scores"):
            lines += ["## Held-out end-to-end scores (annotation guide §8)", "", "| set | task F1 | departments F1 | deadline F1 | campaigns F1 |", "|---|---|---|---|---|"]
            for k, v in meta["heldout_scores"].items():
                lines.append(f"| {k} | {v['tasks']} | {v['departments']} | {v['deadline']} | {v['campaigns']} |")
            lines.append("")
    if name == "sectors":
        lines += [f"- items: {meta['items']} ({meta['items_without_sector']} with no sector)", "",
                  "| sector | train examples | threshold | CV P | CV R | CV F1 | held-out P | held-out R | held-out F1 |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for s, n in meta["examples_per_sector"].items():
            cv = meta["cross_validated"]["per_sector"][s]
            ho = meta.get("heldout_scores", {}).get("per_sector", {}).get(s, {})
            lines.append(f"| {s} | {n} | {meta['thresholds'][s]} | {cv['p']} | {cv['r']} | {cv['f1']} | "
                         f"{ho.get('p', '')} | {ho.get('r', '')} | {ho.get('f1', '')} |")
        lines += ["", f"- cross-validated macro-F1 {meta['cross_validated']['macro_f1']}, micro-F1 {meta['cross_validated']['micro_f1']}",
                  f"- held-out macro-F1 {meta.get('heldout_scores', {}).get('macro_f1')}, micro-F1 {meta.get('heldout_scores', {}).get('micro_f1')} "
                  f"on {meta.get('heldout_scores', {}).get('items')} items ({', '.join(meta.get('heldout', []))})", ""]
    return "\n".join(lines)


def heldout_extraction_scores(files: list[Path], models: Path) -> dict[str, dict[str, float]]:
    """End-to-end scores of the freshly trained models (in ``models``) on each held-out file."""
    from .evaluate import evaluate
    from .pipeline import extract_tasks
    from .resources import models_from
    from .sectors import _loaded

    out = {}
    with models_from(models):
        _loaded.cache_clear()
        for f in files:
            docs = load_jsonl(f)
            rep = evaluate(docs, lambda d: {"tasks": [t.to_dict() for t in extract_tasks(d["text"], date=d.get("date"))]})
            s = rep.as_dict()
            out[f.name] = {"tasks": s["tasks"]["f1"], "departments": s["end_to_end"]["departments"]["f1"],
                           "deadline": s["end_to_end"]["deadline"]["f1"], "campaigns": s["end_to_end"]["campaigns"]["f1"]}
    _loaded.cache_clear()
    return out


def train_all(corpora: Path, out_dir: Path) -> list[str]:
    """Rebuild models/ from corpora/: the task detector, then the sector classifier."""
    gold = corpora / "gold"
    train_gold = sorted(p for p in gold.glob("*.jsonl") if p.name.startswith(("dev", "train")))
    held_gold = sorted(p for p in gold.glob("*.jsonl") if p.name.startswith("heldout"))
    if not train_gold:
        raise DataError(gold, "no training gold files (dev*.jsonl / train*.jsonl)")
    log = []
    built = today()
    sec_train = sorted((corpora / "sectors").glob("train*.jsonl")) + train_gold
    sec_held = sorted((corpora / "sectors").glob("heldout*.jsonl")) + held_gold
    meta = train_sectors(sec_train, sec_held, out_dir)
    meta["built"] = built
    write_card(out_dir, "sectors", meta, _card("sectors", meta))
    log.append(f"sectors: {meta['items']} items, CV macro-F1 {meta['cross_validated']['macro_f1']}, "
               f"held-out macro-F1 {meta.get('heldout_scores', {}).get('macro_f1')}")
    meta = train_task_detector(train_gold, held_gold, out_dir)
    meta["built"] = built
    write_card(out_dir, "task_detector", meta, _card("task_detector", meta))  # the threshold first
    meta["heldout_scores"] = heldout_extraction_scores(held_gold, out_dir)
    write_card(out_dir, "task_detector", meta, _card("task_detector", meta))
    log.append(f"task_detector: {meta['units']} units, CV unit F1 {meta['cross_validated_unit_prf']['f1']}; "
               f"held-out {meta['heldout_scores']}")
    return log


def train_transformer_sectors(corpora: Path, base_model: Path, out_dir: Path, *, epochs: int = 3) -> dict[str, Any]:
    """Fine-tune a local transformer checkpoint on the same sector items as the default model."""
    from .sectors_transformers import fine_tune

    gold = corpora / "gold"
    files = sorted((corpora / "sectors").glob("train*.jsonl")) + sorted(
        p for p in gold.glob("*.jsonl") if p.name.startswith(("dev", "train")))
    items = _sector_items(files)
    if not items:
        raise DataError(corpora, "no sector training items")
    return fine_tune(base_model, items, out_dir, epochs=epochs, seed=SEED)
