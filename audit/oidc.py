"""The single sign-on backend under the name it had before it moved to accounts/.

Django keeps a session only while the dotted path of the backend that logged it in is listed in
AUTHENTICATION_BACKENDS; sessions opened by single sign-on before the move carry this path, so
settings.py lists it after the real backend. It restores such a session and logs no one in.
"""

from accounts.oidc import EmployeeOIDCBackend as MovedBackend


class EmployeeOIDCBackend(MovedBackend):
    def authenticate(self, request, **kwargs):
        return None
