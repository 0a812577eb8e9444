"""Web pages: the main text, navigation, scripts and styles dropped (selectolax, MIT)."""
from __future__ import annotations

import re

from ..errors import ReadError
from . import RawText
from .txt import _decode

_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, select, button"
_BLOCK_BREAK = re.compile(r"\n{3,}")
_META_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.I)


def _decode_html(data: bytes, path: str | None) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "ignore").lower()
        enc = {"gb2312": "gb18030", "gbk": "gb18030"}.get(enc, enc)
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode(data, path)[0]


def read_html(data: bytes, path: str | None = None) -> RawText:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    html = _decode_html(data, path)
    tree = HTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    body = tree.body or tree.root
    if body is None:
        raise ReadError(path, "web page without a body")
    # The main text is the block whose paragraphs carry the most characters.
    best, best_len = body, 0
    for node in body.css("article, div, td, section, main"):
        paras = node.css("p")
        n = sum(len(p.text(strip=True)) for p in paras)
        if n > best_len * 1.2:
            best, best_len = node, n
    root = best if best_len > 200 else body
    for br in root.css("br"):
        br.replace_with("\n")
    text = root.text(separator="\n", strip=True)
    text = _BLOCK_BREAK.sub("\n\n", text)
    return RawText(text=text, path=path, format="html")
