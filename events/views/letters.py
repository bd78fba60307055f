"""Letters of steps 6 and 9 signed elsewhere (the national e-office system), registered in
place of the ones Serawai issues: the committee letter and the invitation."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documents.external import external_letter_page

from ..services import eventday, preparation
from .common import get_event


@login_required
@require_http_methods(["GET", "POST"])
def committee_letter_external(request, pk):
    event = get_event(request, pk, "events.manage_committee")
    return external_letter_page(
        request,
        office=event.host_office,
        title=_("Daftarkan surat daftar nama pelaksana dari luar"),
        back_url=event.get_absolute_url(),
        subject=_("Daftar Nama Pelaksana Serawai"),
        register=lambda letter: preparation.issue_committee_letter(
            event, signatory=request.user, by=request.user, external=letter
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_external(request, pk):
    event = get_event(request, pk, "events.send_invitation")
    return external_letter_page(
        request,
        office=event.host_office,
        title=_("Daftarkan surat undangan dari luar"),
        back_url=event.get_absolute_url(),
        subject=_("Undangan Kegiatan Serawai"),
        register=lambda letter: eventday.send_invitation(
            event, signatory=request.user, by=request.user, external=letter
        ),
    )
