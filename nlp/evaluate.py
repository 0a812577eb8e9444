"""Scoring by the annotation guide §8: items matched one to one by text similarity, then
departments, deadlines, campaigns and sectors compared on matched pairs ("matched") and
over all items, unmatched ones counting as misses ("end-to-end")."""
from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import DataError
from .schema import SECTORS

_WS = re.compile(r"\s+")
_PREFIX = re.compile(r"^(?:全|各|省|市(?!场|政|容)|县|区(?!域)|镇|乡(?!镇))")


_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def norm_dept(name: str) -> str:
    """Department name as compared (guide §8): spaces and up to three level prefixes removed."""
    n = _WS.sub("", name).translate(_FOLD)
    for _ in range(3):
        m = _PREFIX.match(n)
        if not m or len(n) - m.end() < 2:
            break
        n = n[m.end():]
    return n


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _WS.sub("", a), _WS.sub("", b)).ratio()


def match_items(gold: list[dict], pred: list[dict], threshold: float = 0.5) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching, best pairs first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            # Cheap bound first: SequenceMatcher's quick_ratio never underestimates.
            sm = difflib.SequenceMatcher(None, _WS.sub("", g["text"]), _WS.sub("", p["text"]))
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            r = sm.ratio()
            if r >= threshold:
                pairs.append((r, i, j))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for r, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j, r))
    return out


@dataclass
class PRF:
    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _set_compare(g: set[str], p: set[str], prf: PRF, contain: bool = False) -> None:
    if contain:
        matched_p = set()
        tp = 0
        for x in g:
            hit = next((y for y in p if y not in matched_p and (x in y or y in x)), None)
            if hit is not None:
                matched_p.add(hit)
                tp += 1
        prf.tp += tp
        prf.fn += len(g) - tp
        prf.fp += len(p) - len(matched_p)
    else:
        prf.tp += len(g & p)
        prf.fn += len(g - p)
        prf.fp += len(p - g)


def _overlap(a: str, b: str) -> bool:
    a, b = _WS.sub("", a), _WS.sub("", b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    m = difflib.SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b))
    return m.size >= 2


@dataclass
class Report:
    tasks: PRF = field(default_factory=PRF)
    fields_matched: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    fields_e2e: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    sector_matched: dict[str, PRF] = field(default_factory=lambda: {s: PRF() for s in SECTORS})
    sector_e2e: dict[str, PRF] = field(default_factory=lambda: {s: PRF() for s in SECTORS})
    kind_correct: int = 0
    date_correct: int = 0
    deadline_pairs: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def macro(d: dict[str, PRF]) -> float:
            vals = [v.f1 for v in d.values() if v.tp + v.fn > 0]
            return round(sum(vals) / len(vals), 4) if vals else 0.0

        def micro(d: dict[str, PRF]) -> dict[str, float]:
            tot = PRF(sum(v.tp for v in d.values()), sum(v.fp for v in d.values()), sum(v.fn for v in d.values()))
            return tot.as_dict()

        return {
            "tasks": self.tasks.as_dict(),
            "matched": {k: v.as_dict() for k, v in self.fields_matched.items()},
            "end_to_end": {k: v.as_dict() for k, v in self.fields_e2e.items()},
            "sectors": {
                "matched_micro": micro(self.sector_matched), "matched_macro_f1": macro(self.sector_matched),
                "e2e_micro": micro(self.sector_e2e), "e2e_macro_f1": macro(self.sector_e2e),
                "per_sector_e2e": {k: v.as_dict() for k, v in self.sector_e2e.items()},
            },
            "deadline_kind_accuracy": round(self.kind_correct / self.deadline_pairs, 4) if self.deadline_pairs else None,
            "deadline_date_accuracy": round(self.date_correct / self.deadline_pairs, 4) if self.deadline_pairs else None,
        }


def _fields(t: dict) -> dict[str, set[str]]:
    return {
        "departments": {norm_dept(p["name"]) for p in t.get("departments") or []},
        "campaigns": {c.replace("“", "").replace("”", "") for c in t.get("campaigns") or []},
        "sectors": set(t.get("sectors") or []),
    }


