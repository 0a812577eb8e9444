"""Sector classifier: each task item gets zero or more of the eleven special-rectification
sectors (guide §5), with a probability and the words that pushed it.

A scikit-learn ``Pipeline``: TF-IDF over character 1–3-grams plus sector-lexicon tokens
(nlp/data/sector_keywords.txt) → one-vs-rest logistic regression, calibrated, with a
threshold per sector chosen by cross-validation. Loaded once per process from
``models/sectors.linear.zip``; without it, the lexicon alone decides.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .data import regex_table
from .resources import load_model, model_meta
from .schema import SECTORS, SectorTag


def sector_lexicon() -> dict[str, re.Pattern[str]]:
    """Sector → the regex of its lexicon terms (nlp/data/sector_keywords.txt)."""
    return regex_table("sector_keywords.txt")


def lexicon_hits(text: str) -> dict[str, list[str]]:
    """Sector → the lexicon terms found in ``text``."""
    out = {}
    for sector, pat in sector_lexicon().items():
        hits = pat.findall(text)
        if hits:
            out[sector] = sorted(set(hits))
    return out


_NO_SECTOR_TOPICS = re.compile(r"森林防火|森林防灭火|防汛|抗旱|地质灾害|山洪|防灾减灾|气象灾害|地灾")


def analyzer(doc: str) -> list[str]:
    """Character 1–3-grams plus the lexicon tokens (module level, so it pickles)."""
    return [doc[i : i + n] for n in (1, 2, 3) for i in range(len(doc) - n + 1)] + lexicon_analyzer(doc)


def lexicon_analyzer(doc: str) -> list[str]:
    """One token per sector whose lexicon fires, and per term found. Kept apart from the
    n-grams and not length-normalized, so a long item that names a sector once still
    carries the full signal."""
    grams = []
    for sector, terms in lexicon_hits(doc).items():
        grams.append("LEX:" + sector)
        grams += ["TERM:" + t for t in terms]
    if _NO_SECTOR_TOPICS.search(doc):
        grams.append("LEX:natural-disaster")
    return grams


@dataclass
class SectorModel:
    """The fitted model (``nlp.linear.LinearTextModel``), per-sector thresholds and label order."""

    model: Any
    thresholds: dict[str, float]
    labels: tuple[str, ...] = SECTORS


def build_pipeline(seed: int = 13):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline

    return Pipeline([
        ("features", TfidfVectorizer(analyzer=analyzer, min_df=2, sublinear_tf=True)),
        ("model", OneVsRestClassifier(LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000,
                                                         random_state=seed))),
    ])


@functools.lru_cache(maxsize=1)
def _loaded() -> SectorModel | None:
    pipe = load_model("sectors")
    if pipe is None:
        return None
    meta = model_meta("sectors")
    thresholds = meta.get("thresholds") or {s: 0.5 for s in SECTORS}
    return SectorModel(pipe, thresholds)


# Sector names stated outright (重点检查消防、道路交通、建筑施工……等行业): the item is
# about every sector it lists, however long it is.
_EXPLICIT = (
    ("危险化学品和烟花爆竹", r"危险化学品|危化品|危化(?:行业|领域|企业)|烟花爆竹"),
    ("非煤矿山", r"非煤矿山"),
    ("消防", r"消防(?:安全|行业|领域|隐患|设施)|火灾"),
    ("道路运输", r"道路交通|道路运输"),
    ("交通运输和渔业船舶", r"渔业船舶|水上交通|交通运输和渔业"),
    ("城市建设", r"城市建设|城镇燃气"),
    ("建筑施工", r"建筑施工|建设工程|在建工程"),
    ("工业园区", r"工业园区|化工园区"),
    ("危险废物", r"危险废物"),
    ("特种设备", r"特种设备"),
    ("工业小微企业", r"工业小微企业|工贸(?:企业|行业|领域)"),
)
_EXPLICIT_RE = tuple((name, re.compile(rx)) for name, rx in _EXPLICIT)
_COAL_ONLY = re.compile(r"煤矿|矿井")
_NON_COAL = re.compile(r"非煤|金属|尾矿|采石|砂石|露天矿山|非煤矿")


def explicit_sectors(text: str) -> list[str]:
    return [name for name, rx in _EXPLICIT_RE if rx.search(text)]


def _adjust(text: str, tags: list[SectorTag]) -> list[SectorTag]:
    """Rules over the classifier: explicitly named sectors join; coal mines are not 非煤矿山."""
    have = {t.name for t in tags}
    for name in explicit_sectors(text):
        if name not in have:
            tags.append(SectorTag(name, 1.0, (name,)))
            have.add(name)
    if "非煤矿山" in have and _COAL_ONLY.search(text) and not _NON_COAL.search(text):
        tags = [t for t in tags if t.name != "非煤矿山"]
    return tags


def _rule_sectors(text: str) -> list[SectorTag]:
    return [SectorTag(s, 1.0, tuple(t)) for s, t in lexicon_hits(text).items()]


def classify(texts: list[str], *, explain: bool = False, model_dir: str | None = None) -> list[list[SectorTag]]:
    """Sectors of each text (a task item), most probable first.

    ``model_dir``: a transformer model fine-tuned by ``safetask train --sectors-backend
    transformers``; by default the committed scikit-learn model."""
    if not texts:
        return []
    if model_dir:
        from .sectors_transformers import load

        tm = load(str(model_dir))
        return [[SectorTag(t.name, t.score, tuple(lexicon_hits(text).get(t.name, [])) if explain else ())
                 for t in decide(text, row, tm.thresholds)]
                for text, row in zip(texts, tm.predict_proba(list(texts)))]
    model = _loaded()
    if model is None:
        return [_rule_sectors(t) for t in texts]
    proba = model.model.probabilities(texts)
    out = []
    for text, row in zip(texts, proba):
        tags = decide(text, row, model.thresholds, model.labels)
        if explain:
            tags = [SectorTag(t.name, t.score, tuple(explain_sector(text, t.name)) or t.evidence) for t in tags]
        out.append(tags)
    return out


WEAK = 0.5


def decide(text: str, proba_row, thresholds: dict[str, float], labels=SECTORS) -> list[SectorTag]:
    """Sectors from one row of probabilities: per-sector thresholds, then the rules."""
    hits = lexicon_hits(text)
    # A weak prediction needs a word of the sector in the item itself: a department name
    # alone (县住建局) does not make an item about construction sites.
    tags = [SectorTag(s, float(p)) for s, p in zip(labels, proba_row)
            if p >= thresholds.get(s, 0.5) and (p >= WEAK or s in hits)]
    tags = _adjust(text, tags)
    tags.sort(key=lambda t: -t.score)
    return tags


def explain_sector(text: str, sector: str, top: int = 5) -> list[str]:
    """The n-grams and lexicon terms of ``text`` that pushed ``sector`` up the most."""
    model = _loaded()
    if model is None:
        return lexicon_hits(text).get(sector, [])
    contrib = [(w, name) for w, name in model.model.contributions(text, list(model.labels).index(sector)) if w > 0]
    words = []
    for _, name in contrib:
        word = name.split(":", 1)[1] if name.startswith("TERM:") else (None if name.startswith("LEX:") else name)
        if word and len(word) >= 2 and not any(word in w for w in words):
            words.append(word)
        if len(words) >= top:
            break
    return words


__all__ = ["classify", "explain_sector", "lexicon_hits", "analyzer", "build_pipeline", "SectorModel"]
