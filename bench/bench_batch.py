"""Batch throughput and memory on a generated archive: the seeds with varied dates and
department names, plus bad files (about 3%). Reports files/s with 1 and 2 workers in the
same run, and peak memory (coordinator and largest worker) at each archive size.

Usage: python bench/bench_batch.py [--files 1000] [--rounds 3] [--memory-sizes 1000,5000]"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import ROOT, seed_paths

PLACES = ["平川", "云州", "清江", "东湖", "石岭", "柏溪", "梅岭", "鹿鸣", "南屏", "溪口", "桐溪", "青崖", "白沙", "柳营"]
DEPTS = ["住建局", "应急管理局", "交通运输局", "市场监管局", "消防救援大队", "自然资源局", "水利局"]


def generate(folder: Path, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in seed_paths() if p.stat().st_size < 50_000]
    for i in range(n):
        name = folder / f"{i // 500:03d}" / f"doc_{i:05d}.txt"
        name.parent.mkdir(parents=True, exist_ok=True)
        if i % 33 == 0:
            name.write_bytes(b"" if i % 2 else os.urandom(2048))  # bad files
            continue
        t = rnd.choice(texts)
        place = rnd.choice(PLACES)
        t = t.replace("区", place[0] + "区").replace("县", place + "县", 3)
        t = t.replace("安监局", rnd.choice(DEPTS)).replace("住建局", rnd.choice(DEPTS))
        t += f"\n{place}县安全生产委员会办公室\n{rnd.randint(2015, 2025)}年{rnd.randint(1, 12)}月{rnd.randint(1, 28)}日\n"
        enc = "gb18030" if i % 3 == 0 else "utf-8"
        name.write_bytes(t.encode(enc))


def run_once(folder: Path, workers: int) -> dict:
    """One batch run in a fresh process (so its peak memory is its own) into a fresh store."""
    for suffix in ("", "-wal", "-shm"):
        (folder / f"w{workers}.sqlite{suffix}").unlink(missing_ok=True)
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
from nlp.batch import run_batch
marks = []
def progress(summary, total):
    if summary.files + summary.errors:
        marks.append((time.perf_counter(), summary.files + summary.errors))
t = time.perf_counter()
s = run_batch([{str(folder)!r}], {str(folder / f'w{workers}.sqlite')!r}, workers={workers}, progress=progress)
secs = time.perf_counter() - t
# Steady rate: from the 5% mark to the last file, so start-up (model loading, which bad files
# finishing first would hide) is excluded the same way for any number of workers.
first = next(m for m in marks if m[1] >= max(1, len(marks) // 20))
(t0, n0), (t1, n1) = first, marks[-1]
print(json.dumps({{"files": s.files + s.errors, "secs": secs, "steady": (n1 - n0) / max(1e-9, t1 - t0),
                  "tasks": s.tasks, "errors": s.errors,
                  "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="1- and 2-worker runs alternate this many times")
    ap.add_argument("--memory-sizes", default="1000,5000")
    args = ap.parse_args()
    if args.files:
        speed(args.files, args.rounds)
    for n in [int(x) for x in args.memory_sizes.split(",") if x]:
        memory(n)


def speed(files: int, rounds: int) -> None:
    """1 and 2 workers alternate, so a slow spell of a shared machine hits both; the median
    speed-up is reported."""
    with tempfile.TemporaryDirectory() as t:
        folder = Path(t) / "archive"
        generate(folder, files)
        overall, steady = [], []
        for r in range(rounds):
            one = run_once(folder, 1)
            two = run_once(folder, 2)
            r1, r2 = one["files"] / one["secs"], two["files"] / two["secs"]
            s1, s2 = one["steady"], two["steady"]
            overall.append(r2 / r1)
            steady.append(s2 / s1)
            print(f"round {r + 1}: {files} files: 1 worker {r1:.1f} files/s, 2 workers {r2:.1f} files/s, speed-up "
                  f"{r2 / r1:.2f}x overall; steady state (start-up excluded) {s1:.1f} vs {s2:.1f} files/s, "
                  f"{s2 / s1:.2f}x; {two['tasks']} tasks, {two['errors']} bad files reported")
        print(f"median speed-up over {rounds} rounds: {statistics.median(overall):.2f}x overall, "
              f"{statistics.median(steady):.2f}x steady state (target >= 1.8)")


def memory(n: int) -> None:
    with tempfile.TemporaryDirectory() as t:
        folder = Path(t) / "archive"
        generate(folder, n)
        r = run_once(folder, 2)
        print(f"{n} files, 2 workers: peak RSS coordinator {r['rss_main_mb']:.0f} MB, largest worker "
              f"{r['rss_worker_mb']:.0f} MB, {r['files'] / r['secs']:.1f} files/s")


if __name__ == "__main__":
    main()
