"""The safetask command as a user runs it: tables, JSON, and one-line errors."""
import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT, seed


def run(*args, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "cli.main", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_extract_table_on_a_seed():
    r = run("extract", seed("000"))
    assert r.returncode == 0, r.stderr
    assert "工作任务" in r.stdout and "牵头单位" in r.stdout and "各巡查督导组" in r.stdout


def test_extract_jsonl_one_object_per_document():
    r = run("extract", seed("004"), seed("002"), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["date"] for d in docs] == [None, "2013-11-16"]
    assert all(d["tasks"] for d in docs)


def test_split_and_normalize():
    r = run("split", seed("003"))
    assert r.returncode == 0 and "duplicate of" in r.stdout
    r = run("normalize", seed("002"))
    assert r.returncode == 0 and "安全生产" in r.stdout and "(chǎn)" not in r.stdout


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (bytes(range(256)) * 20, "binary"),
    (b"PK\x03\x04" + b"\x00" * 100, "damaged or truncated"),
], ids=["empty", "binary", "truncated-zip"])
def test_bad_input_gives_one_line_and_nonzero_exit(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = run("extract", p)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(p) in lines[0] and message in lines[0]


def test_missing_file_and_bad_option():
    r = run("extract", "/no/such/file.txt")
    assert r.returncode == 1 and "no such file" in r.stderr and "Traceback" not in r.stderr
    r = run("extract", seed("000"), "--format", "pdf")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_eval_prints_scores(tmp_path):
    r = run("eval", ROOT / "corpora" / "gold" / "heldout_written.jsonl", "--format", "json")
    assert r.returncode == 0, r.stderr
    scores = json.loads(r.stdout)
    assert scores["tasks"]["f1"] > 0.8


def test_exports_from_the_command_line(tmp_path):
    r = run("extract", seed("000"), "--format", "xlsx")
    assert r.returncode == 2 and "-o" in r.stderr
    out = tmp_path / "任务清单.docx"
    r = run("extract", seed("000"), "--format", "docx", "-o", out)
    assert r.returncode == 0 and out.exists()
    out = tmp_path / "两份讲话.xlsx"
    r = run("extract", seed("000"), seed("001"), "--format", "xlsx", "-o", out, "--merge")
    assert r.returncode == 0
    import openpyxl

    ws = openpyxl.load_workbook(out)["任务台账"]
    assert ws.max_row > 30
    r = run("extract", seed("004"), "--format", "csv")
    assert r.returncode == 0 and r.stdout.startswith("序号,工作任务")


def test_batch_and_query_commands(tmp_path):
    import openpyxl

    folder = tmp_path / "in"
    folder.mkdir()
    for k in ("002", "004"):
        (folder / seed(k).name).write_bytes(seed(k).read_bytes())
    (folder / "bad.txt").write_bytes(b"")
    db = tmp_path / "r.sqlite"
    r = run("batch", folder, "--db", db, "--workers", "1")
    assert r.returncode == 0 and "1 error" in r.stdout and "bad.txt" in r.stdout
    r = run("batch", folder, "--db", db, "--strict")
    assert r.returncode == 1 and "2 already done" in r.stdout
    r = run("query", "--db", db, "--dept", "安监局", "--format", "csv")
    assert r.returncode == 0 and "市安监局" in r.stdout
    out = tmp_path / "q.xlsx"
    r = run("query", "--db", db, "--sector", "建筑施工", "--format", "xlsx", "-o", out)
    assert r.returncode == 0
    ws = openpyxl.load_workbook(out)["任务台账"]
    assert ws.max_row >= 2 and all("建筑施工" in (ws.cell(i, 6).value or "") for i in range(2, ws.max_row + 1))
    r = run("query", "--db", tmp_path / "missing.sqlite")
    assert r.returncode == 1 and "no such store" in r.stderr
