"""Exports staff forward: Word 任务分工表, Excel 台账, CSV, iCalendar; read back, not just written."""
import datetime as dt
import shutil
import subprocess

import docx
import openpyxl
import pytest

from nlp import extract
from nlp.export import COLUMNS, export, task_rows

SPEECH = ("市长在全市安全生产工作会议上的讲话\n同志们:\n"
          "一、狠抓重点行业领域整治\n"
          "县住建局要于2024年6月30日前完成全县液化气充装站点安全检查,县市场监管局要配合。\n"
          "各乡镇要每月开展一次燃气安全隐患排查。\n"
          "要加强电动自行车充电安全宣传。\n")


@pytest.fixture(scope="module")
def result():
    return extract(SPEECH, date="2024-03-01")


def test_rows_flag_missing_lead_or_deadline(result):
    rows = task_rows([result])
    assert [r.note for r in rows] == ["", "", "信息不全：缺牵头单位、缺完成时限"]
    assert rows[0].due_date == dt.date(2024, 6, 30)
    assert rows[1].cycle == "每月"


def test_word_table(result, tmp_path):
    path = export([result], "docx", tmp_path / "任务清单.docx")
    d = docx.Document(str(path))
    assert d.paragraphs[0].text == "《市长在全市安全生产工作会议上的讲话》任务分工表"
    assert "日期：2024-03-01" in d.paragraphs[1].text
    table = d.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == [*COLUMNS, "备注"]
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeated on every page
    body = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(body) == 3
    assert body[0][1].startswith("县住建局要于2024年6月30日前完成") and body[0][2] == "县住建局"
    assert body[0][3] == "县市场监管局" and "2024-06-30" in body[0][4]
    assert "城市建设" in body[0][5] and "特种设备" in body[0][5]
    assert body[2][8].startswith("信息不全")
    run = table.rows[1].cells[1].paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋"


def test_excel_ledger(result, tmp_path):
    path = export([result], "xlsx", tmp_path / "台账.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["任务台账", "责任清单"]
    ws = wb["任务台账"]
    header = [c.value for c in ws[1]]
    assert header[:8] == list(COLUMNS) and header[8:] == ["截止日期", "周期", "状态", "备注"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert ws.max_row == 4
    assert ws["I2"].value == dt.datetime(2024, 6, 30) and ws["I2"].number_format == "yyyy-mm-dd"
    assert [ws.cell(r, 11).value for r in range(2, 5)] == ["未完成"] * 3
    assert ws["L4"].value.startswith("信息不全")
    formulas = [rule.formula[0] for cf in ws.conditional_formatting for rule in cf.rules]
    assert any("TODAY()<=3" in f for f in formulas) and any("TODAY()<=7" in f for f in formulas)
    dept = wb["责任清单"]
    rows = [[c.value for c in r] for r in dept.iter_rows(min_row=2)]
    assert ["县住建局", "牵头", 1] == rows[[r[0] for r in rows].index("县住建局")][:3]
    assert ["县市场监管局", "配合", 1] == rows[[r[0] for r in rows].index("县市场监管局")][:3]


def test_csv_and_calendar(result, tmp_path):
    csv_path = export([result], "csv", tmp_path / "t.csv")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0].startswith("序号,工作任务,牵头单位")
    ics = export([result], "ics", tmp_path / "t.ics", today=dt.date(2024, 3, 1)).read_bytes()
    text = ics.decode("utf-8")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20240630" in text and "RRULE:FREQ=MONTHLY" in text
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_merge_lists_a_repeated_task_once_with_both_sources():
    a = extract("县应急管理局要于6月30日前完成全县危险化学品企业安全检查。", date="2024-01-01")
    a.meta.title = "讲话一"
    b = extract("县应急管理局要于6月30日前完成全县危险化学品企业安全检查。各乡镇要开展燃气排查。", date="2024-01-01")
    b.meta.title = "讲话二"
    rows = task_rows([a, b], merge=True)
    assert len(rows) == 2
    assert rows[0].sources == ["讲话一", "讲话二"]
    assert rows[0].origin.startswith("讲话一；讲话二")


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice not installed")
def test_files_open_in_libreoffice(result, tmp_path):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    for fmt in ("docx", "xlsx"):
        f = export([result], fmt, tmp_path / f"out.{fmt}")
        subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(f)], check=True, capture_output=True, timeout=240)
        pdf = tmp_path / "out.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000
        pdf.unlink()
