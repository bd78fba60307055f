"""Cross-request caches (serawai.caching) never show what a write has changed.

Production keeps them in Redis; here a local-memory cache stands in for it, so every page below
is read twice through the cache: before and after the write a user would notice.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cycles.calendar import WorkingCalendar
from cycles.selectors import current_cycle
from cycles.services import complete_step, create_cycle, remove_calendar_day, set_calendar_day
from notifications.services import mark_all_read, notify
from organization.models import RoleAssignment
from organization.roles import held_roles
from organization.services import assign_role, end_role
from serawai import caching
from tests.factories import EmployeeFactory, province

Role = RoleAssignment.Role
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shared_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    assert caching.enabled()


def _home(client) -> str:
    response = client.get(reverse("cycles:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_cached_value_is_computed_once_until_its_topic_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert caching.cached("t", "k", compute) == 1
    assert caching.cached("t", "k", compute) == 1
    caching.changed("other")
    assert caching.cached("t", "k", compute) == 1
    caching.changed("t")
    assert caching.cached("t", "k", compute) == 2
    caching.changed_everything()
    assert caching.cached("t", "k", compute) == 3


def test_none_is_cached_too():
    calls = []
    assert caching.cached("t", "none", lambda: calls.append(1)) is None
    assert caching.cached("t", "none", lambda: calls.append(1)) is None
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_a_value_read_before_the_writer_commits_is_renewed_at_commit():
    from django.db import transaction

    with transaction.atomic():
        caching.changed("t")
        # Another request reads now, before the commit, and stores the old rows.
        assert caching.cached("t", "k", lambda: "before") == "before"
    assert caching.cached("t", "k", lambda: "after") == "after"


def test_without_a_shared_cache_nothing_is_kept(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert not caching.enabled()
    values = iter([1, 2])
    assert caching.cached("t", "k", lambda: next(values)) == 1
    assert caching.cached("t", "k", lambda: next(values)) == 2


def test_a_new_role_shows_on_the_next_page_and_an_ended_one_goes(client, employee):
    client.force_login(employee)
    assert "Anggota Event Team" not in _home(client)
    assignment = assign_role(
        employee=employee, role=Role.EVENT_TEAM, office=province(), year=timezone.localdate().year,
        by=None,
    )  # fmt: skip
    assert "Anggota Event Team" in _home(client)
    assert held_roles(type(employee).objects.get(pk=employee.pk)).is_event_team
    end_role(assignment, by=None, on=timezone.localdate())
    assert "Anggota Event Team" not in _home(client)
    assert not held_roles(type(employee).objects.get(pk=employee.pk)).is_event_team


def test_the_bell_counts_a_new_notification_and_forgets_it_once_read(client, employee):
    client.force_login(employee)
    assert "data-unread" not in _home(client)
    notify([employee], kind="step_reminder", title="Pengingat")
    assert 'data-unread="1"' in _home(client)
    notify([employee], kind="step_reminder", title="Pengingat lagi")
    assert 'data-unread="2"' in _home(client)
    mark_all_read(by=employee)
    assert "data-unread" not in _home(client)


def test_another_persons_notification_leaves_my_count_alone(client, employee):
    other = EmployeeFactory()
    client.force_login(employee)
    _home(client)
    notify([other], kind="step_reminder", title="Pengingat")
    assert "data-unread" not in _home(client)


def test_an_office_day_changes_the_working_calendar_at_once(employee):
    day = datetime.date(timezone.localdate().year, 12, 1)
    while not WorkingCalendar.load(province()).is_working_day(day):
        day += datetime.timedelta(days=1)
    entry, _moved = set_calendar_day(
        province=province(), day=day, kind="closed", reason="Libur daerah", by=employee
    )
    assert not WorkingCalendar.load(province()).is_working_day(day)
    remove_calendar_day(entry, by=employee)
    assert WorkingCalendar.load(province()).is_working_day(day)


def test_a_new_cycle_is_the_current_one_at_once(employee):
    year = timezone.localdate().year
    assert current_cycle(employee) is None
    cycle = create_cycle(province=province(), year=year, start_date=datetime.date(year, 1, 2))
    assert current_cycle(employee) == cycle


def test_a_completed_step_leaves_the_home_page_at_once(client, can_member):
    year = timezone.localdate().year
    start = WorkingCalendar.load().first_working_day_on_or_after(timezone.localdate())
    cycle = create_cycle(province=province(), year=year, start_date=start)
    client.force_login(can_member)
    step1 = "Langkah 1: Membuat konsep dan jadwal penyelenggaraan Serawai"
    assert step1 in _home(client)
    complete_step(cycle.steps.get(number=1), by=can_member)
    assert step1 not in _home(client)


def test_a_closed_vote_refuses_the_next_ballot_and_a_renamed_theme_shows(
    client, can_member, employee
):
    from tests.voting.helpers import make_cycle, make_open_vote, make_proposal, open_proposals
    from voting.results import close_vote

    cycle = open_proposals(make_cycle(), can_member)
    themes = [make_proposal(cycle, code, f"Tema {code}") for code in ("1701", "1702")]
    vote = make_open_vote(cycle, can_member)
    client.force_login(employee)
    assert "Tema 1701" in client.get(reverse("voting:ballot")).content.decode()
    themes[0].title = "Tema baru"
    themes[0].save()
    assert "Tema baru" in client.get(reverse("voting:ballot")).content.decode()
    close_vote(vote, by=can_member)
    response = client.post(reverse("voting:ballot"), {"choices": [str(themes[1].pk)]})
    assert response.status_code == 200
    assert "Pemungutan suara sudah ditutup." in response.content.decode()


def test_newly_counted_ratings_show_in_the_year_recap_at_once(client, can_member):
    from tests.evaluations.conftest import add_speaker, make_event
    from tests.evaluations.helpers import rate_many

    year = timezone.localdate().year
    cycle = create_cycle(province=province(), year=year, start_date=datetime.date(year, 1, 5))
    event = make_event(cycle)
    add_speaker(event)
    client.force_login(can_member)
    url = reverse("evaluations:year_recap", args=[year])
    assert "0 penilaian dari 0 penilai" in client.get(url).content.decode()
    rate_many(event, [(5, 4, 3, 2, 1), (4, 4, 4, 4, 4), (3, 3, 3, 3, 3)])  # mixed by a bulk write
    page = client.get(url).content.decode()
    assert "3 penilaian dari 3 penilai" in page
    assert "<svg" in page  # the cached body stays HTML, not escaped text
    event.title = "Judul baru"
    event.save()
    assert "Judul baru" in client.get(url).content.decode()


def test_a_request_reads_each_token_once_and_its_own_writes_at_once():
    from django.core.signals import request_finished, request_started

    values = iter(range(1, 10))
    request_started.send(sender=None)
    try:
        assert caching.cached("t", "k", lambda: next(values)) == 1
        caching.changed("t")  # this request's own write
        assert caching.cached("t", "k", lambda: next(values)) == 2
        # Another process renews the token: this request keeps what it has read.
        cache_key = caching._version_key("t")
        from django.core.cache import cache

        cache.set(cache_key, "renewed-elsewhere", None)
        assert caching.cached("t", "k", lambda: next(values)) == 2
    finally:
        request_finished.send(sender=None)
    request_started.send(sender=None)
    try:
        assert caching.cached("t", "k", lambda: next(values)) == 3
    finally:
        request_finished.send(sender=None)


def test_the_proposal_list_shows_a_new_proposal_a_renamed_speaker_and_a_vote_at_once(
    client, can_member
):
    from tests.factories import office
    from tests.voting.helpers import make_cycle, make_open_vote, make_proposal, open_proposals

    cycle = open_proposals(make_cycle(), can_member)
    client.force_login(can_member)
    url = reverse("voting:proposals")
    assert "Belum ada usulan tema." in client.get(url).content.decode()
    speaker = EmployeeFactory(full_name="Andi Narasumber, S.ST.", office=office("1701"))
    make_proposal(cycle, "1701", "Tema satu", speaker=speaker)
    page = client.get(url).content.decode()
    assert "Tema satu" in page and "Andi Narasumber, S.ST." in page
    speaker.full_name = "Andi Pembicara, S.ST."
    speaker.save()
    assert "Andi Pembicara, S.ST." in client.get(url).content.decode()
    assert "Pemungutan suara sudah dibuka" not in client.get(url).content.decode()
    make_open_vote(cycle, can_member)
    assert "Pemungutan suara sudah dibuka" in client.get(url).content.decode()


def test_with_redis_unreachable_the_cache_misses_instead_of_failing_the_request():
    """The broker and the cache share Redis: while it is down a page still works from the
    database (the services tests post a letter with Redis down)."""
    from serawai.caching import RedisCache

    down = RedisCache("redis://127.0.0.1:9/0", {})  # the discard port: nothing listens
    assert down.get("home", "computed") == "computed"
    assert down.get_many(["a", "b"]) == {}
    assert down.add("token", "x") is False
    down.set("home", "value")
    down.set_many({"a": 1})
    down.delete("home")


def test_a_value_read_again_comes_from_this_process_and_is_a_fresh_copy(monkeypatch):
    from django.core.cache import caches

    assert caching.cached("t", "rows", lambda: [1, 2]) == [1, 2]
    shared = caches["default"]
    shared_reads = []
    original_get = shared.get
    monkeypatch.setattr(shared, "get", lambda *a, **k: shared_reads.append(a) or original_get(*a))
    first = caching.cached("t", "rows", lambda: ["recomputed"])
    first.append(3)  # a caller changing what it got changes nobody else's copy
    assert caching.cached("t", "rows", lambda: ["recomputed"]) == [1, 2]
    assert [a for a in shared_reads if a[0].startswith("c:")] == []  # no value read from Redis
    caching.changed("t")
    assert caching.cached("t", "rows", lambda: ["recomputed"]) == ["recomputed"]


def test_the_local_copies_are_bounded_and_expire():
    local = caching._Local(size=2)
    for key in ("a", "b", "c"):
        local.set(key, (key,), 60)
    assert local.get("a") is None and local.get("b") == ("b",) and local.get("c") == ("c",)
    local.set("d", ("d",), -1)  # already past its time
    assert local.get("d") is None


def _nav(client) -> str:
    page = _home(client)
    return page[page.index("<nav") : page.index("</nav>")]


def test_the_kept_navigation_follows_each_persons_roles_and_language(client, can_member, employee):
    """The navigation is rendered once per kind of person and language, then reused: a CAN
    member's menu never reaches an employee, nor the Indonesian one an English reader."""
    client.force_login(can_member)
    assert "Atur siklus" in _nav(client)
    client.force_login(employee)
    nav = _nav(client)
    assert "Atur siklus" not in nav and "Impor pegawai" not in nav
    assert employee.full_name in nav
    give_role = assign_role(
        employee=employee, role=Role.CAN_MEMBER, office=province(),
        year=timezone.localdate().year, by=None,
    )  # fmt: skip
    assert "Atur siklus" in _nav(client)
    end_role(give_role, by=None, on=timezone.localdate())
    client.cookies["django_language"] = "en"
    nav = _nav(client)
    assert "Home" in nav and "Beranda" not in nav and "Atur siklus" not in nav


