"""Writes of SOP steps 1 and 2: the year's concept, its agreement by the CC, and the
socialisation letter that opens the theme proposals (step 3).

Each function is one transaction, checks that the transition is allowed and records who and when.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.errors import ServiceError
from documents.language import in_indonesian
from notifications import kinds
from notifications.services import notify
from organization.models import Office

from ..models import Concept, Cycle
from ..selectors.concept import regency_cas, signatory_for, socialisation_letter
from . import cycle as cycle_services

SOCIALISATION_BODY = "documents/letters/socialisation.html"


class ConceptError(ServiceError):
    """A concept transition that is not allowed now; the message says why."""


def step(cycle: Cycle, number: int):
    return cycle.steps.get(number=number)


@transaction.atomic
def save_concept(cycle: Cycle, *, by, themes_to_select=None, proposals_per_office=None, **fields):
    """Step 1: the CAN writes or edits the concept (only while draft or returned)."""
    concept = Concept.objects.select_for_update().filter(cycle=cycle).first()
    if concept is not None and not concept.is_editable:
        raise ConceptError(_("Konsep sedang diajukan atau sudah disepakati; tidak dapat diubah."))
    now = timezone.now()
    if concept is None:
        concept = Concept(cycle=cycle, created_by=by, created_at=now)
    for name, value in fields.items():
        setattr(concept, name, value)
    concept.updated_by, concept.updated_at = by, now
    concept.save()
    changed = []
    if themes_to_select is not None:
        cycle.themes_to_select = themes_to_select
        changed.append("themes_to_select")
    if proposals_per_office is not None:
        cycle.proposals_per_office = proposals_per_office
        changed.append("proposals_per_office")
    if changed:
        cycle.save(update_fields=changed)
    cycle_services.start_step(step(cycle, 1))
    return concept


def _locked(concept: Concept) -> Concept:
    return Concept.objects.select_for_update().get(pk=concept.pk)


@transaction.atomic
def submit_concept(concept: Concept, *, by) -> Concept:
    """Step 1: the CAN asks the CC to agree the concept."""
    concept = _locked(concept)
    if not concept.is_editable:
        raise ConceptError(_("Konsep sudah diajukan atau disepakati."))
    concept.status = Concept.Status.SUBMITTED
    concept.submitted_by, concept.submitted_at = by, timezone.now()
    concept.save(update_fields=["status", "submitted_by", "submitted_at"])
    return concept


@transaction.atomic
def agree_concept(concept: Concept, *, by) -> Concept:
    """Step 1 done: the CC agrees the concept and schedule; the ledger records who and when."""
    concept = _locked(concept)
    if concept.status != Concept.Status.SUBMITTED:
        raise ConceptError(_("Hanya konsep yang diajukan yang dapat disepakati."))
    concept.status = Concept.Status.AGREED
    concept.decided_by, concept.decided_at = by, timezone.now()
    concept.save(update_fields=["status", "decided_by", "decided_at"])
    cycle_services.complete_step(
        step(concept.cycle, 1),
        by=by,
        when=concept.decided_at,
        output_note=_("Konsep dan jadwal disepakati"),
        output_url=reverse("cycles:concept"),
    )
    cycle_services.start_step(step(concept.cycle, 2))
    return concept


@transaction.atomic
def return_concept(concept: Concept, *, by, comment: str) -> Concept:
    """Step 1: the CC returns the concept to the CAN with a comment."""
    concept = _locked(concept)
    if concept.status != Concept.Status.SUBMITTED:
        raise ConceptError(_("Hanya konsep yang diajukan yang dapat dikembalikan."))
    if not comment.strip():
        raise ConceptError(_("Tuliskan catatan untuk CAN."))
    concept.status = Concept.Status.RETURNED
    concept.cc_comment = comment.strip()
    concept.decided_by, concept.decided_at = by, timezone.now()
    concept.save(update_fields=["status", "cc_comment", "decided_by", "decided_at"])
    return concept


@in_indonesian
@transaction.atomic
def publish_socialisation_letter(concept: Concept, *, by, external=None):
    """Step 2: the letter "Surat Penyelenggaraan dan Kolaborasi Kegiatan Serawai Tahun YYYY" to
    the heads of the kab/kota offices; publishing it completes step 2, opens step 3 (theme
    proposals) and tells every kab/kota CA. `external`: the letter was signed elsewhere and is
    registered instead (documents.letters.ExternalLetter); step 2 is done on its date."""
    from documents.letters import completed_when, issue_letter
    from documents.models import Letter

    concept = _locked(concept)
    cycle = concept.cycle
    if not concept.is_agreed:
        raise ConceptError(_("Surat dapat diterbitkan setelah konsep disepakati CC."))
    if socialisation_letter(concept) is not None:
        raise ConceptError(_("Surat sosialisasi sudah diterbitkan."))
    regencies = list(Office.objects.regencies().filter(parent=cycle.province))
    proposals_step = step(cycle, 3)
    letter = issue_letter(
        office=cycle.province,
        kind=Letter.Kind.SOCIALISATION,
        subject=_("Penyelenggaraan dan Kolaborasi Kegiatan Serawai Tahun %(year)s")
        % {"year": cycle.year},
        addressees=[_("Kepala %(office)s") % {"office": o.name} for o in regencies],
        body_template=SOCIALISATION_BODY,
        context={
            "cycle": cycle,
            "concept": concept,
            "steps": list(cycle.steps.order_by("number")),
            "proposals_step": proposals_step,
        },
        signatory=signatory_for(cycle, fallback=by),
        by=by,
        related=concept,
        external=external,
    )
    cycle_services.complete_step(
        step(cycle, 2),
        by=by,
        when=completed_when(letter),
        output_note=letter.number,
        output_url=letter.get_absolute_url(),
    )
    cycle_services.start_step(proposals_step)
    url = reverse("voting:proposals")
    cas = regency_cas(cycle)
    notify(
        cas,
        kind=kinds.LETTER_PUBLISHED,
        title=_("Surat Penyelenggaraan dan Kolaborasi Kegiatan Serawai Tahun %(year)s")
        % {"year": cycle.year},
        body=_("Nomor %(number)s.") % {"number": letter.number},
        url=letter.get_absolute_url(),
        key=f"cycle:{cycle.pk}:socialisation-letter",
    )
    notify(
        cas,
        kind=kinds.PROPOSALS_OPEN,
        title=_("Pengusulan tema Serawai %(year)s dibuka") % {"year": cycle.year},
        body=_("Usulkan paling banyak %(n)d tema untuk kantor Anda sampai %(due)s.")
        % {"n": cycle.proposals_per_office, "due": date_format(proposals_step.due, "j F Y")},
        url=url,
        key=f"cycle:{cycle.pk}:proposals-open",
    )
    return letter
