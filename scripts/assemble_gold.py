"""Assemble corpora/gold/*.jsonl from annotators' files: add the normalized document text
(produced by our own normalizer, so offsets are ours) and each task's start/end.

Usage: python scripts/assemble_gold.py ANNOT.jsonl [...] --out corpora/gold/FILE.jsonl
The annotators' ``source`` says which raw file (and line range) a document is.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.normalizer import normalize  # noqa: E402
from nlp.readers import read  # noqa: E402


def doc_text(source: str, annot_dir: Path) -> str:
    m = re.match(r"(\S+?\.txt)(?::L(\d+)-(\d+))?", source)
    name = m.group(1)
    raw_path = ROOT / "corpora" / "raw" / name
    if not raw_path.exists():
        raw_path = ROOT / "corpora" / name
    if not raw_path.exists():
        raw_path = annot_dir / name
    raw = read(raw_path).text
    if m.group(2):
        lines = raw.split("\n")
        raw = "\n".join(lines[int(m.group(2)) - 1 : int(m.group(3))])
    return normalize(raw).text


def locate(text: str, needle: str, start_from: int) -> tuple[int, int, bool]:
    i = text.find(needle, start_from)
    if i < 0:
        i = text.find(needle)
    if i < 0:  # the annotator copied text before our normalization (full-width punctuation…)
        needle = normalize(needle).text
        i = text.find(needle, start_from)
    if i >= 0:
        return i, i + len(needle), True
    # Fuzzy: best window of the same length (annotators' normalization differed slightly).
    sm = difflib.SequenceMatcher(None, text, needle, autojunk=False)
    m = sm.find_longest_match(0, len(text), 0, len(needle))
    s = max(0, m.a - m.b)
    return s, min(len(text), s + len(needle)), False


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    out = []
    for f in args.files:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            text = doc_text(d["source"], Path(f).parent)
            pos = 0
            for t in d["tasks"]:
                s, e, exact = locate(text, t["text"], pos)
                if text[s:e] != t["text"]:
                    t["text"] = text[s:e]
                if not exact:
                    print(f"fuzzy: {d['doc_id']}: {t['text'][:40]} -> {text[s:e][:40]}", file=sys.stderr)
                    t["text"] = text[s:e]
                t["start"], t["end"] = s, e
                pos = e
            out.append({"doc_id": d["doc_id"], "title": d.get("title"), "date": d.get("date"),
                        "source": d["source"], "split": args.split, "text": text, "tasks": d["tasks"]})
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for d in out:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{args.out}: {len(out)} documents, {sum(len(d['tasks']) for d in out)} tasks")


if __name__ == "__main__":
    main()
