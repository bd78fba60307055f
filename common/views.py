"""What every view shares: a service's refusal shown to the person, and the error pages in the
layout of every other page (templates/403.html, 404.html, 500.html)."""

import logging
from contextlib import contextmanager

from django.contrib import messages
from django.http import HttpResponseServerError
from django.template import loader

from .errors import ServiceError

logger = logging.getLogger(__name__)

PLAIN_500 = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Terjadi kesalahan</title>'
    "</head><body><h1>Terjadi kesalahan</h1><p>Data yang sudah tersimpan tetap aman; coba lagi "
    'beberapa saat lagi.</p><p><a href="/">Kembali ke beranda</a></p></body></html>'
)


def server_error(request):
    """The 500 page with the navigation; a plain page when even the layout cannot render (the
    error may lie in what the layout reads)."""
    try:
        body = loader.get_template("500.html").render({}, request)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        logger.exception("The 500 page could not be rendered with the layout")
        body = PLAIN_500
    return HttpResponseServerError(body)


@contextmanager
def showing_refusal(request, form=None):
    """Around a service call and what follows its success (the success message, the redirect):

        with showing_refusal(request, form):
            services.approve_report(report, by=request.user)
            messages.success(request, _("Laporan disetujui."))
            return redirect(report)
        return render(...)  # refused: the message is on the form or among the messages

    A ServiceError stops the block and its message is shown: on `form` when there is one (what
    was typed stays), else as a message on the next page; the view goes on after the block."""
    try:
        yield
    except ServiceError as exc:
        if form is not None:
            form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)


def attempt(request, action, success: str, form=None) -> bool:
    """Call `action()`: refused, show why and return False; else flash `success`, return True."""
    with showing_refusal(request, form):
        action()
        messages.success(request, success)
        return True
    return False
