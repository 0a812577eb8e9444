"""Text PDFs through pypdf (BSD licence).

Official-document PDFs often embed GBK-EUC-H fonts without a Unicode map; extractors then
emit ``(cid:NN)``, private-use or replacement characters. We detect that and refuse with a
clear message instead of passing garbage on.
"""
from __future__ import annotations

import io
import logging
import re

from ..errors import ReadError
from . import RawText

_GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


def read_pdf(data: bytes, path: str | None = None) -> RawText:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a base dependency
        raise ReadError(path, "PDF support needs pypdf (pip install pypdf)") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ReadError(path, "encrypted PDF (password required)")
            except ReadError:
                raise
            except Exception:
                raise ReadError(path, "encrypted PDF (password required)") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(path, f"damaged or truncated PDF ({type(exc).__name__})") from None
    except Exception as exc:  # pypdf can raise assorted errors on broken files
        raise ReadError(path, f"damaged PDF ({type(exc).__name__})") from None
    text = "\n".join(pages)
    if not _MEANINGFUL.search(text):
        raise ReadError(path, "PDF has no text layer (scanned image?); run OCR first")
    garbage = len(_GARBAGE.findall(text))
    if garbage > max(5, len(text) // 50):
        raise ReadError(
            path,
            "PDF text is unreadable: its Chinese fonts have no Unicode map (cid/garbled glyphs); "
            "export it again as text or docx, or OCR it",
        )
    return RawText(text=text, path=path, format="pdf")
