"""Reading a PDF back as a person would see it: poppler's pdftotext (layout kept) and pdftoppm."""

import subprocess
import tempfile
from pathlib import Path


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, laid out as printed (pdftotext -layout)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()
    return out.split("\f")[: -1 if out.endswith("\f") else None]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def render_png(pdf: bytes, folder: Path, *, stem="page", dpi=50) -> list[Path]:
    """Each page rendered to PNG by pdftoppm; the paths in page order."""
    path = folder / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), str(folder / stem)], check=True)
    return sorted(folder.glob(f"{stem}-*.png"))
