"""Read + normalize throughput on the seeds (MB/s of source bytes), next to jieba.lcut on
the same text in the same run.  Usage: python bench/bench_read_normalize.py [--repeat N]"""
from __future__ import annotations

import argparse

from _common import best_of, jieba_mb_per_s, peak_rss_mb, seed_paths

from nlp.normalizer import normalize
from nlp.readers import read


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--scale", type=int, default=10, help="repeat the seeds this many times per run")
    args = ap.parse_args()
    paths = seed_paths() * args.scale
    size = sum(p.stat().st_size for p in paths) / 1e6
    normalize(read(paths[0]).text)  # warm-up: OpenCC and data files load once

    def run():
        for p in paths:
            normalize(read(p).text)

    secs = best_of(run, args.repeat)
    ours = size / secs
    texts = [read(p).text for p in paths]
    jieba = jieba_mb_per_s(texts, args.repeat)
    print(f"read+normalize: {ours:.2f} MB/s over {size:.1f} MB; jieba.lcut: {jieba:.2f} MB/s; "
          f"ratio {ours / jieba:.2f}x; peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
