"""Province data is read through a province scope (django-scopes): outside one, a query fails."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django_scopes import ScopeError, scope

from common.scopes import province_scope
from cycles.models import Cycle
from cycles.services.cycle import create_cycle
from events.models import Event
from organization.models import Office
from tests.factories import EmployeeFactory, make_event, other_province, province

pytestmark = pytest.mark.django_db

OUR_APPS = {"organization", "cycles", "notifications", "documents", "voting", "events"}
OUR_APPS |= {"reports", "evaluations", "audit", "common"}

# Models with a path to a province that are read unscoped on purpose, and why. Anything else
# with such a path must read through a province scope (common/scopes.py).
UNSCOPED = {
    "organization.Office": "the office tree: reference data that builds every scope",
    "organization.Employee": "the login account, read by authentication before any scope",
    "organization.EmployeeImport": "a job read by its id by its requester and the worker",
    "notifications.EmailPreference": "a person's own setting, read when mailing anyone",
    "events.CalendarFeed": "a person's own calendar address, found by its token with no session",
}


def path_to_a_province(model, seen=frozenset()) -> bool:
    """Whether foreign keys lead from `model` to an Office (a province, or a kab/kota of one),
    directly or through other models (a cycle, an event, a person)."""
    for field in model._meta.concrete_fields:
        target = field.related_model if field.is_relation else None
        if target is None or target in seen or target._meta.app_label not in OUR_APPS:
            continue
        if target is Office or path_to_a_province(target, seen | {model}):
            return True
    return False


def our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


PROVINCE_OWNED = [
    m for m in our_models() if m._meta.label not in UNSCOPED and path_to_a_province(m)
]


@pytest.fixture
def two_cycles():
    bengkulu = create_cycle(province=province(), year=2025, start_date=datetime.date(2025, 1, 2))
    aceh = create_cycle(province=other_province(), year=2025, start_date=datetime.date(2025, 1, 2))
    return bengkulu, aceh


def test_the_province_owned_models_are_found():
    """The search below finds what it should: a change of it must not empty the list."""
    labels = {m._meta.label for m in PROVINCE_OWNED}
    assert {"cycles.Cycle", "voting.BallotChoice", "documents.Certificate"} <= labels
    assert {"notifications.Notification", "organization.RoleAssignment"} <= labels
    assert len(labels) >= 40


@pytest.mark.parametrize("model", PROVINCE_OWNED, ids=lambda m: m._meta.label)
def test_a_query_outside_a_province_scope_raises(model):
    """Every model with a path to a province, a new one included, reads through a scope."""
    with scope():  # scopes on, no province: what a forgotten scope looks like
        with pytest.raises(ScopeError):
            model._default_manager.count()
        with pytest.raises(ScopeError):
            list(model._default_manager.filter(pk=1))


@pytest.mark.parametrize("label", sorted(UNSCOPED))
def test_what_is_read_unscoped_is_so_on_purpose(label):
    """The list of exceptions stays true: each exists, has a path to a province, and is read
    unscoped (so a model that becomes scoped leaves the list)."""
    model = apps.get_model(label)
    assert model is Office or path_to_a_province(model)
    with scope():
        model._default_manager.count()


def test_inside_a_province_scope_only_its_data_is_read(two_cycles):
    bengkulu, aceh = two_cycles
    make_event(cycle=bengkulu, event_date=datetime.date(2025, 8, 12), title="Acara Bengkulu")
    person = EmployeeFactory(office=other_province())
    with province_scope(person):
        assert list(Cycle.objects.all()) == [aceh]
        assert not Event.objects.exists()
        assert not Cycle.objects.filter(pk=bengkulu.pk).exists()  # a forgotten filter still holds


def test_another_province_reads_none_of_a_provinces_data():
    """A world of one province (every object a URL names): inside the scope of another province
    no scoped model reads any of it, inside its own scope it reads all of it."""
    from tests.test_permission_matrix import build_world

    build_world()
    bengkulu, aceh = province(), other_province()
    seen = {}
    for model in PROVINCE_OWNED:
        everything = model._default_manager.count()
        with scope(province=[aceh.pk]):
            assert model._default_manager.count() == 0, model._meta.label
        with scope(province=[bengkulu.pk]):
            own = model._default_manager.count()
        seen[model._meta.label] = (own, everything)
    assert all(own == everything for own, everything in seen.values()), seen
    assert sum(1 for own, _ in seen.values() if own) >= 20, seen  # the world is not empty


def test_someone_without_a_province_reads_no_province_data(two_cycles):
    with province_scope(EmployeeFactory(office=None)):
        assert Cycle.objects.count() == 0


def test_a_request_is_scoped_to_its_persons_province(client, two_cycles):
    bengkulu, aceh = two_cycles
    client.force_login(EmployeeFactory(office=other_province()))
    assert client.get(reverse("cycles:cycle_detail", args=[aceh.pk])).status_code == 200
    assert client.get(reverse("cycles:cycle_detail", args=[bengkulu.pk])).status_code == 404
