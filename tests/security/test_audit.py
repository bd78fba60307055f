"""Audit trail: who changed what and when, visible to the CAN of the province only."""

import datetime
import re

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse

from audit.registry import SECRET_MODELS, audited_models
from cycles.models import Cycle
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role, office, other_province, province

Role = RoleAssignment.Role


def sumsel():
    return other_province("1600", "Sumatera Selatan")


@pytest.mark.django_db
def test_role_and_cycle_changes_are_recorded_with_who_and_what(client, can_member):
    with set_actor(can_member):
        ca = give_role(EmployeeFactory(full_name="Siti Ca"), Role.CA, office("1701"))
        cycle = Cycle.objects.create(
            province=province(), year=2026, start_date=datetime.date(2026, 1, 5)
        )
        cycle.themes_to_select = 4
        cycle.save()
        ca.ended_on = datetime.date(2026, 6, 30)
        ca.save()

    entry = LogEntry.objects.get_for_object(cycle).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == can_member
    assert entry.changes_dict["themes_to_select"] == ["3", "4"]
    assert entry.additional_data == {"province": province().pk}

    client.force_login(can_member)
    response = client.get(reverse("audit:trail"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rina Marlina, S.Si., M.Stat." in page  # the actor
    assert "Siti Ca" in page
    assert "2026-06-30" in page or "30 Juni 2026" in page
    assert "diubah" in page and "dibuat" in page


@pytest.mark.django_db
def test_another_province_changes_stay_hidden(client, can_member):
    give_role(EmployeeFactory(full_name="Orang Sumsel"), Role.CC, sumsel())
    give_role(EmployeeFactory(full_name="Orang Bengkulu"), Role.CC, province())
    client.force_login(can_member)
    page = client.get(reverse("audit:trail")).content.decode()
    assert "Orang Bengkulu" in page
    assert "Orang Sumsel" not in page


@pytest.mark.django_db
def test_only_the_can_and_the_admin_see_the_trail(client, ca_1701, employee, cc, admin_user):
    url = reverse("audit:trail")
    assert client.get(url).status_code == 302
    for person in (ca_1701, employee, cc):
        client.force_login(person)
        assert client.get(url).status_code == 403
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_trail_page_query_count_does_not_grow_with_entries(
    client, can_member, django_assert_max_num_queries
):
    for n in range(30):
        give_role(EmployeeFactory(full_name=f"Pegawai {n}"), Role.EVENT_TEAM)
    client.force_login(can_member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("audit:trail"))
    # 30 new assignments + the CAN member's own: 25 on the first page (+ the header row), 6 next
    assert response.content.decode().count("<tr>") == 26
    second = client.get(reverse("audit:trail") + "?page=2").content.decode()
    assert second.count("<tr>") == 7


def test_ballots_are_never_audited():
    labels = {model._meta.label_lower for model in audited_models()}
    assert labels.isdisjoint(SECRET_MODELS)
    assert "organization.roleassignment" in labels
    assert "cycles.cycle" in labels


@pytest.mark.django_db
def test_proposals_are_audited_but_a_ballot_leaves_no_trace_in_the_trail(can_member, employee):
    from tests.voting.helpers import make_cycle, make_open_vote, make_proposal, open_proposals
    from voting.models import ThemeProposal
    from voting.selectors import voter_for
    from voting.services.ballots import cast_ballot

    cycle = open_proposals(make_cycle(), can_member)
    with set_actor(can_member):
        proposal = make_proposal(cycle, "1701", "Big Data untuk Harga")
        proposal.title = "Big Data untuk Statistik Harga"
        proposal.save()
    changes = LogEntry.objects.get_for_object(proposal).filter(action=LogEntry.Action.UPDATE)
    assert changes.get().changes_dict["title"][1] == "Big Data untuk Statistik Harga"

    vote = make_open_vote(cycle, can_member)
    before = LogEntry.objects.count()
    voter = voter_for(vote, employee)
    assert voter is not None
    with set_actor(employee):
        cast_ballot(vote, voter=voter, proposal_ids=[proposal.pk])
    assert vote.box.count() == 1
    from voting.services import results

    results.close_vote(vote, by=can_member)  # the ballot is mixed and counted
    assert vote.ballots.count() == 1
    new = LogEntry.objects.order_by("-pk")[: LogEntry.objects.count() - before]
    touched = {entry.content_type.model for entry in new}
    assert touched.isdisjoint({"ballot", "ballotchoice", "voterrecord", "ballotboxentry"}), touched
    assert not LogEntry.objects.filter(actor=employee).exists()
    assert ThemeProposal.objects.get(pk=proposal.pk).title == "Big Data untuk Statistik Harga"


def test_every_registered_province_path_leads_to_an_office():
    from audit.registry import check_province_paths

    assert check_province_paths() == []


def test_a_wrong_province_path_stops_the_start(monkeypatch):
    """A path through a field the model does not have is a start-up error, not an entry that
    silently belongs to no province."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from audit import registry

    wrong = registry.Audited("reports.ActivityReport", "event.cycle.province")
    monkeypatch.setattr(registry, "AUDITED", [*registry.AUDITED, wrong])
    errors = registry.check_province_paths()
    assert [e.id for e in errors] == ["audit.E002"]
    assert "reports.ActivityReport" in errors[0].msg and "'event'" in errors[0].msg
    with pytest.raises(SystemCheckError, match="audit.E002"):
        call_command("check")


@pytest.mark.django_db
def test_an_activity_report_entry_belongs_to_its_province(client, can_member):
    from reports.services.report import open_report
    from tests.factories import make_cycle, make_event

    event = make_event(event_date=datetime.date(2026, 8, 12), cycle=make_cycle(year=2026))
    ca = EmployeeFactory(full_name="Siti Ca", office=office("1701"))
    give_role(ca, Role.CA, office("1701"))
    with set_actor(ca):
        report = open_report(cycle=event.cycle, quarter=3, by=ca)
    entry = LogEntry.objects.get_for_object(report).get(action=LogEntry.Action.CREATE)
    assert entry.additional_data == {"province": province().pk}

    sumsel_can = EmployeeFactory(full_name="CAN Sumsel", office=sumsel())
    give_role(sumsel_can, Role.CAN_MEMBER, sumsel())
    client.force_login(sumsel_can)
    page = client.get(reverse("audit:trail"), {"model": "reports.activityreport"})
    assert page.status_code == 200 and str(report) not in page.content.decode()
    client.force_login(can_member)
    page = client.get(reverse("audit:trail"), {"model": "reports.activityreport"})
    assert str(report) in page.content.decode()


@pytest.mark.django_db
def test_entries_without_a_province_are_shown_to_superusers_only(client, can_member, admin_user):
    with set_actor(admin_user):
        RoleAssignment.objects.create(
            employee=EmployeeFactory(full_name="Pegawai Pusat", office=office("0000")),
            role=Role.CC,
            office=office("0000"),
            year=2026,
        )
    entry = LogEntry.objects.filter(object_repr__contains="Pegawai Pusat").get()
    assert entry.additional_data == {"province": None}
    client.force_login(can_member)
    assert "Pegawai Pusat" not in client.get(reverse("audit:trail")).content.decode()
    client.force_login(admin_user)
    assert "Pegawai Pusat" in client.get(reverse("audit:trail")).content.decode()


@pytest.mark.django_db
def test_the_admin_searches_the_audit_log_by_the_actors_name(client, can_member, admin_user):
    with set_actor(can_member):
        give_role(EmployeeFactory(full_name="Siti Ca"), Role.EVENT_TEAM)
    client.force_login(admin_user)
    url = reverse("admin:auditlog_logentry_changelist")
    response = client.get(url, {"q": "Rina Marlina"})
    assert response.status_code == 200
    assert "Siti Ca" in response.content.decode()
    assert "Siti Ca" not in client.get(url, {"q": "Nama Lain"}).content.decode()


def test_the_trail_shows_times_as_every_other_page_and_no_empty_relation_codes():
    from audit.views import _display
    from events.models import Event
    from reports.models import OpeningSpeech

    held_at = Event._meta.get_field("held_at")
    assert _display(held_at, "2026-02-09 03:12:45.123456+00:00", {}) == "9 Februari 2026 10.12"
    assert _display(Event._meta.get_field("date"), "2026-02-09", {}) == "9 Februari 2026"
    assert _display(None, "reports.OpeningSpeech.None", {}) == "—"
    assert OpeningSpeech._meta.label == "reports.OpeningSpeech"


@pytest.mark.django_db
def test_the_trail_lists_the_rows_own_fields_by_name_with_plain_values(
    client, can_member, admin_user
):
    """No reverse relation ("events", "steps") or bookkeeping ("related id") is listed as a
    change; labels are the fields' names in the reader's language; yes/no and nothing read so."""
    with set_actor(can_member):
        cycle = Cycle.objects.create(
            province=province(), year=2026, start_date=datetime.date(2026, 1, 5)
        )
        _letter(
            can_member,
            "socialisation",
            "Sosialisasi Program Serawai Tahun 2026",
            "Kepala BPS Kabupaten/Kota se-Provinsi Bengkulu",
            day=datetime.date(2026, 1, 5),
            related=cycle,
        )
    expected = {
        "id": {"tahun", "tembusan", "yang dituju", "didaftarkan dari luar"},
        "en": {"year", "addressee", "registered from outside"},
    }
    for person in (can_member, admin_user):
        client.force_login(person)
        for language, labels in expected.items():
            client.post(reverse("set_language"), {"language": language, "next": "/"})
            page = client.get(reverse("audit:trail")).content.decode()
            changes = re.findall(r"<div><strong>([^<]*)</strong>: ([^<]*) → ([^<]*)</div>", page)
            shown = {label: (before, after) for label, before, after in changes}
            internal = {"activity_reports", "events", "steps", "proposals", "selected_themes"}
            internal |= {"related", "related id", "related type", "ID"}
            assert not internal & shown.keys(), (language, sorted(shown))
            assert labels <= shown.keys(), (language, sorted(shown))
            values = {value for pair in shown.values() for value in pair}
            assert not values & {"False", "True", "[]", "None"}, (language, shown)
            yes_no = {"id": "Tidak", "en": "No"}[language]
            label = {"id": "didaftarkan dari luar", "en": "registered from outside"}[language]
            assert shown[label] == ("—", yes_no)
            label = {"id": "yang dituju", "en": "addressee"}[language]
            assert shown[label] == ("—", "Kepala BPS Kabupaten/Kota se-Provinsi Bengkulu")


@pytest.mark.django_db
def test_a_change_made_outside_a_request_shows_who_the_service_recorded(client, can_member):
    """A worker's task or the demo seed writes with no request, hence no auditlog actor; the
    trail names the person the row records (`created_by`), not "sistem" beside "dibuat oleh"."""
    cycle = Cycle.objects.create(
        province=province(),
        year=2026,
        start_date=datetime.date(2026, 1, 5),
        created_by=can_member,
    )
    entry = LogEntry.objects.get_for_object(cycle).get()
    assert entry.actor == can_member
    client.force_login(can_member)
    page = client.get(reverse("audit:trail")).content.decode()
    row = next(row for row in page.split("<tr>") if "Siklus Serawai:" in row)
    assert "Rina Marlina, S.Si., M.Stat." in row and "sistem" not in row


def _trail_changes(client, model) -> list[dict]:
    """The trail's rows of `model` ("app.model"): {label: (before, after)} each, newest first."""
    page = client.get(reverse("audit:trail"), {"model": model}).content.decode()
    rows = page.split("<tr>")[2:]
    pattern = r"<div><strong>([^<]*)</strong>: ([^<]*) → ([^<]*)</div>"
    return [{label: (a, b) for label, a, b in re.findall(pattern, row)} for row in rows]


@pytest.mark.django_db
def test_the_trail_names_related_rows_choices_files_and_letters_as_a_reader_knows_them(
    client, can_member
):
    """Foreign and one-to-one keys by their row's name, an integer choice by its label, a file
    as uploaded (not its storage path), a stored letter link by the letter; no pixel sizes, and
    no creation time labelled as the action ("dibuat dibuat")."""
    from django.core.files.base import ContentFile

    from events.models import Photo
    from tests.factories import make_event
    from tests.voting.helpers import make_cycle, make_proposal, open_proposals

    cycle = make_cycle()
    event = make_event(cycle=cycle, title="Big Data untuk Harga")
    with set_actor(can_member):
        open_proposals(cycle, can_member)  # the concept: one-to-one with its cycle
        make_proposal(cycle, "1701", "Tema Satu")  # preferred quarter 2
        letter = _letter(
            can_member,
            "committee",
            "Daftar Pelaksana Serawai",
            "Kepala BPS Kabupaten Bengkulu Selatan",
            day=cycle.start_date,
            related=event,
        )
        event.committee_letter_url = letter.get_absolute_url()
        event.save(update_fields=["committee_letter_url"])
        photo = Photo(event=event, caption="Pembukaan", width=640, height=420)
        photo.uploaded_by = can_member
        photo.image.save("0f1e2d3c.jpg", ContentFile(b"jpeg"), save=False)
        photo.thumbnail.save("0f1e2d3c-thumb.jpg", ContentFile(b"jpeg"), save=False)
        photo.save()

    client.force_login(can_member)
    name = str(cycle)
    concept = _trail_changes(client, "cycles.concept")[0]
    assert concept["siklus"] == ("—", name)
    proposal = _trail_changes(client, "voting.themeproposal")[0]
    assert proposal["triwulan yang diinginkan"] == ("—", "Triwulan II")
    assert proposal["siklus"] == ("—", name) and "dibuat" not in proposal
    assert proposal["waktu dibuat"][0] == "—"
    filed = _trail_changes(client, "documents.letter")[0]
    assert filed["berkas"] == ("—", "berkas terunggah")
    linked = _trail_changes(client, "events.event")[0]
    assert linked["surat daftar pelaksana"] == ("—", str(letter))
    uploaded = _trail_changes(client, "events.photo")[0]
    assert uploaded["foto"] == ("—", "berkas terunggah") and uploaded["kegiatan"][1] == str(event)
    assert not {"lebar", "tinggi", "gambar kecil"} & uploaded.keys()
    page = client.get(reverse("audit:trail")).content.decode()
    assert "documents/letters/" not in page and "/photos/" not in page


def _letter(signatory, kind, subject, addressee, *, day, related):
    """A letter of the province office signed and issued by `signatory`, about `related`."""
    from documents.letters import issue_letter

    return issue_letter(
        office=office("1700"),
        kind=kind,
        subject=subject,
        addressees=[addressee],
        body_template="documents/letters/generic.html",
        context={"paragraphs": [f"{subject}."]},
        signatory=signatory,
        by=signatory,
        letter_date=day,
        related=related,
    )
