"""The library as an outside user meets it: only the public API and the spaCy entry point,
run from another folder against the installed package."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

import nlp

from .conftest import ROOT, seed

TEXT = ("县住建局、县市监局要于2024年6月30日前完成液化气充装站点安全检查,县消防救援大队要配合。"
        "各乡镇要深入开展安全生产专项整治三年行动,每月报送一次进展情况。")


def run_outside(code: str, tmp_path, python: str = sys.executable) -> str:
    """Run ``code`` from a folder that is not the repository (nothing private on sys.path)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([python, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=tmp_path,
                       env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stdout


def test_public_names_are_documented_and_typed():
    for name in nlp.__all__:
        obj = getattr(nlp, name)
        if callable(obj):
            assert obj.__doc__, name


def test_api_round_trip():
    r = nlp.extract(TEXT, date="2024-01-15")
    d = r.to_dict()
    again = nlp.DocumentResult.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert again.to_dict()["tasks"] == d["tasks"]
    t = r.tasks[0]
    assert isinstance(t, nlp.Task) and isinstance(t.departments[0], nlp.Party)
    assert isinstance(t.deadline, nlp.Deadline) and t.deadline.date == "2024-06-30"
    assert all(isinstance(s, nlp.SectorTag) for s in t.sectors)
    assert r.text[t.start : t.end] == t.text
    assert [s.name for s in nlp.classify("县消防救援大队要开展电动自行车违规充电专项整治")] == ["消防"]
    assert nlp.normalize("安全生產(chǎn)").text == "安全生产"


def test_spacy_component_from_the_entry_point(tmp_path):
    pytest.importorskip("spacy")
    out = run_outside(f"""
        import json, spacy
        nlp = spacy.blank("zh", config={{"nlp": {{"tokenizer": {{"segmenter": "jieba"}}}}}})
        nlp.add_pipe("safety_tasks")          # found through the spacy_factories entry point
        doc = nlp({TEXT!r})
        print(json.dumps({{"tasks": [t["text"] for t in doc._.tasks],
                          "spans": [[s.text, s.label_] for s in doc.spans["safety"]]}}, ensure_ascii=False))
        nlp.to_disk("pipeline")
        again = spacy.load("pipeline")
        print(json.dumps([t["text"] for t in again({TEXT!r})._.tasks], ensure_ascii=False))
        docs = list(nlp.pipe([{TEXT!r}, "各企业要立即开展有限空间作业隐患排查。"], n_process=2))
        print(json.dumps([[t["text"] for t in d._.tasks] for d in docs], ensure_ascii=False))
    """, tmp_path)
    first, loaded, piped = [json.loads(line) for line in out.strip().splitlines()[-3:]]
    assert len(first["tasks"]) == 2
    assert ["县住建局", "DEPT"] in first["spans"] and ["2024年6月30日前", "DEADLINE"] in first["spans"]
    assert ["安全生产专项整治三年行动", "CAMPAIGN"] in first["spans"]
    assert loaded == first["tasks"]
    assert piped[0] == first["tasks"] and piped[1] == ["各企业要立即开展有限空间作业隐患排查"]


def test_same_tasks_through_cli_api_and_spacy(tmp_path):
    pytest.importorskip("spacy")
    path = seed("004")
    api = [t.text for t in nlp.extract(path).tasks]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cli = subprocess.run([sys.executable, "-m", "cli.main", "extract", str(path), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert [t["text"] for t in json.loads(cli.stdout)["tasks"]] == api
    out = run_outside(f"""
        import json, spacy
        from nlp import normalize, read
        text = normalize(read({str(path)!r}).text).text
        nlp = spacy.blank("zh")
        nlp.add_pipe("safety_tasks")
        print(json.dumps([t["text"] for t in nlp(text)._.tasks], ensure_ascii=False))
    """, tmp_path)
    assert json.loads(out.strip().splitlines()[-1]) == api


def test_built_wheel_installed_elsewhere_extracts_a_seed(tmp_path):
    """Build the wheel, install it (no editable link) into a fresh environment, use it from
    another folder: lexicons and models must ship inside the package."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("safetask-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    py = str(venv / "bin" / "python")
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--force-reinstall", str(wheel)],
                   check=True, capture_output=True, timeout=600)
    out = run_outside(f"""
        import json, nlp
        r = nlp.extract({str(seed("004"))!r})
        print(json.dumps({{"file": nlp.__file__, "tasks": len(r.tasks),
                          "depts": sum(bool(t.departments) for t in r.tasks),
                          "deadlines": sum(bool(t.deadline) for t in r.tasks),
                          "sectors": sum(bool(t.sectors) for t in r.tasks)}}))
    """, tmp_path, python=py)
    info = json.loads(out.strip().splitlines()[-1])
    assert info["file"].startswith(str(venv)), info["file"]
    assert info["tasks"] >= 5 and info["depts"] and info["deadlines"] and info["sectors"]


def test_public_modules_pass_mypy_strict():
    api = pytest.importorskip("mypy.api")
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", "/tmp/mypy-cache-safetask"])
    assert status == 0, stdout + stderr
