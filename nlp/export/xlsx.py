"""Excel 台账 (ledger) with openpyxl: frozen header, filters, wrapped text, real dates,
conditional colours that stay current as the file ages (red: due within 3 days or overdue;
yellow: within 7), and a second sheet 责任清单 listing each department's tasks."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Sequence

from . import COLUMNS, TaskRow, iter_department_tasks, ledger_values

LEDGER_COLUMNS = (*COLUMNS, "截止日期", "周期", "状态", "备注")
WIDTHS = (6, 60, 20, 18, 16, 18, 18, 30, 12, 8, 8, 20)


def _landscape_fit_width(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_xlsx(rows: Sequence[TaskRow], title: str, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "任务台账"
    ws.append(list(LEDGER_COLUMNS))
    head_font = Font(name="黑体", bold=True)
    for c in ws[1]:
        c.font = head_font
        c.fill = PatternFill("solid", fgColor="D9D9D9")
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(ledger_values(row))
    last = ws.max_row
    for r in ws.iter_rows(min_row=2, max_row=last):
        for c in r:
            c.alignment = wrap
        r[8].number_format = "yyyy-mm-dd"
        # Row height for wrapped Chinese text (a character is about two width units);
        # viewers that do not re-measure rows would otherwise show one line.
        lines = max(math.ceil(2 * len(str(c.value or "")) / max(1, WIDTHS[i] - 1)) for i, c in enumerate(r))
        ws.row_dimensions[r[0].row].height = 15 * max(1, lines)
    for i, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(LEDGER_COLUMNS))}{max(last, 2)}"
    if last >= 2:
        rng = f"A2:{get_column_letter(len(LEDGER_COLUMNS))}{last}"
        # TODAY() is evaluated when the file is opened, so the colours follow the calendar.
        open_task = '$K2<>"已完成"'
        ws.conditional_formatting.add(rng, FormulaRule(
            formula=[f'AND($I2<>"",{open_task},$I2-TODAY()<=3)'], fill=PatternFill("solid", fgColor="FFC7CE"),
            stopIfTrue=True))
        ws.conditional_formatting.add(rng, FormulaRule(
            formula=[f'AND($I2<>"",{open_task},$I2-TODAY()<=7)'], fill=PatternFill("solid", fgColor="FFEB9C"),
            stopIfTrue=True))
        ws.conditional_formatting.add(f"L2:L{last}", FormulaRule(
            formula=['LEFT($L2,4)="信息不全"'], font=Font(color="9C0006", bold=True)))
    ws.oddHeader.center.text = title
    ws.print_title_rows = "1:1"
    _landscape_fit_width(ws)

    dept = wb.create_sheet("责任清单")
    dept.append(["责任单位", "角色", "序号", "工作任务", "完成时限", "截止日期", "状态"])
    for c in dept[1]:
        c.font = head_font
        c.fill = PatternFill("solid", fgColor="D9D9D9")
    for name, role, row in iter_department_tasks(rows):
        dept.append([name, role, row.number, row.task.text, row.deadline_text, row.due_date, "未完成"])
    for r in dept.iter_rows(min_row=2):
        for c in r:
            c.alignment = wrap
        r[5].number_format = "yyyy-mm-dd"
    for i, w in enumerate((20, 6, 6, 60, 16, 12, 8), 1):
        dept.column_dimensions[get_column_letter(i)].width = w
    dept.freeze_panes = "A2"
    _landscape_fit_width(dept)
    dept.auto_filter.ref = f"A1:G{max(dept.max_row, 2)}"
    wb.save(str(path))
