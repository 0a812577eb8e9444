"""Exports for staff: Word 任务分工表, Excel 台账 with a per-department sheet, CSV, iCalendar.

All formats are built from the same rows (``task_rows``), so a task reads the same in each.
``merge_tasks`` lists the same task from several documents once, with every source.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..schema import DocumentResult, Task

COLUMNS = ("序号", "工作任务", "牵头单位", "配合单位", "完成时限", "所属领域", "涉及行动", "原文出处")
RECURRENCE_CN = {"daily": "每日", "weekly": "每周", "monthly": "每月", "quarterly": "每季度",
                 "half-yearly": "每半年", "yearly": "每年"}
INCOMPLETE = "信息不全"


@dataclass
class TaskRow:
    """One row of every export: a task with its sources (several after a merge)."""

    number: int
    task: Task
    sources: list[str] = field(default_factory=list)  # document titles (or ids)
    doc_dates: list[str] = field(default_factory=list)
    show_source: bool = True  # False when the whole export comes from one document

    @property
    def leads(self) -> str:
        return "、".join(self.task.leads)

    @property
    def supports(self) -> str:
        return "、".join(self.task.supports)

    @property
    def deadline_text(self) -> str:
        d = self.task.deadline
        return d.text if d else ""

    @property
    def due_date(self) -> _dt.date | None:
        d = self.task.deadline
        if d and d.date and d.kind in ("by", "on"):
            try:
                return _dt.date.fromisoformat(d.date)
            except ValueError:
                return None
        return None

    @property
    def cycle(self) -> str:
        d = self.task.deadline
        return RECURRENCE_CN.get(d.recurrence or "", "") if d else ""

    @property
    def sectors(self) -> str:
        return "、".join(self.task.sector_names)

    @property
    def campaigns(self) -> str:
        return "、".join(self.task.campaigns)

    @property
    def origin(self) -> str:
        """原文出处: the source document(s) and the section path."""
        section = " > ".join(self.task.section)
        docs = "；".join(self.sources) if self.show_source else ""
        return f"{docs}{'：' if docs and section else ''}{section}"

    @property
    def missing(self) -> list[str]:
        out = []
        if not self.task.leads:
            out.append("缺牵头单位")
        if self.task.deadline is None:
            out.append("缺完成时限")
        return out

    @property
    def note(self) -> str:
        return f"{INCOMPLETE}：{'、'.join(self.missing)}" if self.missing else ""


def ledger_values(row: TaskRow) -> list:
    """The ledger's cells for one row (LEDGER_COLUMNS order), shared by Excel and CSV."""
    return [row.number, row.task.text, row.leads, row.supports, row.deadline_text, row.sectors, row.campaigns,
            row.origin, row.due_date, row.cycle, "未完成", row.note]


def _label(r: DocumentResult) -> str:
    return r.meta.title or r.meta.doc_id


def task_rows(results: Sequence[DocumentResult], *, merge: bool = False) -> list[TaskRow]:
    """Rows for the exports, numbered; with ``merge`` the same task from several documents once."""
    rows: list[TaskRow] = []
    for r in results:
        for t in r.tasks:
            rows.append(TaskRow(0, t, [_label(r)], [r.meta.date] if r.meta.date else []))
    if merge:
        rows = merge_rows(rows)
    single = len({s for row in rows for s in row.sources}) <= 1
    for i, row in enumerate(rows, 1):
        row.number = i
        row.show_source = not single
    return rows


_WS = re.compile(r"\s+")


def _same_task(a: Task, b: Task) -> bool:
    x, y = _WS.sub("", a.text), _WS.sub("", b.text)
    sm = difflib.SequenceMatcher(None, x, y)
    return sm.real_quick_ratio() >= 0.8 and sm.ratio() >= 0.8


def merge_rows(rows: list[TaskRow]) -> list[TaskRow]:
    """The same task said in two speeches is listed once, with both sources."""
    merged: list[TaskRow] = []
    for row in rows:
        twin = next((m for m in merged if _same_task(m.task, row.task)), None)
        if twin is None:
            merged.append(TaskRow(0, row.task, list(row.sources), list(row.doc_dates)))
            continue
        for s in row.sources:
            if s not in twin.sources:
                twin.sources.append(s)
        # Keep what either copy knows: parties, deadline, campaigns, sectors.
        names = {p.name for p in twin.task.departments}
        twin.task.departments += [p for p in row.task.departments if p.name not in names]
        if twin.task.deadline is None and row.task.deadline is not None:
            twin.task.deadline = row.task.deadline
        twin.task.campaigns += [c for c in row.task.campaigns if c not in twin.task.campaigns]
        have = set(twin.task.sector_names)
        twin.task.sectors += [s for s in row.task.sectors if s.name not in have]
    return merged


def document_title(results: Sequence[DocumentResult]) -> str:
    """《…》任务分工表 for one document; 任务分工表 (n 份文件) for several."""
    distinct = [r for r in results if r.tasks or len(results) == 1]
    if len(distinct) == 1:
        t = _label(distinct[0])
        t = re.sub(r"(范文|全文完整|全文|完整|精选文档|精选)$", "", t)
        return f"《{t}》任务分工表"
    return f"任务分工表（{len(distinct)}份文件）"


def export(results: Sequence[DocumentResult], fmt: str, path: str | Path, *, merge: bool = False,
           today: _dt.date | None = None) -> Path:
    """Write ``results`` as ``fmt`` (docx, xlsx, csv, ics) to ``path``."""
    path = Path(path)
    rows = task_rows(results, merge=merge)
    title = document_title(results)
    if fmt == "docx":
        from .docx import write_docx

        write_docx(rows, results, title, path)
    elif fmt == "xlsx":
        from .xlsx import write_xlsx

        write_xlsx(rows, title, path)
    elif fmt == "csv":
        from .csv import write_csv

        write_csv(rows, path)
    elif fmt == "ics":
        from .ics import write_ics

        write_ics(rows, path, today=today)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return path


def iter_department_tasks(rows: Iterable[TaskRow]) -> list[tuple[str, str, TaskRow]]:
    """(department, 牵头/配合, row) for the per-department 责任清单, by department."""
    out = []
    for row in rows:
        for p in row.task.departments:
            out.append((p.name, "牵头" if p.role == "lead" else "配合", row))
    out.sort(key=lambda x: (x[0], x[1] != "牵头", x[2].number))
    return out


__all__ = ["COLUMNS", "TaskRow", "task_rows", "merge_rows", "export", "document_title", "iter_department_tasks"]
