"""CSV with the ledger's columns, UTF-8 with a byte-order mark so Excel opens it as Chinese."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from . import TaskRow, ledger_values
from .xlsx import LEDGER_COLUMNS


def csv_text(rows: Sequence[TaskRow]) -> str:
    """The CSV as text (for stdout); ``write_csv`` adds the byte-order mark for Excel."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(LEDGER_COLUMNS)
    for row in rows:
        values = ledger_values(row)
        values[8] = row.due_date.isoformat() if row.due_date else ""
        w.writerow(values)
    return buf.getvalue()


def write_csv(rows: Sequence[TaskRow], path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(csv_text(rows))
