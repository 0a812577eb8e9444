"""Extraction throughput on the seeds (read → … → sectors), as a ratio to jieba.lcut on
the same text in the same run, and peak memory.  Usage: python bench/bench_extract.py"""
from __future__ import annotations

import argparse

from _common import best_of, jieba_mb_per_s, peak_rss_mb, seed_paths

from nlp.entities.deadlines import _find_deadlines
from nlp.entities.departments import _subject_parties
from nlp.pipeline import extract_file
from nlp.readers import read


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    paths = seed_paths()
    size = sum(p.stat().st_size for p in paths) / 1e6
    extract_file(paths[0])  # warm-up: models load once per process

    n_tasks = 0

    def run():
        nonlocal n_tasks
        # Per-sentence caches would make repeats look faster than a first pass over new text.
        _subject_parties.cache_clear()
        _find_deadlines.cache_clear()
        n_tasks = sum(len(r.tasks) for p in paths for r in extract_file(p))

    secs = best_of(run, args.repeat)
    ours = size / secs
    jieba = jieba_mb_per_s([read(p).text for p in paths], args.repeat)
    print(f"extract: {ours:.3f} MB/s over {size:.2f} MB ({n_tasks} tasks); jieba.lcut: {jieba:.2f} MB/s; "
          f"ratio {ours / jieba:.2f}x (target >= 0.5); peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
