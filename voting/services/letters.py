"""The letters of steps 4 and 5, issued through the document engine (documents.letters)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cycles.selectors.concept import signatory_for
from documents.language import in_indonesian
from documents.letters import issue_letter
from documents.models import Letter
from organization.models import Office

VOTE_BODY = "documents/letters/vote.html"
RESULTS_BODY = "documents/letters/results.html"


def _regency_heads(cycle) -> list[str]:
    regencies = Office.objects.regencies().filter(parent=cycle.province)
    return [_("Kepala %(office)s") % {"office": o.name} for o in regencies]


@in_indonesian
def issue_vote_letter(vote, *, by, external=None) -> Letter:
    """Step 4: "Surat Pemilihan Tema Serawai Kabupaten/Kota" with the proposals to choose from."""
    cycle = vote.cycle
    proposals = list(
        cycle.proposals.select_related("office").prefetch_related("speakers__employee")
    )
    return issue_letter(
        office=cycle.province,
        kind=Letter.Kind.VOTE,
        subject=_("Pemilihan Tema Serawai Kabupaten/Kota Tahun %(year)s") % {"year": cycle.year},
        addressees=_regency_heads(cycle),
        body_template=VOTE_BODY,
        context={"cycle": cycle, "vote": vote, "proposals": proposals},
        signatory=signatory_for(cycle, fallback=by),
        by=by,
        related=vote,
        external=external,
    )


@in_indonesian
def issue_results_letter(vote, selections, *, by, external=None) -> Letter:
    """Step 5: "Surat Hasil Pemilihan Tema Serawai Kabupaten/Kota": themes, hosts and dates."""
    cycle = vote.cycle
    return issue_letter(
        office=cycle.province,
        kind=Letter.Kind.RESULTS,
        subject=_("Hasil Pemilihan Tema Serawai Kabupaten/Kota Tahun %(year)s")
        % {"year": cycle.year},
        addressees=_regency_heads(cycle),
        body_template=RESULTS_BODY,
        context={
            "cycle": cycle,
            "vote": vote,
            "closed_on": timezone.localdate(vote.closed_at),
            "selections": sorted(selections, key=lambda s: (s.event_date, s.rank)),
        },
        signatory=signatory_for(cycle, fallback=by),
        by=by,
        related=vote,
        external=external,
    )
