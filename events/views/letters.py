"""Letters of steps 6 and 9 signed elsewhere (the national e-office system), registered in
place of the ones Serawai issues: the committee letter and the invitation."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documents.external import external_letter_page

from ..services import eventday, preparation
from .common import get_event


def _registered_elsewhere(request, event, *, title, subject, issue):
    """The page registering the host office's letter signed elsewhere: `issue` is the service
    that issues Serawai's own letter, here given the registered one."""
    return external_letter_page(
        request,
        office=event.host_office,
        title=title,
        back_url=event.get_absolute_url(),
        subject=subject,
        register=lambda letter: issue(
            event, signatory=request.user, by=request.user, external=letter
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_letter_external(request, pk):
    event = get_event(request, pk, "events.manage_committee")
    return _registered_elsewhere(
        request,
        event,
        title=_("Daftarkan surat daftar nama pelaksana dari luar"),
        subject=_("Daftar Nama Pelaksana Serawai"),
        issue=preparation.issue_committee_letter,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_external(request, pk):
    event = get_event(request, pk, "events.send_invitation")
    return _registered_elsewhere(
        request,
        event,
        title=_("Daftarkan surat undangan dari luar"),
        subject=_("Undangan Kegiatan Serawai"),
        issue=eventday.send_invitation,
    )
