"""Shared helpers: the seed texts, a timer, and jieba.lcut measured in the same run."""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_paths() -> list[Path]:
    return sorted((ROOT / "corpora" / "raw").glob("*.txt"))


def best_of(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def jieba_mb_per_s(texts: list[str], repeat: int = 3) -> float:
    import jieba

    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()  # dictionary load is one-time, not throughput
    tok.lcut(texts[0][:100])
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return size / best_of(lambda: [tok.lcut(t) for t in texts], repeat)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