def test_the_kept_proposal_table_shows_edit_links_only_to_the_proposing_ca(client, can_member):
    from tests.voting.helpers import make_ca, make_cycle, make_proposal, open_proposals

    cycle = open_proposals(make_cycle(), can_member)
    make_proposal(cycle, "1701", "Tema satu")
    url = reverse("voting:proposals")
    client.force_login(make_ca("1701"))
    assert ">Ubah</a>" in client.get(url).content.decode()
    client.force_login(can_member)
    page = client.get(url).content.decode()
    assert "Tema satu" in page and ">Ubah</a>" not in page
    client.force_login(make_ca("1702"))
    assert "Tema satu" not in client.get(url).content.decode()
    client.force_login(can_member)
    # A made-up parameter is rendered, not kept; a filter keeps its own copy.
    assert "Tema satu" in client.get(url, {"utm": "x" * 300}).content.decode()
    assert "Tema satu" not in client.get(url, {"q": "tidak ada"}).content.decode()
    assert "Tema satu" in client.get(url, {"q": "satu"}).content.decode()


def test_a_page_reads_all_its_tokens_the_bell_included_in_one_round_trip(
    client, employee, monkeypatch
):
    from django.core.cache import caches

    client.force_login(employee)
    notify([employee], kind="step_reminder", title="Pengingat")
    _home(client)
    shared = caches["default"]
    reads = []
    original = shared.get_many
    monkeypatch.setattr(shared, "get_many", lambda keys, **k: reads.append(keys) or original(keys))
    assert 'data-unread="1"' in _home(client)
    assert len(reads) == 1 and caching._version_key(f"person:{employee.pk}") in reads[0]


