"""Word 任务分工表 in the conventions of Chinese official documents (python-docx).

Landscape A4, title in 黑体 (小标题 size), body in 仿宋; a table whose header row repeats on
every page; East Asian font names set explicitly so Chinese renders in Word and LibreOffice.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..schema import DocumentResult
from . import COLUMNS, TaskRow

BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
# Relative column widths (cm) on a landscape A4 page with 2 cm margins: 25.7 cm of text width.
WIDTHS_CM = (1.1, 8.6, 2.9, 2.6, 2.3, 2.2, 2.2, 2.4)


def _set_font(run, name: str, size_pt: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def _repeat_header(row) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    trpr.append(el)


def _shade(cell, hex_fill: str) -> None:
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    shd = tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): hex_fill})
    tcpr.append(shd)


def write_docx(rows: Sequence[TaskRow], results: Sequence[DocumentResult], title: str, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    d = docx.Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_font(p.add_run(title), TITLE_FONT, 18, bold=True)
    sources = [r for r in results if r.tasks] or list(results)
    for r in sources:
        line = f"来源：{r.meta.title or r.meta.doc_id}"
        if r.meta.issuer:
            line += f"（{r.meta.issuer}）"
        if r.meta.date:
            line += f"  日期：{r.meta.date}"
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(p.add_run(line), BODY_FONT, 12)
    table = d.add_table(rows=1, cols=len(COLUMNS) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    widths = list(WIDTHS_CM) + [2.0]
    for col, w in zip(table.columns, widths):
        col.width = Cm(w)  # the grid: what LibreOffice lays out by
    for cell, name, w in zip(header.cells, list(COLUMNS) + ["备注"], widths):
        cell.width = Cm(w)
        _set_font(cell.paragraphs[0].add_run(name), TITLE_FONT, 11, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _shade(cell, "D9D9D9")
    for row in rows:
        deadline = row.deadline_text
        if row.task.deadline and row.task.deadline.date and row.task.deadline.kind in ("by", "on"):
            deadline += f"（{row.task.deadline.date}）"
        elif row.cycle:
            deadline += f"（{row.cycle}）"
        values = [str(row.number), row.task.text, row.leads, row.supports, deadline, row.sectors, row.campaigns,
                  row.origin, row.note]
        cells = table.add_row().cells
        for cell, value, w in zip(cells, values, widths):
            cell.width = Cm(w)
            _set_font(cell.paragraphs[0].add_run(value), BODY_FONT, 10.5)
        if row.missing:
            _shade(cells[-1], "FCE4D6")
    d.save(str(path))
