"""Lexicons and patterns as data files (loaded once, read-only), and their one reader."""
from __future__ import annotations

import functools
import re
from importlib import resources


@functools.lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, str], ...]:
    """The ``key<TAB>value`` rows of data file ``name``, comments and blank lines skipped."""
    raw = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    out = []
    for row in raw.splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        key, _, value = row.partition("\t")
        out.append((key.strip(), value.strip()))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def regex_table(name: str) -> dict[str, re.Pattern[str]]:
    """``key<TAB>regex`` rows joined into one alternation per key."""
    parts: dict[str, list[str]] = {}
    for key, rx in rows(name):
        parts.setdefault(key, []).append(f"(?:{rx})")
    return {k: re.compile("|".join(v)) for k, v in parts.items()}
