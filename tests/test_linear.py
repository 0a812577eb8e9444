"""The model file format: the stored numbers give the fitted pipeline's probabilities, with
numpy alone, and a file names no code beyond the known analyzers."""
import json
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from nlp.errors import ModelError
from nlp.linear import LinearTextModel
from nlp.sectors import build_pipeline
from nlp.tasks import candidates, detector_input
from nlp.train import SEED, _sector_items, build_task_detector, label_candidates

from .conftest import ROOT, gold_docs


def _units(docs):
    X, y = [], []
    for d in docs:
        cands, labels = label_candidates(d)
        X += [detector_input(c) for c in cands]
        y += labels
    return X, y


def test_task_detector_file_gives_the_pipelines_probabilities(tmp_path):
    X, y = _units(gold_docs("dev.jsonl")[:6])
    pipe = build_task_detector().fit(X, y)
    LinearTextModel.from_pipeline(pipe).save(tmp_path / "d.linear.zip")
    model = LinearTextModel.load(tmp_path / "d.linear.zip")
    held = [detector_input(c) for d in gold_docs("heldout.jsonl")[:2] for c in candidates(d["text"])]
    assert len(held) > 50
    np.testing.assert_allclose(model.probabilities(held)[:, 0], pipe.predict_proba(held)[:, 1], rtol=0, atol=1e-12)


def test_multilabel_sector_file_gives_the_pipelines_probabilities(tmp_path):
    items = _sector_items([ROOT / "corpora" / "sectors" / "train_written.jsonl"])[:300]
    X = [t for t, _ in items]
    Y = np.array([[1 if s in secs else 0 for s in ("消防", "道路运输", "城市建设")] for _, secs in items])
    pipe = build_pipeline(SEED).fit(X, Y)
    path = tmp_path / "s.linear.zip"
    LinearTextModel.from_pipeline(pipe).save(path)
    first = path.read_bytes()
    LinearTextModel.from_pipeline(pipe).save(path)
    assert path.read_bytes() == first  # same model, same bytes
    texts = [t["text"] for d in gold_docs("heldout.jsonl") for t in d["tasks"]][:60]
    np.testing.assert_allclose(LinearTextModel.load(path).probabilities(texts), pipe.predict_proba(texts),
                               rtol=0, atol=1e-12)


def test_extraction_does_not_import_scikit_learn():
    code = ("import sys; from nlp.pipeline import extract_tasks; "
            "t = extract_tasks('各乡镇、县住建局要于2024年6月底前完成燃气管道隐患排查整治。'); "
            "print(len(t), t[0].sectors[0].name if t and t[0].sectors else '', 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    n, sector, imported = out.stdout.split()
    assert int(n) == 1 and sector == "城市建设" and imported == "False"


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "model.json":
                meta = json.loads(data)
                change(meta)
                data = json.dumps(meta).encode()
            zout.writestr(name, data)


def test_a_file_naming_other_code_is_refused(tmp_path):
    committed = ROOT / "models" / "task_detector.linear.zip"
    bad = tmp_path / "bad.linear.zip"
    _rewrite(committed, bad, lambda m: m["blocks"][0].update(analyzer="os.system"))
    with pytest.raises(ValueError, match="unknown analyzer"):
        LinearTextModel.load(bad)


def test_a_damaged_model_file_is_a_clear_error(tmp_path):
    from nlp import resources

    (tmp_path / "task_detector.linear.zip").write_bytes(b"PK\x03\x04 not really a zip")
    with resources.models_from(tmp_path):
        with pytest.raises(ModelError) as err:
            resources.load_model("task_detector")
    assert "task_detector.linear.zip" in str(err.value) and "cannot load model" in str(err.value)
