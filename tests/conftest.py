import pytest
from django.conf import settings
from django.core.cache import caches
from django.test.client import ClientHandler
from django.utils import translation
from django_scopes import scopes_disabled
from django_scopes.state import state as scope_state

from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, employee_with_role, office

Role = RoleAssignment.Role


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    """Uploads, stored documents and e-mails of a test go to its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True, scope="session")
def _unscoped_test_code():
    """Test code sets up and checks the data of every province, so it reads unscoped; a request
    sent through the test client is scoped by its middleware like any other
    (common/scopes.py), and tests/security/test_scopes.py shows a query outside a scope
    failing."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True, scope="session")
def _requests_start_unscoped_as_in_production():
    """A request sent through the test client starts with no scope state at all, as in a
    gunicorn worker, not in the test code's unscoped state: a query on province data made
    before the scope middleware (authentication, an earlier middleware) raises here as it would
    in production."""
    original = ClientHandler.__call__

    def call(self, *args, **kwargs):
        token = scope_state.set(None)
        try:
            return original(self, *args, **kwargs)
        finally:
            scope_state.reset(token)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ClientHandler, "__call__", call)
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """A test that activates a language itself leaves it active in the thread; the next test
    starts in the site's language, as a new request would."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is slow by design (a tenth of a second or more a hash); the suite creates and logs
    in thousands of people. The product's own hashers are checked in tests/test_settings.py."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """No test reads values another test left in a cache (the suite runs with a real one)."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def employee(db):
    return EmployeeFactory(full_name="Budi Santoso, S.ST.")


@pytest.fixture
def can_member(db):
    return employee_with_role(Role.CAN_MEMBER, full_name="Rina Marlina, S.Si., M.Stat.")


@pytest.fixture
def can_coordinator(db):
    return employee_with_role(Role.CAN_COORDINATOR, full_name="Dr. Hendra Gunawan, M.Si.")


@pytest.fixture
def cc(db):
    return employee_with_role(
        Role.CC, full_name="Ir. Win Rizal, M.E.", position="Kepala BPS Provinsi Bengkulu"
    )


@pytest.fixture
def ca_1701(db):
    return employee_with_role(Role.CA, office("1701"), full_name="Siti Aminah, S.E.")


@pytest.fixture
def ca_1702(db):
    return employee_with_role(Role.CA, office("1702"), full_name="Agus Pratama, S.Tr.Stat.")


@pytest.fixture
def event_team_member(db):
    return employee_with_role(Role.EVENT_TEAM, full_name="Dewi Lestari, A.Md.")
