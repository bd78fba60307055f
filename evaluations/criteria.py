"""The rating criteria of SOP step 11, as data: recap, charts, forms and exports read these."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Criterion:
    key: str  # the model field holding the 1-5 score
    label: str


PRESENTER_CRITERIA: tuple[Criterion, ...] = (
    Criterion("mastery", _("Penguasaan materi")),
    Criterion("delivery", _("Cara penyampaian")),
    Criterion("relevance", _("Relevansi dengan pekerjaan BPS")),
    Criterion("time_management", _("Pengelolaan waktu")),
    Criterion("interaction", _("Interaksi dengan peserta")),
)

ORGANIZER_CRITERIA: tuple[Criterion, ...] = (
    Criterion("preparation", _("Persiapan")),
    Criterion("punctuality", _("Ketepatan waktu pelaksanaan")),
    Criterion("technical_quality", _("Kualitas teknis")),
    Criterion("documentation", _("Dokumentasi")),
)

PRESENTER_KEYS = tuple(c.key for c in PRESENTER_CRITERIA)
ORGANIZER_KEYS = tuple(c.key for c in ORGANIZER_CRITERIA)
