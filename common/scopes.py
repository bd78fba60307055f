"""Province scope (django-scopes): province-owned data is read inside the scope of one province.

A request works in the scope of its person's province, so a cycle, event or calendar day of
another province is not found at all (404), whatever filter a view forgot. Headquarters (BPS RI
employees and superusers: the national read-only views, the admin) and anonymous pages work
unscoped, their rules deciding what they see; so do Celery tasks and management commands, which
serve every province. A query on such a model outside any scope
raises django_scopes.ScopeError instead of reading every province.

A province-owned model declares its default manager with `scoped_by_province` (a path to its
province) or `scoped_by_office` (a path to an office, of the province or of one of its kab/kota).
tests/security/test_scopes.py fails when a model with a path to a province has neither.
"""

from contextlib import contextmanager

from django.db import models
from django.db.models import Q
from django_scopes import ScopedManager, scope, scopes_disabled
from django_scopes.state import get_scope


def scoped_by_province(path: str, manager_class=models.Manager):
    """A default manager that reads only the rows whose `path` (an Office of province level)
    is the scope's province, and raises outside a scope."""
    return ScopedManager(province=path, _manager_class=manager_class)


def scoped_by_office(path: str, manager_class=models.Manager):
    """As `scoped_by_province`, for rows that hang off an office of any level: the row belongs to
    the office's province, which is the office itself or, for a kab/kota, its parent. An office
    of BPS RI belongs to no province, so its rows are read unscoped only (headquarters)."""
    scoped = type(ScopedManager(province=path, _manager_class=manager_class))

    class OfficeScopedManager(scoped):
        def get_queryset(self):
            current = getattr(self, "_override_scope", None) or get_scope()
            if not current.get("_enabled", True) or "province" not in current:
                return super().get_queryset()  # unscoped, or the queryset that raises
            provinces = current["province"]
            queryset = super(scoped, self).get_queryset()
            if provinces is None:  # django-scopes' "no filter on this dimension"
                return queryset
            lookup = "__in" if isinstance(provinces, (list, tuple)) else ""
            own = Q(**{f"{path}{lookup}": provinces})
            of_a_regency = Q(**{f"{path}__parent{lookup}": provinces})
            return queryset.filter(own | of_a_regency)

    return OfficeScopedManager()


@contextmanager
def province_scope(user):
    """The scope a request of `user` works in."""
    national = user is not None and user.is_authenticated and user.office_id is not None
    national = national and user.office.level == user.office.Level.NATIONAL
    if user is None or not user.is_authenticated or user.is_superuser or national:
        with scopes_disabled():
            yield
        return
    province = user.province
    # An empty list, not None: django-scopes reads None as "no filter" (everything).
    with scope(province=[province.pk] if province is not None else []):
        yield


class ProvinceScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with province_scope(getattr(request, "user", None)):
            return self.get_response(request)


def unscoped_process() -> None:
    """For a script that sets Django up itself (the benches): it serves no one province, so
    the rest of its main thread reads unscoped, as a management command does."""
    from django_scopes.state import state

    state.set({"_enabled": False})
