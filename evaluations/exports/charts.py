"""Recap charts drawn on the server as SVG: the same markup goes into the page and the PDF.

No JavaScript and no image files: `criterion_chart_svg(recap)` returns inline SVG (a str marked
safe, every text in it escaped) that a template prints with `{{ chart }}` and WeasyPrint draws
in the PDF.
"""

from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..criteria import SCORES

# Score 1 (red) to 5 (green): a diverging scale that stays readable when printed in grey.
COLORS = {1: "#c62828", 2: "#ef8a3c", 3: "#f2d15c", 4: "#8bc34a", 5: "#2e7d32"}
WIDTH = 800
LABEL_W = 230
BAR_W = 280
ROW_H = 34
TOP = 34


def svg_text(x, y, content, *, size=12, anchor="start", weight="normal", fill="#212529") -> str:
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(str(content))}</text>'
    )


def svg_start(title: str, height: int) -> list[str]:
    """The opening of a chart: the <svg> element, its accessible title and the title shown."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="serawai-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="DejaVu Sans, Arial, sans-serif">',
        f"<title>{escape(title)}</title>",
        svg_text(0, 18, title, size=14, weight="bold"),
    ]


def _score(value) -> str:
    return "–" if value is None else number_format(value, 2)


def criterion_chart_svg(recap: dict, title: str | None = None) -> str:
    """A stacked bar per criterion (share of ratings giving 1..5) with its mean, n and median.

    `recap` is anything with "criteria" as made by evaluations.selectors.recap (an event recap, a
    year recap, or an event's "organizer" part).
    """
    criteria = recap["criteria"]
    title = title or _("Distribusi penilaian per kriteria (skala 1–5)")
    height = TOP + ROW_H * len(criteria) + 44
    parts = svg_start(title, height)
    for i, c in enumerate(criteria):
        y = TOP + i * ROW_H
        parts.append(svg_text(LABEL_W - 8, y + 17, c["label"], anchor="end"))
        total = c["n"]
        if not total:
            parts.append(
                f'<rect x="{LABEL_W}" y="{y + 4}" width="{BAR_W}" height="18" fill="#e9ecef"/>'
            )
            parts.append(svg_text(LABEL_W + 6, y + 17, _("belum ada penilaian"), size=11))
        else:
            x = float(LABEL_W)
            for score, count in zip(SCORES, c["distribution"], strict=True):
                if not count:
                    continue
                w = BAR_W * count / total
                parts.append(
                    f'<rect x="{x:.2f}" y="{y + 4}" width="{w:.2f}" height="18" '
                    f'fill="{COLORS[score]}"><title>{score}: {count}</title></rect>'
                )
                if w >= 16:
                    parts.append(
                        svg_text(f"{x + w / 2:.2f}", y + 17, count, size=10, anchor="middle")
                    )
                x += w
        parts.append(
            svg_text(
                LABEL_W + BAR_W + 8,
                y + 17,
                _("rata-rata %(mean)s · median %(median)s · n=%(n)d")
                % {"mean": _score(c["mean"]), "median": _score(c["median"]), "n": c["n"]},
                size=11,
            )
        )
    y = TOP + ROW_H * len(criteria) + 12
    parts.append(svg_text(LABEL_W - 8, y + 12, _("Skor:"), size=11, anchor="end"))
    for j, score in enumerate(SCORES):
        x = LABEL_W + j * 46
        parts.append(f'<rect x="{x}" y="{y + 2}" width="14" height="12" fill="{COLORS[score]}"/>')
        parts.append(svg_text(x + 18, y + 12, score, size=11))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
