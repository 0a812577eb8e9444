"""iCalendar (RFC 5545) for the department calendar: one all-day event per dated deadline,
and a repeating event per reporting rhythm (每月一调度 → RRULE:FREQ=MONTHLY)."""
from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path
from typing import Sequence

from . import TaskRow

_FREQ = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "quarterly": "MONTHLY;INTERVAL=3",
         "half-yearly": "MONTHLY;INTERVAL=6", "yearly": "YEARLY"}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Fold at 75 octets without splitting a UTF-8 character."""
    out, cur = [], ""
    for ch in line:
        limit = 75 if not out else 74
        if len((cur + ch).encode("utf-8")) > limit:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    out.append(cur)
    return [out[0]] + [" " + x for x in out[1:]]


def _event(row: TaskRow, start: _dt.date, rrule: str | None, stamp: str) -> list[str]:
    uid = hashlib.sha1(f"{row.task.text}|{start}|{rrule}".encode("utf-8")).hexdigest()[:20]
    who = row.leads or "（未明确牵头单位）"
    summary = f"{row.deadline_text}：{row.task.text[:40]}（{who}）"
    desc = f"{row.task.text}\n牵头：{who}\n配合：{row.supports or '—'}\n出处：{row.origin}"
    lines = ["BEGIN:VEVENT", f"UID:{uid}@safetask", f"DTSTAMP:{stamp}",
             f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{start + _dt.timedelta(days=1):%Y%m%d}",
             f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(desc)}"]
    if rrule:
        lines.append(f"RRULE:{rrule}")
    lines.append("END:VEVENT")
    return lines


def write_ics(rows: Sequence[TaskRow], path: Path, *, today: _dt.date | None = None) -> int:
    """Write the calendar; returns the number of events."""
    today = today or _dt.date.today()
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//safetask//task deadlines//ZH", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:安全生产任务时限"]
    n = 0
    for row in rows:
        d = row.task.deadline
        if d is None:
            continue
        if row.due_date is not None:
            lines += _event(row, row.due_date, None, stamp)
            n += 1
        elif d.kind == "recurring" and d.recurrence in _FREQ:
            start = today
            if row.doc_dates:
                try:
                    start = max(_dt.date.fromisoformat(row.doc_dates[0]), today)
                except ValueError:
                    pass
            lines += _event(row, start, f"FREQ={_FREQ[d.recurrence]}", stamp)
            n += 1
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    path.write_text("\r\n".join(folded) + "\r\n", encoding="utf-8", newline="")
    return n
