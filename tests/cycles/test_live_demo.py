"""A live demo whatever the day: after `seed_demo`, every demo login finds on its home page a
to-do whose link opens the form where it is done, and the timeline shows one step completed
late, on purpose, and no other. Seeded once per day for the module (each day in a transaction
that is rolled back)."""

import io
import re
from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from pypdf import PdfReader

from cycles import ledger
from cycles.models import Cycle
from demo.management.commands.demo_logins import logins_text
from demo.people import demo_logins
from events.models import Event

# One pytest worker runs this file: its days are seeded once, for every test of it.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("live-demo")]

DAYS = ["2026-01-02", "2026-06-15", "2026-12-24", "2027-03-01"]
TODO = re.compile(r'<a class="fw-bold" href="(/[^"]*)">')
NEW = re.compile(r'href="(/[^"]*/new/)"')
POST_FORM = re.compile(r'<form[^>]*method="post"[^>]*>', re.I)
LATE = re.compile(r"text-bg-warning\">terlambat<")
COMMITTEE = re.compile(r'<li><span class="text-body-secondary">([^<:]+):</span> ([^<]+)</li>')
# What each login's to-dos must include: a page where the action's form is present (any of).
ACTIONS = {
    "CAN Provinsi (koordinator)": [("/evaluations/events/", "/organizer/")],
    "CC (Change Champion)": [("/reports/", "/decide/")],
    # late in December the event being prepared is the year's last: its readiness is done
    "CA BPS Kabupaten Bengkulu Selatan": [("/events/", "/readiness/"), ("/evaluations/", "/rate/")],
    "Ketua Event Team": [("/events/", "/event-team/")],
    "Pegawai": [("/evaluations/events/", "/rate/")],
    "Pegawai kabupaten": [("/evaluations/events/", "/rate/")],
    "Pegawai BPS Kota Jambi (provinsi lain: pemungutan suara)": [("/voting/ballot/", "")],
    "CA BPS Kota Bandar Lampung (provinsi lain: usulan tema)": [("/voting/proposals/", "")],
}


def _action_forms(html: str) -> list[str]:
    return [f for f in POST_FORM.findall(html) if "logout" not in f and "i18n" not in f]


def _visit(person) -> list[tuple[str, int, list[str]]]:
    client = Client(raise_request_exception=False)
    client.force_login(person)
    home = client.get("/").content.decode()
    found = []
    for url in dict.fromkeys(TODO.findall(home)):
        page = client.get(url)
        html = page.content.decode()
        forms = _action_forms(html)
        for new in NEW.findall(html)[:1] if not forms else []:  # a list with its "new" button
            forms = _action_forms(client.get(new).content.decode())
        found.append((url, page.status_code, forms))
    return found


def _committees(person) -> dict[str, tuple[dict, str]]:
    """{event title: ({role: [names]} on the event page, the committee letter's signature)}"""
    client = Client(raise_request_exception=False)
    client.force_login(person)
    found = {}
    for event in Event.objects.filter(cycle__province__code="1700").order_by("pk"):
        roles = defaultdict(list)
        for role, name in COMMITTEE.findall(client.get(f"/events/{event.pk}/").content.decode()):
            roles[role].append(name.strip())
        signature = ""
        if event.committee_letter_url:
            letter = client.get(event.committee_letter_url)
            pdf = PdfReader(io.BytesIO(letter.getvalue()))
            text = "\n".join(page.extract_text() for page in pdf.pages)
            signature = text.rsplit("terima kasih.", 1)[-1]
        found[event.title] = (dict(roles), signature)
    return found


def _completed_late() -> list:
    """(step, due, completed) of every step of every province completed after its due date."""
    return [
        (step.number, step.due, timezone.localdate(step.completed_at))
        for model in ledger.step_models()
        for step in model.objects.filter(completed_at__isnull=False)
        if timezone.localdate(step.completed_at) > step.due
    ]


def _open_overdue() -> set[int]:
    """Numbers of the steps still open past their due date, in every province."""
    today = timezone.localdate()
    return {
        step.number
        for model in ledger.step_models()
        for step in model.objects.filter(completed_at__isnull=True, due__lt=today)
    }


