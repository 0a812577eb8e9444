"""Optional transformer backend for the sector classifier (extra ``transformers``).

Fine-tunes a sequence classifier from a checkpoint directory the user supplies
(``--base-model PATH``); nothing is ever downloaded: every load is ``local_files_only``
and the hub is switched off. The fine-tuned model is saved with its tokenizer and the
per-sector thresholds chosen on a validation split, and is used by
``safetask extract --sector-model DIR``.
"""
from __future__ import annotations

import functools
import json
import os
import random
from pathlib import Path
from typing import Any, Sequence

from .errors import ModelError
from .schema import SECTORS

THRESHOLDS_FILE = "sector_thresholds.json"


def _require():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        import transformers
    except ImportError:
        raise ModelError(None, "the transformers backend needs the extra: pip install 'safetask[transformers]'") from None
    return torch, transformers


def _check_dir(path: Path) -> Path:
    path = Path(path)
    if not (path / "config.json").exists():
        raise ModelError(path, "not a local model checkpoint (no config.json); give a folder saved by save_pretrained")
    return path


def fine_tune(base_model: str | os.PathLike[str], items: Sequence[tuple[str, list[str]]], out_dir: str | os.PathLike[str],
              *, epochs: int = 3, batch_size: int = 16, lr: float = 5e-5, max_length: int = 128, seed: int = 13,
              validation: float = 0.2) -> dict[str, Any]:
    """Fine-tune ``base_model`` on ``items`` ((text, sectors) pairs) for the eleven sectors."""
    torch, transformers = _require()
    base = _check_dir(Path(base_model))
    random.seed(seed)
    torch.manual_seed(seed)
    tok = transformers.AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = transformers.AutoModelForSequenceClassification.from_pretrained(
        base, local_files_only=True, num_labels=len(SECTORS), problem_type="multi_label_classification",
        id2label=dict(enumerate(SECTORS)), label2id={s: i for i, s in enumerate(SECTORS)},
        ignore_mismatched_sizes=True)
    data = list(items)
    random.Random(seed).shuffle(data)
    n_val = max(1, int(len(data) * validation)) if len(data) > 4 else 0
    val, train = data[:n_val], data[n_val:]

    def batches(rows, shuffle):
        order = list(range(len(rows)))
        if shuffle:
            random.Random(seed).shuffle(order)
        for i in range(0, len(order), batch_size):
            chunk = [rows[j] for j in order[i : i + batch_size]]
            enc = tok([t for t, _ in chunk], padding=True, truncation=True, max_length=max_length, return_tensors="pt")
            y = torch.tensor([[1.0 if s in secs else 0.0 for s in SECTORS] for _, secs in chunk])
            yield enc, y

    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _ in range(epochs):
        for enc, y in batches(train, True):
            out = model(**enc, labels=y)
            out.loss.backward()
            opt.step()
            opt.zero_grad()
            losses.append(float(out.loss.detach()))
    model.eval()
    thresholds = {s: 0.5 for s in SECTORS}
    if val:
        probs = _predict(model, tok, [t for t, _ in val], max_length, batch_size)
        for i, s in enumerate(SECTORS):
            truth = [s in secs for _, secs in val]
            if not any(truth):
                continue
            best = max((round(th, 2) for th in [x / 20 for x in range(4, 17)]),
                       key=lambda th: _f1([p[i] >= th for p in probs], truth))
            thresholds[s] = best
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    meta = {"base_model": str(base), "items": len(train), "validation_items": len(val), "epochs": epochs,
            "final_loss": losses[-1] if losses else None, "thresholds": thresholds, "labels": list(SECTORS),
            "max_length": max_length, "seed": seed}
    (out / THRESHOLDS_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return meta


def _f1(pred: list[bool], truth: list[bool]) -> float:
    tp = sum(p and t for p, t in zip(pred, truth))
    fp = sum(p and not t for p, t in zip(pred, truth))
    fn = sum(t and not p for p, t in zip(pred, truth))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _predict(model, tok, texts: list[str], max_length: int, batch_size: int = 32) -> list[list[float]]:
    import torch

    out: list[list[float]] = []
    with torch.no_grad():
        for i in range(0, len(texts), batch_size):
            enc = tok(texts[i : i + batch_size], padding=True, truncation=True, max_length=max_length, return_tensors="pt")
            out += torch.sigmoid(model(**enc).logits).tolist()
    return out


class TransformerSectors:
    """A fine-tuned sector model loaded from ``model_dir`` (once per process per folder)."""

    def __init__(self, model_dir: str | os.PathLike[str]) -> None:
        _, transformers = _require()
        self.path = _check_dir(Path(model_dir))
        meta_file = self.path / THRESHOLDS_FILE
        if not meta_file.exists():
            raise ModelError(self.path, f"no {THRESHOLDS_FILE}: not a model made by 'safetask train --sectors-backend transformers'")
        self.meta = json.loads(meta_file.read_text(encoding="utf-8"))
        self.thresholds = self.meta["thresholds"]
        self.tok = transformers.AutoTokenizer.from_pretrained(self.path, local_files_only=True)
        self.model = transformers.AutoModelForSequenceClassification.from_pretrained(self.path, local_files_only=True)
        self.model.eval()

    def predict_proba(self, texts: list[str]) -> list[list[float]]:
        return _predict(self.model, self.tok, texts, int(self.meta.get("max_length", 128)))


@functools.lru_cache(maxsize=4)
def load(model_dir: str) -> TransformerSectors:
    return TransformerSectors(model_dir)


__all__ = ["fine_tune", "TransformerSectors", "load"]
