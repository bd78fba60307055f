"""Province scope (django-scopes): province-owned data is read inside the scope of one province.

A request works in the scope of its person's province, so a cycle, event or calendar day of
another province is not found at all (404), whatever filter a view forgot. Headquarters (BPS RI
employees and superusers: the national read-only views, the admin) and anonymous pages work
unscoped, their rules deciding what they see; so do Celery tasks and management commands, which
serve every province. A query on such a model outside any scope
raises django_scopes.ScopeError instead of reading every province.
"""

from contextlib import contextmanager

from django_scopes import scope, scopes_disabled


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
