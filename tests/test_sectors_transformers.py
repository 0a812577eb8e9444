"""The optional transformer backend, end to end, with a tiny model made here (random
weights, a character vocabulary built from the corpus): the code path, not accuracy."""
import json
import os
import subprocess
import sys

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from nlp.errors import ModelError  # noqa: E402
from nlp.schema import SECTORS  # noqa: E402

from .conftest import ROOT  # noqa: E402


@pytest.fixture(scope="module")
def tiny_checkpoint(tmp_path_factory):
    """A 1-layer BERT with a vocabulary of the corpus's characters, saved like a user's checkpoint."""
    d = tmp_path_factory.mktemp("tiny-bert")
    chars = set()
    for line in (ROOT / "corpora" / "sectors" / "train_written.jsonl").read_text(encoding="utf-8").splitlines()[:400]:
        chars.update(json.loads(line)["text"])
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + sorted(c for c in chars if not c.isspace())
    (d / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = transformers.BertTokenizer(vocab_file=str(d / "vocab.txt"), tokenize_chinese_chars=True)
    tok.save_pretrained(d)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1,
                                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=160)
    torch.manual_seed(0)
    transformers.BertModel(config).save_pretrained(d)
    return d


def test_fine_tune_save_load_predict(tiny_checkpoint, tmp_path):
    from nlp.sectors_transformers import TransformerSectors, fine_tune
    from nlp.train import _sector_items

    items = _sector_items([ROOT / "corpora" / "sectors" / "train_written.jsonl"])[:120]
    meta = fine_tune(tiny_checkpoint, items, tmp_path / "ft", epochs=1, batch_size=16)
    assert meta["items"] + meta["validation_items"] == 120
    assert set(meta["thresholds"]) == set(SECTORS)
    model = TransformerSectors(tmp_path / "ft")
    probs = model.predict_proba(["县住建局要开展液化气充装站点检查", "各乡镇要做好森林防火工作"])
    assert len(probs) == 2 and all(len(p) == len(SECTORS) and all(0.0 <= x <= 1.0 for x in p) for p in probs)


def test_extract_with_a_transformer_sector_model(tiny_checkpoint, tmp_path):
    from nlp import extract
    from nlp.sectors_transformers import fine_tune
    from nlp.train import _sector_items

    items = _sector_items([ROOT / "corpora" / "sectors" / "train_written.jsonl"])[:60]
    fine_tune(tiny_checkpoint, items, tmp_path / "ft2", epochs=1)
    r = extract("县应急管理局要于6月30日前完成全县危险化学品企业安全检查。", date="2024-01-01",
                sector_model=str(tmp_path / "ft2"))
    assert r.tasks and all(s.name in SECTORS for s in r.tasks[0].sectors)
    # the explicit-mention rule applies whatever the backend
    assert "危险化学品和烟花爆竹" in r.tasks[0].sector_names


def test_cli_train_backend_and_missing_checkpoint(tiny_checkpoint, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "cli.main", "train", "--sectors-backend", "transformers",
                        "--base-model", str(tmp_path / "nothing"), "--models", str(tmp_path / "m")],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert r.returncode == 1 and "not a local model checkpoint" in r.stderr and "Traceback" not in r.stderr
    with pytest.raises(ModelError):
        from nlp.sectors_transformers import TransformerSectors

        TransformerSectors(tmp_path)


def test_cli_fine_tunes_from_a_local_checkpoint(tiny_checkpoint, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "cli.main", "train", "--sectors-backend", "transformers",
                        "--base-model", str(tiny_checkpoint), "--models", str(tmp_path / "m"), "--epochs", "1"],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "m" / "sectors-transformer"
    assert (out / "config.json").exists() and (out / "sector_thresholds.json").exists()
    r = subprocess.run([sys.executable, "-m", "cli.main", "extract", str(ROOT / "corpora" / "raw" / "004_bae51303b5a74c43.txt"),
                        "--format", "json", "--sector-model", str(out)], capture_output=True, text=True, cwd=ROOT,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["tasks"]
