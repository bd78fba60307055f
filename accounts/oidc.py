"""Single sign-on through OpenID Connect (on when SERAWAI_OIDC_CLIENT_ID is set; README)."""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from organization.models import Employee
from organization.nip import normalize_nip


class EmployeeOIDCBackend(OIDCAuthenticationBackend):
    """Log an existing, active employee in: matched by the NIP claim, else by e-mail.

    Serawai never creates an account from a sign-on (OIDC_CREATE_USER is off): accounts and
    roles come from the office's employee list.
    """

    def filter_users_by_claims(self, claims):
        nip = normalize_nip(claims.get(getattr(settings, "SERAWAI_OIDC_NIP_CLAIM", "nip"), ""))
        if nip:
            found = Employee.objects.filter(nip=nip, is_active=True)
            if found.exists():
                return found
        email = (claims.get("email") or "").strip()
        if not email:
            return Employee.objects.none()
        return Employee.objects.filter(email__iexact=email, is_active=True)

    def verify_claims(self, claims):
        name = getattr(settings, "SERAWAI_OIDC_NIP_CLAIM", "nip")
        return bool(claims.get("email") or claims.get(name))
