"""The dashboard's charts: grouped horizontal bars drawn on the server as SVG.

Drawn the way evaluations.exports.charts draws the recap (inline SVG, every text escaped, no
JavaScript, no image files), so the same markup shows in the page and in the PDF.
"""

from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from evaluations.exports.charts import svg_start, svg_text

# One colour per series (a year, or presenter/organiser): distinct also when printed in grey.
COLORS = ("#1f5f99", "#e08a1e", "#3a9b5c", "#8e44ad", "#c0392b", "#7f8c8d")
LABEL_W = 200
BAR_W = 470
BAR_H = 14
GAP = 10
TOP = 34


def _value(value, places: int, unit: str) -> str:
    if value is None:
        return "–"
    shown = number_format(value, places) if places else str(value)
    return f"{shown}{unit}"


def grouped_bars_svg(
    title: str,
    groups: list[tuple[str, list]],
    series: list[str],
    *,
    scale_max: float | None = None,
    places: int = 0,
    unit: str = "",
) -> str:
    """A block of bars per group (one bar per series, in the series' colour), its value at the
    bar's end; a missing value (None) shows as "–". `scale_max`: the value of a full bar
    (default: the largest value)."""
    values = [v for _label, row in groups for v in row if v is not None]
    top = scale_max or max(values, default=0) or 1
    block = BAR_H * len(series) + GAP
    legend_y = TOP + block * len(groups) + 8
    height = legend_y + 24
    parts = svg_start(title, height)
    for i, (label, row) in enumerate(groups):
        y = TOP + i * block
        parts.append(svg_text(LABEL_W - 8, y + block / 2 + 2, label, anchor="end"))
        for j, value in enumerate(row):
            bar_y = y + j * BAR_H
            w = 0 if value is None else BAR_W * min(value, top) / top
            color = COLORS[j % len(COLORS)]
            shown = _value(value, places, unit)
            parts.append(
                f'<rect x="{LABEL_W}" y="{bar_y + 1}" width="{w:.2f}" height="{BAR_H - 2}" '
                f'fill="{color}"><title>{escape(series[j])}: {escape(shown)}</title></rect>'
            )
            parts.append(svg_text(f"{LABEL_W + w + 4:.2f}", bar_y + BAR_H - 3, shown, size=10))
    parts.append(
        f'<line x1="{LABEL_W}" y1="{TOP - 4}" x2="{LABEL_W}" y2="{legend_y - 6}" '
        f'stroke="#6c757d" stroke-width="1"/>'
    )
    x = LABEL_W
    for j, name in enumerate(series):
        color = COLORS[j % len(COLORS)]
        parts.append(f'<rect x="{x}" y="{legend_y + 2}" width="14" height="12" fill="{color}"/>')
        parts.append(svg_text(x + 18, legend_y + 12, name, size=11))
        x += 30 + 7 * len(name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def dashboard_charts(dashboard) -> list[tuple[str, str]]:
    """(anchor, svg) of every chart of the dashboard, in the order the page shows them."""
    years = dashboard.years
    year_labels = [str(y.year) for y in years]

    def per_year(title, values, series, **kw):
        return grouped_bars_svg(title, [(str(y.year), [v]) for y, v in values], series, **kw)

    proposals = grouped_bars_svg(
        _("Usulan tema per kantor"),
        [(o.short_name, [y.proposals.get(o.code, 0) for y in years]) for o in dashboard.offices],
        year_labels,
    )
    turnout = per_year(
        _("Partisipasi pemilihan tema (%)"),
        [(y, y.turnout) for y in years],
        [_("pemilih / hak pilih")],
        scale_max=100,
        places=1,
        unit=" %",
    )
    attendance = per_year(
        _("Rata-rata peserta hadir per kegiatan"),
        [(y, y.attendance_mean) for y in years],
        [_("peserta per kegiatan terlaksana")],
        places=1,
    )
    ratings = grouped_bars_svg(
        _("Rata-rata penilaian (skala 1–5)"),
        [(str(y.year), [y.presenter_mean, y.organizer_mean]) for y in years],
        [_("narasumber"), _("penyelenggara")],
        scale_max=5,
        places=2,
    )
    on_time = per_year(
        _("Langkah SOP selesai tepat waktu (%)"),
        [(y, y.on_time) for y in years],
        [_("tepat waktu / jatuh tempo atau selesai")],
        scale_max=100,
        places=1,
        unit=" %",
    )
    return [
        ("proposals", proposals),
        ("turnout", turnout),
        ("attendance", attendance),
        ("ratings", ratings),
        ("on-time", on_time),
    ]
