"""Read stage: encodings, formats sniffed from bytes, and clear errors for bad input."""
import io
import zipfile

import pytest

from nlp.errors import ReadError, UnsupportedFormatError
from nlp.readers import read, read_bytes, sniff
from nlp.readers.pdf import read_pdf

from .conftest import seed

SENTENCE = "各乡镇、各部门要立即开展安全生产大检查，县住建局要加强对液化气充装站点的监管。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "utf-16", "utf-16-le", "utf-16-be"])
def test_simplified_text_in_common_encodings(tmp_path, encoding):
    p = tmp_path / "note.txt"
    p.write_bytes(SENTENCE.encode(encoding))
    assert read(p).text == SENTENCE


def test_big5_traditional_text_is_detected_not_mistaken_for_gbk(tmp_path):
    text = "各鄉鎮、各部門要立即開展安全生產大檢查，縣住建局要加強對液化氣充裝站點的監管。"
    p = tmp_path / "big5.txt"
    p.write_bytes(text.encode("big5"))
    raw = read(p)
    assert raw.text == text
    assert raw.encoding == "big5"


def test_short_gb2312_text_is_not_read_as_big5(tmp_path):
    p = tmp_path / "short.txt"
    p.write_bytes("安全生产月活动方案".encode("gb2312"))
    assert read(p).text == "安全生产月活动方案"


def test_seed_files_read_as_utf8():
    raw = read(seed("002"))
    assert raw.encoding == "utf-8"
    assert "發(fā)表時(shí)間" in raw.text


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ReadError, match="empty file"):
        read(p)


def test_binary_file(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError) as exc:
        read(p)
    assert str(p) in str(exc.value)


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read(tmp_path / "nothing.txt")