def test_the_kept_account_follows_a_deactivation_a_new_password_and_a_new_name(client, employee):
    other_browser = type(client)()
    client.force_login(employee)
    other_browser.force_login(employee)
    assert employee.full_name in _home(client)
    employee.full_name = "Nama Baru Sekali"
    employee.save()
    assert "Nama Baru Sekali" in _home(client)
    employee.office.name = "BPS Kantor Berganti Nama"
    employee.office.save()
    assert "BPS Kantor Berganti Nama" in _home(client)
    employee.set_password("sandi-baru-yang-panjang")
    employee.save()  # another session of the person ends (Django's session hash)
    assert other_browser.get(reverse("cycles:home")).status_code == 302
    client.force_login(employee)
    assert _home(client)
    employee.is_active = False
    employee.save()
    response = client.get(reverse("cycles:home"))
    assert response.status_code == 302 and reverse("organization:login") in response["Location"]


def test_immutable_values_are_shared_and_changeable_ones_copied():
    from organization.roles import HeldRoles

    assert caching._shareable(("a", 1, None, datetime.date(2026, 1, 1), frozenset({(1, 2)})))
    assert caching._shareable(HeldRoles(frozenset({("ca", 3)})))
    assert not caching._shareable(("a", [1]))
    assert not caching._shareable({"a": 1})
    caching.cached("t", "entries", lambda: ("x", "y"))
    first = caching.cached("t", "entries", lambda: ())
    assert first == ("x", "y") and caching.cached("t", "entries", lambda: ()) is first
    caching.cached("t", "rows", lambda: ["x"])
    assert caching.cached("t", "rows", list) is not caching.cached("t", "rows", list)


