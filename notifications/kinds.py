"""The kinds of message Serawai sends, with their Indonesian labels.

A kind groups messages for the e-mail preferences page (a person mutes e-mail per kind) and picks
the e-mail template (`notifications/email/<kind>.txt|.html`, else the generic pair).
"""

from django.utils.translation import gettext_lazy as _

LETTER_PUBLISHED = "letter_published"
PROPOSALS_OPEN = "proposals_open"
VOTE_OPENED = "vote_opened"
VOTE_CLOSING = "vote_closing"
VOTE_CLOSED = "vote_closed"
RESULTS_ANNOUNCED = "results_announced"
EVENT_INVITATION = "event_invitation"
EVALUATION_OPEN = "evaluation_open"
REPORT_SUBMITTED = "report_submitted"
REPORT_RETURNED = "report_returned"
REPORT_APPROVED = "report_approved"
CERTIFICATES_READY = "certificates_ready"
STEP_REMINDER = "step_reminder"
STEP_OVERDUE = "step_overdue"
STEP_ESCALATION = "step_escalation"
TEST_MESSAGE = "test_message"

CHOICES = [
    (LETTER_PUBLISHED, _("Surat terbit")),
    (PROPOSALS_OPEN, _("Pengusulan tema dibuka")),
    (VOTE_OPENED, _("Pemungutan suara dibuka")),
    (VOTE_CLOSING, _("Pemungutan suara segera ditutup")),
    (VOTE_CLOSED, _("Pemungutan suara ditutup")),
    (RESULTS_ANNOUNCED, _("Hasil pemilihan tema diumumkan")),
    (EVENT_INVITATION, _("Undangan kegiatan")),
    (EVALUATION_OPEN, _("Formulir evaluasi dibuka")),
    (REPORT_SUBMITTED, _("Laporan kegiatan diajukan")),
    (REPORT_RETURNED, _("Laporan kegiatan dikembalikan")),
    (REPORT_APPROVED, _("Laporan kegiatan disetujui")),
    (CERTIFICATES_READY, _("Sertifikat tersedia")),
    (STEP_REMINDER, _("Pengingat batas waktu langkah")),
    (STEP_OVERDUE, _("Langkah melewati batas waktu")),
    (STEP_ESCALATION, _("Eskalasi langkah terlambat")),
    (TEST_MESSAGE, _("Pesan uji")),
]

ALL = [value for value, _label in CHOICES]
# Kinds a person may mute by e-mail (a test message is asked for, so always sent).
MUTABLE_CHOICES = [(value, label) for value, label in CHOICES if value != TEST_MESSAGE]
MUTABLE = [value for value, _label in MUTABLE_CHOICES]
LABELS = dict(CHOICES)


def label(kind: str) -> str:
    return str(LABELS.get(kind, kind))
