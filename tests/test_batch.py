"""Archive jobs: bad files mixed in, duplicates stored once, resume after SIGKILL, Dask."""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile

import pytest

from nlp.batch import iter_sources, run_batch
from nlp.store import Store

from .conftest import ROOT, seed

COUNTIES = ["平川县", "云州县", "清江县", "东湖县", "石岭县", "柏溪县", "梅岭县", "鹿鸣县", "南屏县", "溪口县"]


def make_archive(folder, copies=3):
    """Seeds with varied place names and dates (distinct documents), plus exact copies,
    a zip archive, and bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    base = seed("000").read_text(encoding="utf-8")
    for i in range(copies):
        county = COUNTIES[i % len(COUNTIES)]
        text = (base.replace("区", county[-1]).replace("督导", f"督导{county[:2]}{i}")
                + f"\n{county}安委会\n20{10 + i % 15}年3月{i % 28 + 1}日")
        (folder / f"speech_{i}.txt").write_text(text, encoding="gb18030")
    shutil.copy(seed("004"), folder / "a.txt")
    (folder / "sub").mkdir(exist_ok=True)
    shutil.copy(seed("004"), folder / "sub" / "same_as_a.txt")  # an exact duplicate elsewhere
    with zipfile.ZipFile(folder / "old.zip", "w") as zf:
        zf.write(seed("002"), "2013/speech.txt")
        zf.writestr("2013/broken.docx", b"PK\x03\x04 not really")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(os.urandom(4000))
    return folder


def table_counts(db):
    con = sqlite3.connect(db)
    out = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
           for t in ("files", "documents", "document_sources", "tasks", "errors")}
    out["distinct_tasks"] = con.execute("SELECT COUNT(DISTINCT doc_key || '/' || idx) FROM tasks").fetchone()[0]
    con.close()
    return out


def test_sources_expand_folders_globs_and_zips(tmp_path):
    make_archive(tmp_path / "arc")
    names = [it.name for it in iter_sources([tmp_path / "arc"])]
    assert any(n.endswith("old.zip!/2013/speech.txt") for n in names)
    assert any(n.endswith("sub/same_as_a.txt") for n in names)
    globbed = [it.name for it in iter_sources([str(tmp_path / "arc" / "speech_*.txt")])]
    assert len(globbed) == 3


def test_batch_stores_good_files_reports_bad_ones_and_dedupes(tmp_path):
    arc = make_archive(tmp_path / "arc")
    db = tmp_path / "r.sqlite"
    s = run_batch([arc], db, workers=2)
    assert s.errors == 3  # empty, binary, broken docx inside the zip
    with Store(db) as store:
        errors = dict(store.db.execute("SELECT path, kind FROM errors"))
        assert any(p.endswith("empty.txt") for p in errors)
        assert any(p.endswith("broken.docx") for p in errors)
        c = store.counts()
        assert c["files"] == 6
        # a.txt and sub/same_as_a.txt: one document with both paths
        key = store.db.execute("SELECT doc_key FROM documents WHERE first_path LIKE '%a.txt'").fetchone()[0]
        assert len(store.sources_of(key)) == 2
    counts = table_counts(db)
    assert counts["tasks"] == counts["distinct_tasks"] > 30
    again = run_batch([arc], db, workers=2)
    assert again.files == 0 and again.skipped == 6
    assert table_counts(db) == counts


def test_near_duplicate_documents_are_stored_once(tmp_path):
    folder = tmp_path / "near"
    folder.mkdir()
    text = seed("000").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("谢谢大家!", "谢谢大家!\n(本文有删节)"), encoding="utf-8")
    s = run_batch([folder], tmp_path / "n.sqlite", workers=1)
    assert s.documents == 1 and s.duplicates == 1


def _cli(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return [sys.executable, "-m", "cli.main", *map(str, args)], env


def test_killed_run_resumes_and_stores_every_good_file_once(tmp_path):
    arc = make_archive(tmp_path / "arc", copies=80)
    clean_db = tmp_path / "clean.sqlite"
    run_batch([arc], clean_db, workers=1)
    expected = table_counts(clean_db)

    db = tmp_path / "killed.sqlite"
    cmd, env = _cli("batch", arc, "--db", db, "--workers", "1")
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    done = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                done = con.execute("SELECT COUNT(*) FROM files").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                continue
            if done >= 3:
                break
    assert proc.poll() is None, "the run finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 3 <= table_counts(db)["files"] < expected["files"]
    cmd, env = _cli("batch", arc, "--db", db, "--workers", "2")
    r = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    got = table_counts(db)
    # Every good file stored exactly once, every bad one reported once, no task row twice.
    # (Which of several near-identical speeches becomes the original depends on the order
    # files finish in, so the number of distinct documents may differ by a little.)
    for key in ("files", "errors", "document_sources"):
        assert got[key] == expected[key], (key, got, expected)
    assert got["tasks"] == got["distinct_tasks"]
    con = sqlite3.connect(db)
    stored = {p for (p,) in con.execute("SELECT path FROM files WHERE status = 'done'")}
    sourced = {p for (p,) in con.execute("SELECT DISTINCT path FROM document_sources")}
    orphans = con.execute("SELECT COUNT(*) FROM tasks WHERE doc_key NOT IN (SELECT doc_key FROM documents)").fetchone()[0]
    con.close()
    assert stored == sourced and orphans == 0


def test_dask_local_cluster_gives_the_same_store(tmp_path):
    distributed = pytest.importorskip("distributed")
    arc = make_archive(tmp_path / "arc")
    pool_db, dask_db = tmp_path / "pool.sqlite", tmp_path / "dask.sqlite"
    run_batch([arc], pool_db, workers=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        s = run_batch([arc], dask_db, scheduler=cluster.scheduler_address)
    assert s.files == 6 and s.errors == 3
    assert table_counts(dask_db) == table_counts(pool_db)