@pytest.fixture
def cached_sessions(settings):
    settings.SESSION_ENGINE = "serawai.sessions"


def _count_reads(monkeypatch):
    from django.core.cache import caches

    shared, reads, inside = caches["default"], [], []
    for name in ("get", "get_many"):
        original = getattr(shared, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            if not inside:  # the local-memory stand-in's get_many calls its get: one read
                reads.append((_name, args[0]))
            inside.append(1)
            try:
                return _original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(shared, name, counting)
    return reads


def test_a_signed_in_page_reads_its_session_and_tokens_in_one_round_trip(
    client, employee, monkeypatch, cached_sessions
):
    client.force_login(employee)
    notify([employee], kind="step_reminder", title="Pengingat")
    _home(client)  # this process learns whose session it is
    reads = _count_reads(monkeypatch)
    assert 'data-unread="1"' in _home(client)
    assert len(reads) == 1 and reads[0][0] == "get_many"
    session_key = client.cookies["sessionid"].value
    assert any(session_key in key for key in reads[0][1])
    assert caching._version_key(f"person:{employee.pk}") in reads[0][1]


def test_a_wrong_guess_of_whose_session_it_is_still_shows_the_persons_own_page(
    client, employee, monkeypatch, cached_sessions
):
    from serawai import sessions

    other = EmployeeFactory(office=employee.office)
    client.force_login(employee)
    notify([employee], kind="step_reminder", title="Pengingat")
    _home(client)
    monkeypatch.setitem(sessions._people, client.cookies["sessionid"].value, str(other.pk))
    page = _home(client)
    assert employee.full_name in page and 'data-unread="1"' in page


def test_a_session_gone_from_the_cache_is_read_from_the_database(client, employee, cached_sessions):
    from django.core.cache import cache

    client.force_login(employee)
    assert employee.full_name in _home(client)
    cache.clear()  # Redis restarted empty, or evicted the session
    assert employee.full_name in _home(client)
    client.logout()
    response = client.get(reverse("cycles:home"))
    assert response.status_code == 302
