"""System checks of the deployment that Django's own do not cover."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Links in e-mails and certificate QR codes are built from SITE_URL: in production it must
    be the address people reach the site at, never the development default."""
    if getattr(settings, "PRODUCTION", False) and not getattr(settings, "SITE_URL_SET", True):
        return [
            checks.Error(
                "SITE_URL is not set: links in e-mails and QR codes would point nowhere.",
                hint="Set SITE_URL to the address people open Serawai at, e.g. "
                "https://serawai.bengkulu.bps.go.id",
                id="serawai.E001",
            )
        ]
    return []