def _timeline_late_labels(person) -> int:
    client = Client()
    client.force_login(person)
    labels = 0
    for cycle in Cycle.objects.filter(province__code="1700"):
        page = client.get(f"/timeline/?year={cycle.year}", follow=True).content.decode()
        labels += len(LATE.findall(page))
    return labels


@pytest.fixture(scope="module")
def demo_days(django_db_setup, django_db_blocker, tmp_path_factory):
    """{day: {"todos": {login label: [(url, status, post forms)]}, "late": count}}"""
    result = {}
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        for day in DAYS:
            moment = datetime.fromisoformat(day).replace(hour=10, tzinfo=ZoneInfo("Asia/Jakarta"))
            var = tmp_path_factory.mktemp("var")
            with (
                transaction.atomic(),
                time_machine.travel(moment, tick=False),
                override_settings(PASSWORD_HASHERS=hashers, VAR_DIR=var),
            ):
                out = io.StringIO()
                call_command("seed_demo", "--strict", stdout=out, stderr=out)
                logins = demo_logins()
                result[day] = {
                    "todos": {label: _visit(person) for label, person in logins},
                    "late": _timeline_late_labels(logins[0][1]),
                    "late in the ledgers": _completed_late(),
                    "overdue": _open_overdue(),
                    "output": out.getvalue(),
                    "logins": logins_text(),
                    "committees": _committees(logins[0][1]),
                }
                transaction.set_rollback(True)
    return result


@pytest.mark.parametrize("day", DAYS)
def test_every_demo_login_has_a_todo_whose_link_opens_a_form(demo_days, day):
    todos = demo_days[day]["todos"]
    for label, visits in todos.items():
        assert visits, f"{day}: {label} has nothing to do on the home page"
        assert all(status == 200 for _url, status, _forms in visits), (day, label, visits)
        assert any(forms for _url, _status, forms in visits), (day, label, visits)


@pytest.mark.parametrize("day", DAYS)
def test_each_role_finds_its_own_action(demo_days, day):
    todos = demo_days[day]["todos"]
    for label, wanted in ACTIONS.items():
        assert any(
            url.startswith(page) and (url.endswith(form) or any(form in f for f in forms))
            for page, form in wanted
            for url, _status, forms in todos[label]
            if forms
        ), (day, label, todos[label])


@pytest.mark.parametrize("day", DAYS)
def test_one_completed_step_is_labelled_late(demo_days, day):
    assert demo_days[day]["late"] == 1, demo_days[day]["output"]
    assert len(demo_days[day]["late in the ledgers"]) == 1, demo_days[day]["late in the ledgers"]


@pytest.mark.parametrize("day", DAYS)
def test_only_the_report_waiting_for_the_cc_is_overdue(demo_days, day):
    """The last quarter's report (step 10) and its evaluation recap (step 11, approved with the
    report) wait for the CC; every other open step is within its time."""
    assert demo_days[day]["overdue"] <= {10, 11}, demo_days[day]["overdue"]


@pytest.mark.parametrize("day", DAYS)
def test_the_login_list_says_what_to_try_first_with_the_link(demo_days, day):
    text = demo_days[day]["logins"]
    for label, visits in demo_days[day]["todos"].items():
        block = text.split(f"{label}: ", 1)[1].split("\n")[1]
        assert block.strip().startswith("try first:"), (label, block)
        assert block.rsplit("->", 1)[1].strip() in [url for url, _status, _forms in visits]


@pytest.mark.parametrize("day", DAYS)
def test_each_event_has_its_own_moderator_and_the_head_signs_the_letter(demo_days, day):
    """The moderator leads the speaker's session: another person; the office head signs the
    committee letter and holds no role in it."""
    committees = demo_days[day]["committees"]
    assert any(signature for _roles, signature in committees.values()), committees
    for title, (roles, signature) in committees.items():
        if "Moderator/MC" not in roles:
            continue  # step 6 is still ahead: the committee is the proposed speakers
        speakers, moderators = roles["Narasumber"], roles["Moderator/MC"]
        assert not set(moderators) & set(speakers), (day, title, roles)
        named = [name for names in roles.values() for name in names]
        assert len(named) == len(set(named)), (day, title, roles)
        if signature:
            assert "Kepala" in signature, (day, title, signature)
            assert not any(name in signature for name in named), (day, title, signature)
