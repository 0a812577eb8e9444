"""Training is reproducible: the same data gives the same model and the same scores."""
import json

import numpy as np

from nlp.sectors import build_pipeline
from nlp.train import SEED, _sector_items, label_candidates

from .conftest import GOLD, ROOT, gold_docs


def test_sector_pipeline_is_deterministic():
    items = _sector_items([ROOT / "corpora" / "sectors" / "train_written.jsonl"])[:300]
    X = [t for t, _ in items]
    Y = np.array([[1 if s in secs else 0 for s in ("消防", "道路运输", "城市建设")] for _, secs in items])
    a = build_pipeline(SEED).fit(X, Y).predict_proba(X[:50])
    b = build_pipeline(SEED).fit(X, Y).predict_proba(X[:50])
    assert np.array_equal(a, b)


def test_gold_labels_line_up_with_candidates():
    doc = gold_docs("dev.jsonl")[0]
    cands, labels = label_candidates(doc)
    positives = [c.text for c, y in zip(cands, labels) if y]
    assert len(positives) >= len(doc["tasks"]) * 0.8
    assert any("区安委办要做好相关协调配合工作" in p for p in positives)


def test_committed_model_cards_match_the_artifacts():
    for name in ("task_detector", "sectors"):
        meta = json.loads((ROOT / "models" / f"{name}.json").read_text(encoding="utf-8"))
        assert (ROOT / "models" / f"{name}.linear.zip").exists()
        assert (ROOT / "models" / f"{name}.md").exists()
        assert meta["seed"] == SEED
    sectors = json.loads((ROOT / "models" / "sectors.json").read_text(encoding="utf-8"))
    assert min(sectors["examples_per_sector"].values()) >= 60
    assert sectors["heldout_scores"]["macro_f1"] >= 0.9
    assert (GOLD / "heldout_written.jsonl").exists()


def test_retraining_reproduces_the_committed_models(tmp_path):
    import hashlib

    import sklearn

    from nlp.train import train_all

    train_all(ROOT / "corpora", tmp_path)
    for name in ("task_detector", "sectors"):
        committed = json.loads((ROOT / "models" / f"{name}.json").read_text(encoding="utf-8"))
        fresh = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        for key in ("data_hash", "cross_validated", "cross_validated_unit_prf", "heldout_scores", "thresholds", "threshold"):
            assert fresh.get(key) == committed.get(key), (name, key)
        if committed["versions"]["scikit-learn"] == sklearn.__version__:
            digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "models" / f"{name}.linear.zip",
                                                                          tmp_path / f"{name}.linear.zip")]
            assert digest[0] == digest[1], name