def _same_campaigns(gold: set[str], pred: set[str]) -> bool:
    t = PRF()
    _set_compare(gold, pred, t, contain=True)
    return t.fp == 0 and t.fn == 0


def score_document(gold: dict, pred: dict, rep: Report) -> None:
    g_tasks, p_tasks = gold.get("tasks", []), pred.get("tasks", [])
    matches = match_items(g_tasks, p_tasks)
    rep.tasks.tp += len(matches)
    rep.tasks.fn += len(g_tasks) - len(matches)
    rep.tasks.fp += len(p_tasks) - len(matches)
    mg = {i for i, _, _ in matches}
    mp = {j for _, j, _ in matches}
    for i, j, r in matches:
        g, p = g_tasks[i], p_tasks[j]
        gf, pf = _fields(g), _fields(p)
        for name in ("departments", "campaigns"):
            for target in (rep.fields_matched[name], rep.fields_e2e[name]):
                _set_compare(gf[name], pf[name], target, contain=(name == "campaigns"))
        for s in SECTORS:
            for target in (rep.sector_matched[s], rep.sector_e2e[s]):
                _set_compare({s} & gf["sectors"], {s} & pf["sectors"], target)
        gd, pd = g.get("deadline"), p.get("deadline")
        for target in (rep.fields_matched["deadline"], rep.fields_e2e["deadline"]):
            if gd and pd and _overlap(gd["text"], pd["text"]):
                target.tp += 1
            else:
                target.fn += 1 if gd else 0
                target.fp += 1 if pd else 0
        if gd and pd and _overlap(gd["text"], pd["text"]):
            rep.deadline_pairs += 1
            rep.kind_correct += gd["kind"] == pd["kind"]
            rep.date_correct += gd.get("date") == pd.get("date")
        campaigns_differ = not _same_campaigns(gf["campaigns"], pf["campaigns"])
        if gf["departments"] != pf["departments"] or bool(gd) != bool(pd) or campaigns_differ:
            rep.misses.append({"doc": gold.get("doc_id"), "kind": "fields", "gold": g["text"][:60],
                               "gold_departments": sorted(gf["departments"]), "pred_departments": sorted(pf["departments"]),
                               "gold_deadline": gd and gd["text"], "pred_deadline": pd and pd["text"],
                               "gold_campaigns": sorted(gf["campaigns"]), "pred_campaigns": sorted(pf["campaigns"])})
    for i, g in enumerate(g_tasks):
        if i in mg:
            continue
        gf = _fields(g)
        rep.fields_e2e["departments"].fn += len(gf["departments"])
        rep.fields_e2e["campaigns"].fn += len(gf["campaigns"])
        rep.fields_e2e["deadline"].fn += 1 if g.get("deadline") else 0
        for s in gf["sectors"]:
            rep.sector_e2e[s].fn += 1
        rep.misses.append({"doc": gold.get("doc_id"), "kind": "missed", "gold": g["text"]})
    for j, p in enumerate(p_tasks):
        if j in mp:
            continue
        pf = _fields(p)
        rep.fields_e2e["departments"].fp += len(pf["departments"])
        rep.fields_e2e["campaigns"].fp += len(pf["campaigns"])
        rep.fields_e2e["deadline"].fp += 1 if p.get("deadline") else 0
        for s in pf["sectors"]:
            if s in rep.sector_e2e:
                rep.sector_e2e[s].fp += 1
        rep.misses.append({"doc": gold.get("doc_id"), "kind": "spurious", "pred": p["text"]})


def load_jsonl(path: str | Path) -> list[dict]:
    out = []
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(p, f"cannot read ({exc})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(p, f"line {n}: not JSON ({exc.msg})") from None
        if not isinstance(d, dict) or "tasks" not in d:
            raise DataError(p, f"line {n}: not a document object with 'tasks'")
        out.append(d)
    return out


def evaluate(gold_docs: Iterable[dict], predict) -> Report:
    """Score ``predict(gold_doc) -> pred_doc_dict`` against each gold document."""
    rep = Report()
    for g in gold_docs:
        score_document(g, predict(g), rep)
    return rep


__all__ = ["evaluate", "score_document", "match_items", "norm_dept", "Report", "PRF", "load_jsonl"]