def test_too_large_file_is_refused_with_its_size(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(SENTENCE.encode("utf-8") * 1000)
    with pytest.raises(ReadError, match="too large"):
        read(p, max_bytes=10_000)


def test_fifty_megabyte_text_reads_cleanly(tmp_path):
    p = tmp_path / "archive.txt"
    line = (SENTENCE + "\n").encode("gb18030")
    with open(p, "wb") as fh:
        fh.write(line * (50 * 1024 * 1024 // len(line)))
    raw = read(p)
    assert raw.encoding == "gb18030"
    assert raw.text.startswith(SENTENCE)
    assert len(raw.text) > 10_000_000


def _docx_bytes(chinese_numbering: bool = True) -> bytes:
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("关于开展城镇燃气安全专项整治的通知")
    for t in ("加强组织领导", "明确工作责任"):
        d.add_paragraph(t, style="List Number")
    if chinese_numbering:
        # Make the list number Chinese (一、二、) as official documents do.
        numbering = d.part.numbering_part.element
        for lvl in numbering.iter(qn("w:lvl")):
            if lvl.get(qn("w:ilvl")) == "0":
                lvl.find(qn("w:numFmt")).set(qn("w:val"), "chineseCounting")
                lvl.find(qn("w:lvlText")).set(qn("w:val"), "%1、")
    table = d.add_table(rows=3, cols=4)
    rows = [["序号", "工作任务", "牵头单位", "完成时限"],
            ["1", "全面排查液化气充装站点", "县住建局", "6月30日前"],
            ["2", "开展电动自行车充电隐患整治", "县消防救援大队", "年底前"]]
    for row, values in zip(table.rows, rows):
        for cell, v in zip(row.cells, values):
            cell.text = v
    table.cell(0, 0).merge(table.cell(0, 1))  # a horizontally merged header cell
    d.add_paragraph("县安委会办公室")
    bio = io.BytesIO()
    d.save(bio)
    return bio.getvalue()


def test_docx_recovers_list_numbers_and_keeps_tables_in_order(tmp_path):
    p = tmp_path / "notice.docx"
    p.write_bytes(_docx_bytes())
    lines = read(p).text.split("\n")
    assert lines[0] == "关于开展城镇燃气安全专项整治的通知"
    assert lines[1] == "一、加强组织领导"
    assert lines[2] == "二、明确工作责任"
    # the merged header cell appears once; rows keep their cells
    assert lines[3].split("\t")[0].startswith("序号")
    assert lines[3].count("\t") == 2
    assert lines[4].split("\t") == ["1", "全面排查液化气充装站点", "县住建局", "6月30日前"]
    assert lines[-1] == "县安委会办公室"


def test_docx_with_wrong_extension_is_sniffed(tmp_path):
    p = tmp_path / "notice.txt"
    p.write_bytes(_docx_bytes(False))
    raw = read(p)
    assert raw.format == "docx"
    assert "1.加强组织领导" in raw.text


def test_truncated_docx(tmp_path):
    p = tmp_path / "broken.docx"
    p.write_bytes(_docx_bytes()[:3000])
    with pytest.raises(ReadError, match="damaged or truncated"):
        read(p)


def test_zip_that_is_not_a_document(tmp_path):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w") as zf:
        zf.writestr("a.txt", "x")
    with pytest.raises(ReadError, match="not a Word document"):
        read_bytes(bio.getvalue(), path="a.zip")


def test_html_page_keeps_text_and_drops_navigation(tmp_path):
    html = """<html><head><meta charset="gbk"><title>t</title><script>var x=1;</script></head>
    <body><nav>首页 | 新闻 | 通知公告</nav><div class="content"><h1>关于做好节日期间安全生产工作的通知</h1>
    <p>各乡镇、各部门：</p><p>各部门要于12月25日前完成一次隐患排查，确保节日期间安全稳定。</p></div>
    <footer>版权所有</footer></body></html>"""
    p = tmp_path / "page.htm"
    p.write_bytes(html.encode("gbk"))
    raw = read(p)
    assert raw.format == "html"
    assert "各部门要于12月25日前完成一次隐患排查" in raw.text
    assert "var x" not in raw.text and "首页" not in raw.text and "版权所有" not in raw.text


def _minimal_pdf(text_op: bytes) -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(text_op) + text_op + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def test_text_pdf(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(_minimal_pdf(b"BT /F1 12 Tf 20 200 Td (Safety inspection before 2024-06-30) Tj ET"))
    assert "Safety inspection before 2024-06-30" in read(p).text


def test_pdf_without_text_layer(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(_minimal_pdf(b"0 0 1 rg 10 10 100 100 re f"))
    with pytest.raises(ReadError, match="no text layer"):
        read(p)


def test_pdf_with_unmapped_cid_fonts_is_refused(monkeypatch):
    class FakePage:
        def extract_text(self):
            return "(cid:3421)(cid:1123)(cid:77)" * 50

    class FakeReader:
        is_encrypted = False
        pages = [FakePage()]

        def __init__(self, *_):
            pass

    import pypdf

    monkeypatch.setattr(pypdf, "PdfReader", FakeReader)
    with pytest.raises(ReadError, match="no Unicode map"):
        read_pdf(b"%PDF-1.4", "notice.pdf")


def test_truncated_pdf(tmp_path):
    p = tmp_path / "cut.pdf"
    p.write_bytes(_minimal_pdf(b"BT /F1 12 Tf 20 200 Td (x) Tj ET")[:60])
    with pytest.raises(ReadError):
        read(p)


def test_legacy_doc_without_libreoffice_says_how_to_convert(tmp_path, monkeypatch):
    import nlp.readers.legacy as legacy

    monkeypatch.setattr(legacy, "_soffice", lambda: None)
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(UnsupportedFormatError, match="LibreOffice"):
        read(p)


def test_sniff():
    assert sniff(b"PK\x03\x04rest") == "zip"
    assert sniff(b"%PDF-1.7") == "pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "ole"
    assert sniff("<html><body>x</body></html>".encode()) == "html"
    assert sniff("同志们：".encode()) == "text"


def test_password_protected_office_file(tmp_path):
    # Word saves an encrypted .docx as an OLE container holding EncryptionInfo/EncryptedPackage.
    p = tmp_path / "secret.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 200)
    with pytest.raises(ReadError, match="encrypted"):
        read(p)


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(ReadError, match="folder"):
        read(tmp_path)


@pytest.mark.skipif(not (__import__("shutil").which("soffice") or __import__("shutil").which("libreoffice")),
                    reason="LibreOffice not installed")
def test_legacy_doc_through_libreoffice(tmp_path):
    import shutil
    import subprocess

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    src = tmp_path / "notice.docx"
    src.write_bytes(_docx_bytes(False))
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "out"), str(src)], check=True, capture_output=True, timeout=240)
    doc = tmp_path / "out" / "notice.doc"
    raw = read(doc)
    assert raw.format == "legacy"
    assert "关于开展城镇燃气安全专项整治的通知" in raw.text and "全面排查液化气充装站点" in raw.text
