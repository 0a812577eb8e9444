"""CSV with the ledger's columns, UTF-8 with a byte-order mark so Excel opens it as Chinese."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Sequence

from . import TaskRow
from .xlsx import LEDGER_COLUMNS


def write_csv(rows: Sequence[TaskRow], path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(LEDGER_COLUMNS)
        for row in rows:
            w.writerow([row.number, row.task.text, row.leads, row.supports, row.deadline_text, row.sectors,
                        row.campaigns, row.origin, row.due_date.isoformat() if row.due_date else "", row.cycle,
                        "未完成", row.note])
