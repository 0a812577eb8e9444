"""Result types shared by the JSON output, the Python API and every export.

Plain dataclasses of plain values, so results pickle across process pools and Dask
workers and round-trip through ``to_dict``/``from_dict`` unchanged.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SECTORS: tuple[str, ...] = (
    "危险化学品和烟花爆竹",
    "非煤矿山",
    "消防",
    "道路运输",
    "交通运输和渔业船舶",
    "城市建设",
    "建筑施工",
    "工业园区",
    "危险废物",
    "特种设备",
    "工业小微企业",
)
ROLES = ("lead", "support")
DEADLINE_KINDS = ("by", "on", "period", "recurring", "immediate")
RECURRENCES = ("daily", "weekly", "monthly", "quarterly", "half-yearly", "yearly")
DOC_TYPES = ("讲话", "通知", "实施方案", "新闻", "其他")


@dataclass(frozen=True)
class Party:
    """A responsible party as written in the text, with its role (``lead``/``support``)."""

    name: str
    role: str = "lead"


@dataclass(frozen=True)
class Deadline:
    """When a task is due (guide §3): ``kind`` in DEADLINE_KINDS; ``date`` ISO or None."""

    text: str
    kind: str
    date: str | None = None
    recurrence: str | None = None
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class SectorTag:
    """One special-rectification sector with the classifier's probability."""

    name: str
    score: float = 1.0
    evidence: tuple[str, ...] = ()


@dataclass
class Task:
    """One task item (guide §1) with offsets into the document's normalized text."""

    text: str
    start: int
    end: int
    departments: list[Party] = field(default_factory=list)
    deadline: Deadline | None = None
    campaigns: list[str] = field(default_factory=list)
    sectors: list[SectorTag] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    source_start: int = -1
    source_end: int = -1

    @property
    def leads(self) -> list[str]:
        return [p.name for p in self.departments if p.role == "lead"]

    @property
    def supports(self) -> list[str]:
        return [p.name for p in self.departments if p.role == "support"]

    @property
    def missing(self) -> list[str]:
        """What staff must still fill in (信息不全): 'lead' and/or 'deadline'."""
        return [name for name, bad in (("lead", not self.leads), ("deadline", self.deadline is None)) if bad]

    @property
    def sector_names(self) -> list[str]:
        return [s.name for s in self.sectors]

    def to_dict(self) -> dict[str, Any]:
        """The guide §7 task object, plus ``section`` and source offsets."""
        d = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "departments": [asdict(p) for p in self.departments],
            "deadline": None
            if self.deadline is None
            else {k: getattr(self.deadline, k) for k in ("text", "kind", "date", "recurrence")},
            "campaigns": list(self.campaigns),
            "sectors": [s.name for s in self.sectors],
            "sector_scores": {s.name: round(s.score, 4) for s in self.sectors},
            "section": list(self.section),
            "missing": self.missing,
            "source_start": self.source_start,
            "source_end": self.source_end,
        }
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Task":
        dl = d.get("deadline")
        scores = d.get("sector_scores") or {}
        return cls(
            text=d["text"],
            start=int(d.get("start", -1)),
            end=int(d.get("end", -1)),
            departments=[Party(p["name"], p.get("role", "lead")) for p in d.get("departments", [])],
            deadline=None
            if not dl
            else Deadline(dl["text"], dl["kind"], dl.get("date"), dl.get("recurrence")),
            campaigns=list(d.get("campaigns", [])),
            sectors=[SectorTag(s, float(scores.get(s, 1.0))) for s in d.get("sectors", [])],
            section=list(d.get("section", [])),
            source_start=int(d.get("source_start", -1)),
            source_end=int(d.get("source_end", -1)),
        )


@dataclass
class DocumentMeta:
    """What the split stage learns about one document."""

    doc_id: str
    title: str | None = None
    doc_type: str = "其他"
    date: str | None = None
    issuer: str | None = None
    source: str | None = None
    on_topic: bool = True
    duplicate_of: str | None = None
    chars: int = 0
    source_start: int = 0
    source_end: int = 0


@dataclass
class DocumentResult:
    """Everything extracted from one document: its metadata, normalized text and tasks."""

    meta: DocumentMeta
    text: str
    tasks: list[Task] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    def to_dict(self) -> dict[str, Any]:
        """Guide §7 document object (doc_id, title, date, source, text, tasks) plus metadata."""
        m = self.meta
        return {
            "doc_id": m.doc_id,
            "title": m.title,
            "date": m.date,
            "source": m.source,
            "type": m.doc_type,
            "issuer": m.issuer,
            "on_topic": m.on_topic,
            "duplicate_of": m.duplicate_of,
            "text": self.text,
            "tasks": [t.to_dict() for t in self.tasks],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "DocumentResult":
        meta = DocumentMeta(
            doc_id=d["doc_id"],
            title=d.get("title"),
            doc_type=d.get("type", "其他"),
            date=d.get("date"),
            issuer=d.get("issuer"),
            source=d.get("source"),
            on_topic=bool(d.get("on_topic", True)),
            duplicate_of=d.get("duplicate_of"),
            chars=len(d.get("text", "")),
        )
        return cls(meta=meta, text=d.get("text", ""), tasks=[Task.from_dict(t) for t in d.get("tasks", [])])


def json_schema() -> dict[str, Any]:
    """JSON Schema of ``DocumentResult.to_dict()`` (guide §7 plus our extra fields)."""
    nullable_str = {"type": ["string", "null"]}
    party = {
        "type": "object",
        "required": ["name", "role"],
        "properties": {"name": {"type": "string", "minLength": 1}, "role": {"enum": list(ROLES)}},
    }
    deadline = {
        "type": ["object", "null"],
        "required": ["text", "kind", "date", "recurrence"],
        "properties": {
            "text": {"type": "string"},
            "kind": {"enum": list(DEADLINE_KINDS)},
            "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "recurrence": {"enum": [*RECURRENCES, None]},
        },
    }
    task = {
        "type": "object",
        "required": ["text", "start", "end", "departments", "deadline", "campaigns", "sectors"],
        "properties": {
            "text": {"type": "string", "minLength": 1},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "departments": {"type": "array", "items": party},
            "deadline": deadline,
            "campaigns": {"type": "array", "items": {"type": "string"}},
            "sectors": {"type": "array", "items": {"enum": list(SECTORS)}},
            "sector_scores": {"type": "object"},
            "section": {"type": "array", "items": {"type": "string"}},
            "missing": {"type": "array", "items": {"enum": ["lead", "deadline"]}},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "safetask document result",
        "type": "object",
        "required": ["doc_id", "title", "date", "source", "text", "tasks"],
        "properties": {
            "doc_id": {"type": "string"},
            "title": nullable_str,
            "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "source": nullable_str,
            "type": {"enum": list(DOC_TYPES)},
            "issuer": nullable_str,
            "on_topic": {"type": "boolean"},
            "duplicate_of": nullable_str,
            "text": {"type": "string"},
            "tasks": {"type": "array", "items": task},
        },
    }


__all__ = [
    "SECTORS", "ROLES", "DEADLINE_KINDS", "RECURRENCES", "DOC_TYPES",
    "Party", "Deadline", "SectorTag", "Task", "DocumentMeta", "DocumentResult", "json_schema",
]
