"""Log-in protection: django-axes keyed on the account (its NIP) and the client address."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from organization.nip import normalize_nip


class LoginProtectionBackend(AxesStandaloneBackend):
    """Refuses every log-in attempt of a locked-out NIP/e-mail + address pair.

    The log-in page always passes the request. Code that authenticates without one (the test
    client's `login()`, a shell) has no client address to lock, so it is let through to the
    password check of the next backend instead of failing.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_key(request, credentials) -> str:
    """One key per account, whichever way it is named: a person may log in with the NIP or the
    e-mail, so failures by either must count against one lockout, or guessing could go on twice
    as long. A known account is keyed by its NIP; an unknown name by its normalised spelling
    (NIP without spaces, e-mail in lower case)."""
    from organization.models import Employee

    value = ""
    if credentials:
        value = credentials.get("username") or ""
    if not value and request is not None:
        value = request.POST.get("username", "")
    value = str(value).strip()
    if "@" in value:
        value = value.lower()
        nip = Employee.objects.filter(email__iexact=value).values_list("nip", flat=True).first()
        return nip or value
    return normalize_nip(value) or value


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address the trusted proxy saw (X-Forwarded-For, from the right)."""
    hops = settings.SERAWAI_TRUSTED_PROXIES
    if hops:
        forwarded = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [h for h in forwarded if h]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def lockout_message() -> str:
    limit = settings.AXES_FAILURE_LIMIT
    text = _("Akun ini dikunci sementara setelah %(limit)d kali gagal masuk.") % {"limit": limit}
    cooloff = settings.AXES_COOLOFF_TIME
    if cooloff:
        minutes = int(cooloff.total_seconds() // 60)
        text += " " + _(
            "Coba lagi setelah %(minutes)d menit, atau minta admin Serawai membuka kuncinya."
        ) % {"minutes": minutes}
    else:
        text += " " + _("Minta admin Serawai membuka kuncinya.")
    return text


def lockout_response(request, original_response=None, credentials=None):
    """The log-in page again (HTTP 429) with the lockout explained in Indonesian."""
    from .forms import LoginForm

    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    context = {"form": form, "next": request.POST.get("next", ""), "lockout": lockout_message()}
    return render(request, "accounts/login.html", context, status=429)
