"""The public API end to end: seeds in, typed results out, JSON valid against the schema."""
import doctest
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import nlp
from nlp import DocumentResult, extract, extract_file, json_schema

from .conftest import ROOT, seed


@pytest.fixture(scope="module")
def seed_results():
    return {k: extract_file(seed(k)) for k in ("000", "001", "002", "003", "004")}


def test_every_seed_gives_tasks_with_fields(seed_results):
    for key, results in seed_results.items():
        tasks = [t for r in results for t in r.tasks]
        assert len(tasks) >= 8, key
        assert any(t.departments for t in tasks), key
    all_tasks = [t for rs in seed_results.values() for r in rs for t in r.tasks]
    assert any(t.deadline for t in all_tasks)
    assert any(t.campaigns for t in all_tasks)
    assert any(t.sectors for t in all_tasks)
    assert all(t.section is not None for t in all_tasks)


def test_json_validates_against_the_schema_and_round_trips(seed_results):
    schema = json_schema()
    for results in seed_results.values():
        for r in results:
            d = r.to_dict()
            jsonschema.validate(d, schema)
            again = DocumentResult.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
            assert [t.to_dict() for t in again.tasks] == d["tasks"]


def test_offsets_point_into_document_and_source(seed_results):
    src = (ROOT / "corpora" / "raw" / seed("002").name).read_text(encoding="utf-8")
    for r in seed_results["002"]:
        for t in r.tasks:
            assert r.text[t.start : t.end] == t.text
            assert 0 <= t.source_start < t.source_end <= len(src)


def test_compilation_duplicates_and_off_topic_get_no_tasks(seed_results):
    results = seed_results["003"]
    for r in results:
        if r.meta.duplicate_of or not r.meta.on_topic:
            assert r.tasks == []
    assert sum(1 for r in results if r.tasks) >= 10


def test_document_date_resolves_relative_deadlines():
    r = extract("各乡镇要在“五一”节前完成一次燃气安全隐患排查。", date="2024-03-01")
    assert r.tasks[0].deadline.date == "2024-05-01"
    r = extract("各乡镇要在“五一”节前完成一次燃气安全隐患排查。")
    assert r.tasks[0].deadline.date is None


def test_results_pickle():
    import pickle

    r = extract("县应急管理局要于6月30日前完成全县危险化学品企业安全检查。", date="2024-01-01")
    assert pickle.loads(pickle.dumps(r)).tasks[0].text == r.tasks[0].text


def test_readme_examples_run():
    failures, tried = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


def test_import_is_light_and_ours():
    code = "import sys, nlp; print(nlp.__file__); print(any(m in sys.modules for m in ('sklearn', 'skops', 'opencc')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    assert Path(out[0]).parent == ROOT / "nlp" or "site-packages" in out[0]
    assert out[1] == "False"
    assert nlp.__version__
