"""Step 3's output, "Daftar usulan tema Serawai", as .xlsx and PDF; the letters of a vote.

Nothing here reads ballots: exports carry proposals and totals, never who chose what.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.language import in_indonesian

from .models import ThemeProposal

HEADERS = (
    gettext_lazy("Nomor"),
    gettext_lazy("Kantor pengusul"),
    gettext_lazy("Judul tema"),
    gettext_lazy("Ringkasan"),
    gettext_lazy("Manfaat bagi pekerjaan BPS"),
    gettext_lazy("Narasumber"),
    gettext_lazy("Triwulan"),
    gettext_lazy("Diusulkan oleh"),
    gettext_lazy("Diubah"),
)


def _proposals(cycle):
    return list(
        ThemeProposal.objects.filter(cycle=cycle)
        .select_related("office", "created_by")
        .prefetch_related("speakers__employee")
    )


def proposals_xlsx(cycle):
    from documents.spreadsheets import Sheet, xlsx_response

    rows = [
        (
            n,
            p.office.short_name,
            p.title,
            p.abstract,
            p.relevance,
            p.speaker_names,
            p.quarter_label,
            str(p.created_by or ""),
            p.updated_at,
        )
        for n, p in enumerate(_proposals(cycle), start=1)
    ]
    sheet = Sheet(title=_("Usulan tema"), headers=[str(h) for h in HEADERS], rows=rows)
    return xlsx_response(f"daftar-usulan-tema-serawai-{cycle.year}.xlsx", [sheet])


@in_indonesian
def proposals_pdf(cycle, *, by) -> bytes:
    from documents.rendering import render_pdf

    title = _("Daftar Usulan Tema Serawai Tahun %(year)s") % {"year": cycle.year}
    return render_pdf(
        "documents/voting/proposals.html",
        {
            "cycle": cycle,
            "proposals": _proposals(cycle),
            "printed": timezone.localdate(),
            "title": title,
        },
        title=title,
        author=by.full_name,
    )


def proposals_pdf_response(cycle, *, by):
    from documents.rendering import pdf_response

    data = proposals_pdf(cycle, by=by)
    return pdf_response(data, f"daftar-usulan-tema-serawai-{cycle.year}.pdf")


def letters_of(vote):
    from documents.models import Letter

    return list(Letter.objects.for_object(vote).issued().order_by("issued_at"))
