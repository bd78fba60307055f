"""What the report pages share: the current cycle of the person's province, for a permission."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from cycles.selectors.cycles import current_cycle


def cycle_for(request, perm: str):
    """The current cycle (404, saying so, when the province has none yet), if the person holds
    `perm` on it (else 403)."""
    cycle = current_cycle(request.user)
    if cycle is None:
        raise Http404(_("Belum ada siklus Serawai untuk provinsi Anda."))
    if not request.user.has_perm(perm, cycle):
        raise PermissionDenied
    return cycle
