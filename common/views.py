"""Error pages in the layout of every other page (templates/403.html, 404.html, 500.html)."""

import logging

from django.http import HttpResponseServerError
from django.template import loader

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
