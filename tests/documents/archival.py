"""One check for every kind of stored document: PDF/A-3u by the structural checks of
tests/documents/pdfa.py, one font family, each page rendered to PNG by pdftoppm at its paper
size, and its text read back by pdftotext for the fields the person filing it looks for."""

from pathlib import Path

from PIL import Image

from .pdfa import font_names, pdfa_problems
from .pdftext import page_texts, render_png, squeeze

A4_MM = (210, 297)
DPI = 50


def assert_archival(data: bytes, folder: Path, *, expect: list[str], landscape=False) -> str:
    """Assert `data` is a filed document as described above; returns its squeezed text."""
    assert pdfa_problems(data) == []
    assert {name.split("-")[0] for name in font_names(data)} == {"DejaVu"}
    folder.mkdir(parents=True, exist_ok=True)
    pngs = render_png(data, folder, dpi=DPI)
    texts = page_texts(data)
    assert len(pngs) == len(texts) >= 1
    width_mm, height_mm = A4_MM[::-1] if landscape else A4_MM
    for png in pngs:
        with Image.open(png) as image:
            width, height = image.size
            assert abs(width - width_mm / 25.4 * DPI) <= 2
            assert abs(height - height_mm / 25.4 * DPI) <= 2
            # Something is printed: the page is not blank.
            assert image.convert("L").getextrema()[0] < 128
    text = squeeze("\n".join(texts))
    for field in expect:
        assert field in text, field
    return text
