"""Legacy Word (.doc), WPS (.wps) and RTF through LibreOffice, when it is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReadError, UnsupportedFormatError
from . import RawText

_ENCRYPTED_MARKERS = (b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o", b"EncryptedPackage")


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(data: bytes, path: str | None = None, suffix: str = ".doc") -> RawText:
    if any(marker in data[:65536] or marker in data for marker in _ENCRYPTED_MARKERS):
        raise ReadError(path, "encrypted Office document (password required)")
    exe = _soffice()
    if exe is None:
        raise UnsupportedFormatError(
            path,
            "legacy Word/WPS/RTF file and LibreOffice is not installed: install it "
            "(apt-get install libreoffice-writer) or convert the file to .docx first",
        )
    if path and Path(path).suffix.lower() in (".doc", ".wps", ".rtf", ".dot"):
        suffix = Path(path).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"in{suffix}"
        src.write_bytes(data)
        try:
            subprocess.run(
                [exe, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=120,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ReadError(path, f"LibreOffice could not convert this file ({type(exc).__name__})") from None
        out = Path(tmp) / "in.txt"
        if not out.exists():
            raise ReadError(path, "LibreOffice could not convert this file (damaged or not a document)")
        text = out.read_text(encoding="utf-8-sig", errors="replace")
    return RawText(text=text.replace("\r\n", "\n"), path=path, format="legacy", encoding="utf-8")
