"""Render what staff get: the Word 任务分工表 and the Excel 台账 of a seed speech, as PNGs for
the README. Needs LibreOffice (soffice) and pdftoppm (poppler-utils).

Usage: python scripts/render_previews.py [SEED] [--out docs/images]"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.export import export  # noqa: E402
from nlp.pipeline import extract_file  # noqa: E402


def render(path: Path, png: Path, tmp: Path, dpi: int = 70, crop_height: int | None = None) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        sys.exit("needs LibreOffice (soffice) and pdftoppm: apt-get install libreoffice-writer-nogui "
                 "libreoffice-calc-nogui poppler-utils fonts-noto-cjk")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(path)], check=True, capture_output=True, timeout=180)
    pdf = tmp / (path.stem + ".pdf")
    crop = ["-x", "0", "-y", "0", "-W", str(int(11.69 * dpi)), "-H", str(crop_height)] if crop_height else []
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), *crop, "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(png.with_suffix(""))], check=True, timeout=120)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("seed", nargs="?", default=str(ROOT / "corpora" / "raw" / "000_f5891a29fcc1c762.txt"))
    ap.add_argument("--out", default=str(ROOT / "docs" / "images"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results = extract_file(args.seed)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for fmt in ("docx", "xlsx"):
            f = export(results, fmt, tmp / f"任务清单.{fmt}")
            # The ledger fits the page width in small print: render it sharper, top part only.
            render(f, out / f"preview_{fmt}.png", tmp, *((70, None) if fmt == "docx" else (160, 560)))
            print(out / f"preview_{fmt}.png")


if __name__ == "__main__":
    main()
