"""The permission matrix: every URL of the project x every role, with the expected outcome.

The URL list comes from the URL conf (django.urls.get_resolver, includes followed), so a URL
without an entry in MATRIX fails `test_every_url_has_an_entry`: add one dict for it.

Outcomes: an HTTP status code, LOGIN (redirect to the log-in page) or REDIRECT (any other
redirect: a form view that did its work or sent the person on). Object URLs use the objects of
a small world: office A = 1701 (Bengkulu Selatan, hosts the event), office B = 1702; another
office's or province's objects answer 404. State-changing URLs are sent an empty POST (each
request is rolled back, so one role's request never changes what the next one sees).

Not covered here, with the reason:
- admin/*: Django's admin, guarded by is_staff (its own tests; superuser only in Serawai);
- i18n/*: Django's set_language view (POST from the footer of every page, no permission);
- media/*: development-only file serving (DEBUG), absent in production;
- old paths that moved (common/moved.py): a redirect to the new path for everyone, the new
  path then answers as listed here (tests/test_moved_paths.py).
"""

import datetime

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from common.moved import MovedView
from organization.models import RoleAssignment
from tests.factories import EmployeeFactory, give_role, make_cycle, make_event, office, province
from tests.voting.helpers import make_open_vote, open_proposals

Role = RoleAssignment.Role
LOGIN, REDIRECT = "login", "redirect"
ROLES = [
    "anonymous",
    "employee",
    "ca_a",
    "ca_b",
    "event_team",
    "can",
    "can_coordinator",
    "cc",
    "superuser",
]
SKIPPED_PREFIXES = ("admin/", "i18n/", "media/", "oidc/")


def everyone(status=200, **overrides):
    """Any signed-in person gets `status`; anonymous goes to the log-in page."""
    row = dict.fromkeys(ROLES[1:], status)
    row["anonymous"] = LOGIN
    row.update(overrides)
    return row


def only(allowed: dict, default=403):
    """Roles in `allowed` get their outcome; other signed-in people `default`. The CAN
    coordinator may do whatever a CAN member may, unless the entry says otherwise."""
    row = everyone(default)
    if "can" in allowed:
        row["can_coordinator"] = allowed["can"]
    row.update(allowed)
    return row


def public(status=200):
    return dict.fromkeys(ROLES, status)


# --- the world ------------------------------------------------------------------------------


class World:
    pass


def _png(color="red") -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), color).save(buffer, format="PNG")
    return buffer.getvalue()


def build_world():
    """Office A (1701) hosts an event of this year's cycle of the province; one of each object
    that a URL names, made through the services where they are cheap, else directly."""
    from django.core.files.base import ContentFile

    from cycles.models import CalendarDay
    from documents.certificates import issue_certificates
    from documents.letters import issue_letter
    from events import checkin
    from events.models import CommitteeMember, EventTeamAssignment, EventTeamNeed, Photo
    from notifications.models import Notification
    from reports.models import OpeningSpeech
    from reports.services.report import open_report
    from voting.models import ThemeProposal

    w = World()
    w.province = province()
    w.office_a, w.office_b = office("1701"), office("1702")
    people = {
        "employee": EmployeeFactory(full_name="Budi Santoso, S.ST."),
        "ca_a": EmployeeFactory(full_name="Siti Aminah, S.E.", office=w.office_a),
        "ca_b": EmployeeFactory(full_name="Agus Pratama, S.Tr.Stat.", office=w.office_b),
        "event_team": EmployeeFactory(full_name="Dewi Lestari, A.Md."),
        "can": EmployeeFactory(full_name="Rina Marlina, S.Si., M.Stat."),
        "can_coordinator": EmployeeFactory(full_name="Dr. Hendra Gunawan, M.Si."),
        "cc": EmployeeFactory(full_name="Ir. Win Rizal, M.E.", position="Kepala BPS Provinsi"),
        "superuser": EmployeeFactory(full_name="Admin Serawai", is_staff=True, is_superuser=True),
    }
    give_role(people["ca_a"], Role.CA, w.office_a)
    give_role(people["ca_b"], Role.CA, w.office_b)
    give_role(people["event_team"], Role.EVENT_TEAM)
    give_role(people["can"], Role.CAN_MEMBER)
    give_role(people["can_coordinator"], Role.CAN_COORDINATOR)
    w.cc_role = give_role(people["cc"], Role.CC)
    w.people = people
    can, ca_a = people["can"], people["ca_a"]

    w.year = timezone.localdate().year
    w.cycle = make_cycle(year=w.year)
    open_proposals(w.cycle, can)  # concept agreed, steps 1-2 done: proposals are open
    w.calendar_day = CalendarDay.objects.create(
        province=w.province,
        date=datetime.date(w.year, 12, 24),
        kind=CalendarDay.Kind.CLOSED,
        reason="Cuti bersama",
    )
    # An event of office A earlier this year (held: reports, evaluations, photos apply).
    event_date = datetime.date(w.year, 8, 12)
    w.event = make_event(
        host="1701", cycle=w.cycle, event_date=event_date, title="Statistik Kebijakan Daerah"
    )
    w.quarter = (event_date.month - 1) // 3 + 1
    w.speaker = CommitteeMember.objects.create(
        event=w.event,
        role=CommitteeMember.Role.SPEAKER,
        employee=EmployeeFactory(full_name="Narasumber Satu, M.Si.", office=w.office_a),
    )
    w.need = EventTeamNeed.objects.create(
        event=w.event,
        role=EventTeamAssignment._meta.get_field("role").choices[0][0],
        start_time=datetime.time(8, 0),
        end_time=datetime.time(12, 0),
        created_by=can,
    )
    w.assignment = EventTeamAssignment.objects.create(
        event=w.event, need=w.need, role=w.need.role, employee=people["event_team"]
    )
    w.token = checkin.token(w.event)
    w.proposal = ThemeProposal.objects.create(
        cycle=w.cycle,
        office=w.office_a,
        title="Pemanfaatan Big Data",
        abstract="Ringkasan usulan.",
        relevance="Manfaat bagi BPS.",
        preferred_quarter=3,
        created_by=ca_a,
    )
    w.photo = Photo(event=w.event, caption="Pembukaan", width=8, height=6, uploaded_by=ca_a)
    w.photo.image.save("foto.png", ContentFile(_png()), save=False)
    w.photo.thumbnail.save("foto-kecil.png", ContentFile(_png("blue")), save=False)
    w.photo.save()
    from events.models import Material

    w.material = Material(
        event=w.event,
        title="Paparan narasumber",
        original_name="paparan.pdf",
        kind="pdf",
        size=15,
        uploaded_by=ca_a,
    )
    w.material.file.save("materi.pdf", ContentFile(b"%PDF-1.4 materi"), save=False)
    w.material.save()
    w.report = open_report(cycle=w.cycle, quarter=w.quarter, by=ca_a)
    w.speech = OpeningSpeech(report=w.report, event=w.event, speaker="Kepala", text="Sambutan")
    w.speech.file.save("sambutan.pdf", ContentFile(b"%PDF-1.4 sambutan"), save=False)
    w.speech.file_kind = "pdf"
    w.speech.save()
    w.letter = issue_letter(
        office=w.province,
        kind="committee",
        subject="Keputusan panitia",
        addressees=["Panitia"],
        body_template="documents/letters/generic.html",
        context={"paragraphs": ["Isi surat."]},
        signatory=people["cc"],
        by=can,
        related=w.event,
    )
    w.certificate = issue_certificates(
        holders=[
            {
                "name": people["employee"].full_name,
                "employee": people["employee"],
                "role_label": "Peserta",
            }
        ],
        event_title=w.event.title,
        event_date=event_date,
        issuer_office=w.province,
        signatory=people["cc"],
        by=can,
        related=w.event,
    )[0]
    from documents.batches import request_batch, run_batch

    w.batch = request_batch(
        holders=[{"name": "Tamu Undangan", "role_label": "Peserta"}],
        event_title=w.event.title,
        event_date=event_date,
        issuer_office=w.province,
        signatory=people["cc"],
        by=can,
    )
    run_batch(w.batch.pk)
    from reports.models import EvidencePack

    w.pack = EvidencePack.objects.create(
        cycle=w.cycle, quarter=w.quarter, requested_by=can, status=EvidencePack.Status.DONE
    )
    w.pack.archive.save("bukti-dukung.zip", ContentFile(_empty_zip()))
    from organization.models import EmployeeImport

    w.employee_import = EmployeeImport.objects.create(
        original_name="pegawai.xlsx", file="imports/employees/pegawai.xlsx", requested_by=can
    )
    w.notification = Notification.objects.create(
        recipient=people["employee"], kind="letter_published", title="Pemberitahuan"
    )
    return w


def _empty_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("00-indeks-bukti-dukung.pdf", b"%PDF-1.4 indeks")
    return buffer.getvalue()


# --- URL arguments from the world ------------------------------------------------------------
# An <int:pk> is the event's (the report's under reports:, the proposal's under voting:),
# <int:year> this year; other arguments are listed here.

ARGS = {
    # An invalid link: the page says so to everyone (Django answers a bad token with 200).
    "accounts:password_reset_confirm": lambda w: {"uidb64": "MQ", "token": "set-password"},
    "cycles:calendar_remove": lambda w: {"pk": w.calendar_day.pk},
    "cycles:cycle_detail": lambda w: {"pk": w.cycle.pk},
    "organization:role_end": lambda w: {"pk": w.cc_role.pk},
    "notifications:mark_read": lambda w: {"pk": w.notification.pk},
    "documents:letter_download": lambda w: {"pk": w.letter.pk},
    "documents:certificate_download": lambda w: {"pk": w.certificate.pk},
    "documents:batch_detail": lambda w: {"pk": w.batch.pk},
    "documents:batch_download": lambda w: {"pk": w.batch.pk},
    "documents:batch_retry": lambda w: {"pk": w.batch.pk},
    "documents:letter_cancel": lambda w: {"pk": w.letter.pk},
    "organization:employee_import_job": lambda w: {"pk": w.employee_import.pk},
    "documents:certificate_revoke": lambda w: {"pk": w.certificate.pk},
    "verify": lambda w: {"code": w.certificate.code},
    "events:committee_remove": lambda w: {"pk": w.event.pk, "member_pk": w.speaker.pk},
    "events:team_need_remove": lambda w: {"pk": w.event.pk, "need_pk": w.need.pk},
    "events:team_swap": lambda w: {"pk": w.event.pk, "assignment_pk": w.assignment.pk},
    "events:checkin": lambda w: {"pk": w.event.pk, "token": w.token},
    "events:attendance_remove": lambda w: {"pk": w.event.pk, "attendance_pk": _attendance(w).pk},
    "events:photo_file": lambda w: {"pk": w.event.pk, "photo_pk": w.photo.pk, "variant": "thumb"},
    "events:photo_delete": lambda w: {"pk": w.event.pk, "photo_pk": w.photo.pk},
    "events:material_replace": lambda w: {"pk": w.event.pk, "material_pk": w.material.pk},
    "events:material_delete": lambda w: {"pk": w.event.pk, "material_pk": w.material.pk},
    "events:material_file": lambda w: {
        "pk": w.event.pk,
        "material_pk": w.material.pk,
        "variant": "pdf",
    },
    "events:personal_feed": lambda w: {"token": _feed_token(w)},
    "events:library_material": lambda w: {"pk": w.event.pk, "material_pk": w.material.pk},
    "events:library_photo": lambda w: {
        "pk": w.event.pk,
        "photo_pk": w.photo.pk,
        "variant": "thumb",
    },
    "reports:open": lambda w: {"quarter": w.quarter},
    "reports:evidence_detail": lambda w: {"pack": w.pack.pk},
    "reports:evidence_download": lambda w: {"pack": w.pack.pk},
    "reports:speech": lambda w: {"pk": w.report.pk, "event_pk": w.event.pk},
    "reports:speech_file": lambda w: {"pk": w.report.pk, "speech_pk": w.speech.pk},
    "evaluations:issue_award": lambda w: {"year": w.year, "kind": "presenter"},
}


def _attendance(w):
    """An attendee of the event, made inside the observation's rolled-back transaction."""
    from events.models import Attendance

    row, _created = Attendance.objects.get_or_create(
        event=w.event, employee=w.people["employee"], defaults={"source": "self"}
    )
    return row


def _feed_token(w):
    """The employee's private calendar address (the token is its only credential)."""
    from events.services.calendar import regenerate_feed

    return regenerate_feed(w.people["employee"]).token


def default_args(name, route, w):
    args = {}
    if "<int:pk>" in route:
        prefix = name.split(":")[0]
        args["pk"] = {"reports": w.report.pk, "voting": w.proposal.pk}.get(prefix, w.event.pk)
    if "<int:year>" in route:
        args["year"] = w.year
    return args


# --- the matrix: one dict per URL name ---------------------------------------------------------
# "expect": outcome per role; "method": "post" for actions (sent with an empty form); "stage":
# observed after a change of the world (STAGES), e.g. with the vote open.

MATRIX = {
    "audit:trail": {"expect": only({"can": 200, "superuser": 200})},
    "cycles:calendar": {"expect": everyone(200)},
    "cycles:calendar_remove": {
        "expect": only({"can": REDIRECT, "superuser": REDIRECT}),
        "method": "post",
    },
    # The CAN and the CC work on it; once agreed (as in this world), the province reads it.
    "cycles:concept": {"expect": everyone(200)},
    # An empty decision is refused on the page itself (400, with the reason), not redirected.
    "cycles:concept_decide": {"expect": only({"cc": 400}, default=404), "method": "post"},
    "cycles:concept_edit": {"expect": only({"can": REDIRECT}, default=404)},
    "cycles:concept_submit": {"expect": only({"can": REDIRECT}, default=404), "method": "post"},
    "cycles:cycle_create": {"expect": only({"can": 200, "superuser": 200})},
    "cycles:cycle_detail": {"expect": everyone(200)},
    "cycles:cycle_replan": {"expect": only({"can": 200, "superuser": 200})},
    "cycles:healthz": {"expect": public(200)},
    "cycles:home": {"expect": everyone(200)},
    "cycles:national": {"expect": only({"superuser": 200}, default=404)},
    "cycles:socialisation_letter": {
        "expect": only({"can": REDIRECT}, default=404),
        "method": "post",
    },
    "cycles:socialisation_letter_external": {"expect": only({"can": 200}, default=404)},
    "cycles:timeline": {"expect": everyone(200)},
    "documents:batch_detail": {"expect": only({"can": 200, "superuser": 200}, default=404)},
    "documents:batch_download": {"expect": only({"can": 200, "superuser": 200}, default=404)},
    # The world's batch is done: the CAN is told so on the batch page, nothing is run again.
    "documents:batch_retry": {
        "expect": only({"can": REDIRECT, "superuser": REDIRECT}, default=404),
        "method": "post",
    },
    "documents:certificate_download": {
        "expect": only({"employee": 200, "can": 200, "superuser": 200}, default=404)
    },
    "documents:letter_download": {"expect": everyone(200)},
    # An empty reason is refused on the page itself (400, with the message), nothing changes.
    "documents:letter_cancel": {
        "expect": only({"can": 400, "superuser": 400}, default=404),
        "method": "post",
    },
    "documents:certificate_revoke": {
        "expect": only({"can": 400, "superuser": 400}, default=404),
        "method": "post",
    },
    "documents:register": {"expect": only({"can": 200, "superuser": 200})},
    "documents:my_certificates": {"expect": everyone(200)},
    "evaluations:awards": {"expect": everyone(200)},
    "evaluations:event_recap": {"expect": only({"employee": 403}, default=200)},
    "evaluations:event_recap_pdf": {"expect": only({"employee": 403}, default=200)},
    "evaluations:index": {"expect": everyone(200)},
    "evaluations:issue_award": {
        "expect": only({"can": REDIRECT}),
        "method": "post",
    },
    "evaluations:rate": {"expect": everyone(403)},
    "evaluations:rate_organizer": {"expect": everyone(403)},
    "evaluations:year_recap": {"expect": only({"employee": 403}, default=200)},
    "evaluations:year_recap_pdf": {"expect": only({"employee": 403}, default=200)},
    "evaluations:year_recap_xlsx": {"expect": only({"employee": 403}, default=200)},
    "events:attendance": {"expect": everyone(200)},
    # After the event only the CAN corrects the list, and never without a reason (400).
    "events:attendance_remove": {"expect": only({"can": 400}), "method": "post"},
    "events:attendance_pdf": {"expect": everyone(200)},
    "events:attendance_xlsx": {"expect": everyone(200)},
    "events:certificates": {
        "expect": only({"ca_a": REDIRECT, "can": REDIRECT}),
        "method": "post",
    },
    "events:checkin": {"expect": everyone(200)},
    "events:checkin_code": {"expect": only({"ca_a": 200, "can": 200})},
    "events:committee": {"expect": only({"ca_a": 200})},
    "events:committee_letter": {
        "expect": only({"ca_a": REDIRECT}),
        "method": "post",
    },
    "events:committee_letter_external": {"expect": only({"ca_a": 200})},
    "events:committee_remove": {
        "expect": only({"ca_a": REDIRECT}),
        "method": "post",
    },
    "events:detail": {"expect": everyone(200)},
    "events:list": {"expect": everyone(200)},
    # Pustaka Serawai: every employee reads the library of held events and downloads their
    # materials and photos; only the CAN shares a held event with every province.
    "events:library": {"expect": everyone(200)},
    "events:library_material": {"expect": everyone(200), "stage": "event_held"},
    "events:library_photo": {"expect": everyone(200), "stage": "event_held"},
    "events:share": {
        "expect": only({"can": REDIRECT, "superuser": REDIRECT}),
        "method": "post",
        "stage": "event_held",
    },
    # The presenter or the Event Team hands in materials (the world's presenter has no role
    # here); every employee of the province reads and downloads them.
    "events:materials": {"expect": everyone(200)},
    "events:material_file": {"expect": everyone(200)},
    "events:material_replace": {"expect": only({"event_team": 200})},
    "events:material_delete": {"expect": only({"event_team": 200})},
    "events:event_ics": {"expect": everyone(200)},
    "events:my_calendar": {"expect": everyone(200)},
    # Fetched by calendar programs without a session: the token in the address authenticates.
    "events:personal_feed": {"expect": public(200)},
    "events:minutes": {"expect": everyone(200)},
    "events:minutes_finalise": {"expect": only({}), "method": "post"},
    "events:photo_file": {"expect": everyone(200)},
    # The host office's CA (and the note taker) asks "Yakin ...?" before a photo is deleted.
    "events:photo_delete": {"expect": only({"ca_a": 200})},
    "events:photos": {"expect": everyone(200)},
    "events:readiness": {"expect": everyone(200)},
    "events:readiness_confirm": {"expect": only({}), "method": "post"},
    "events:send_invitation": {
        "expect": only({"ca_a": REDIRECT, "can": REDIRECT}),
        "method": "post",
    },
    "events:invitation_external": {"expect": only({"ca_a": 200, "can": 200})},
    "events:team": {"expect": everyone(200)},
    "events:team_confirm": {"expect": only({}), "method": "post"},
    "events:team_history": {"expect": only({"can": 200, "superuser": 200})},
    "events:team_need": {
        "expect": only({"can": 400}),
        "method": "post",
    },
    "events:team_need_remove": {
        "expect": only({"can": REDIRECT}),
        "method": "post",
    },
    "events:team_propose": {
        "expect": only({"can": REDIRECT}),
        "method": "post",
    },
    "events:team_swap": {"expect": only({})},
    "events:team_unavailable": {"expect": only({}), "method": "post"},
    "notifications:bell": {"expect": everyone(200)},
    "notifications:list": {"expect": everyone(200)},
    "notifications:mark_all_read": {"expect": everyone(REDIRECT), "method": "post"},
    "notifications:mark_read": {
        "expect": only({"employee": REDIRECT}, default=404),
        "method": "post",
    },
    "notifications:preferences": {"expect": everyone(200)},
    "notifications:send_test": {"expect": everyone(REDIRECT), "method": "post"},
    "organization:employee_import": {"expect": only({"can": 200, "superuser": 200})},
    "organization:employee_import_template": {"expect": only({"can": 200, "superuser": 200})},
    # A job's progress is its requester's (and the administrator's): another CAN member gets 404.
    "organization:employee_import_job": {
        "expect": only({"can": 200, "superuser": 200, "can_coordinator": 404})
    },
    "accounts:login": {"expect": everyone(REDIRECT, anonymous=200)},
    "accounts:logout": {"expect": everyone(LOGIN), "method": "post"},
    "accounts:password_change": {"expect": everyone(200)},
    # Forgotten passwords: open to anyone, signed in or not; the link in the mail sets it.
    "accounts:password_reset": {"expect": public(200)},
    "accounts:password_reset_done": {"expect": public(200)},
    "accounts:password_reset_confirm": {"expect": public(200)},
    "accounts:password_reset_complete": {"expect": public(200)},
    # A CAN member reads the roles; the coordinator and the administrator give and end them.
    "organization:role_end": {
        "expect": only({"can_coordinator": REDIRECT, "superuser": REDIRECT}),
        "method": "post",
    },
    "organization:roles": {"expect": only({"can": 200, "superuser": 200})},
    "reports:chapters": {"expect": only({"ca_a": 200, "can": 200})},
    "reports:decide": {"expect": only({"cc": 400}), "method": "post"},
    "reports:detail": {
        "expect": only({"employee": 403, "ca_b": 403, "event_team": 403}, default=200)
    },
    # The evidence pack of the year: the CAN builds it, the CC reads it, nobody else sees it.
    "reports:evidence": {"expect": only({"can": 200, "cc": 200, "superuser": 200})},
    "reports:evidence_detail": {"expect": only({"can": 200, "cc": 200, "superuser": 200})},
    "reports:evidence_download": {"expect": only({"can": 200, "cc": 200, "superuser": 200})},
    "reports:list": {"expect": only({"employee": 403, "event_team": 403}, default=200)},
    # The province's CAN and CC only; the superuser as everywhere a rule alone decides.
    "reports:dashboard": {"expect": only({"can": 200, "cc": 200, "superuser": 200})},
    "reports:dashboard_pdf": {"expect": only({"can": 200, "cc": 200, "superuser": 200})},
    "reports:dashboard_xlsx": {"expect": only({"can": 200, "cc": 200, "superuser": 200})},
    "reports:open": {
        "expect": only({"ca_a": REDIRECT, "can": REDIRECT}),
        "method": "post",
    },
    "reports:pdf": {"expect": only({"employee": 403, "ca_b": 403, "event_team": 403}, default=200)},
    "reports:revise": {
        "expect": only({"ca_a": REDIRECT, "can": REDIRECT}),
        "method": "post",
    },
    "reports:speech": {"expect": only({"ca_a": 200, "can": 200})},
    "reports:speech_file": {
        "expect": only({"employee": 403, "ca_b": 403, "event_team": 403}, default=200)
    },
    "reports:submit": {
        "expect": only({"ca_a": REDIRECT, "can": REDIRECT}),
        "method": "post",
    },
    "verify": {"expect": public(200)},
    "verify_form": {"expect": public(200)},
    "voting:announce": {
        "expect": only({"can": REDIRECT}, default=404),
        "method": "post",
        "stage": "vote_open",
    },
    "voting:announce_external": {
        "expect": only({"can": 200}, default=404),
        "stage": "vote_open",
    },
    "voting:ballot": {"expect": everyone(200), "stage": "vote_open"},
    "voting:close": {
        "expect": only({"can": REDIRECT}, default=404),
        "method": "post",
        "stage": "vote_open",
    },
    "voting:open": {
        "expect": only({"can": REDIRECT}, default=404),
        "method": "post",
    },
    "voting:open_external": {"expect": only({"can": 200}, default=404)},
    "voting:proposal_create": {"expect": only({"ca_a": 200, "ca_b": 200}, default=404)},
    "voting:proposal_delete": {
        "expect": only({"ca_a": REDIRECT}, default=404),
        "method": "post",
    },
    "voting:proposal_detail": {
        "expect": only({"ca_a": 200, "can": 200, "superuser": 200}, default=404)
    },
    "voting:proposal_edit": {"expect": only({"ca_a": 200}, default=404)},
    "voting:proposals": {"expect": only({"ca_a": 200, "ca_b": 200, "can": 200}, default=404)},
    "voting:proposals_pdf": {"expect": only({"can": 200}, default=404)},
    # A refused reopening shows the proposal list again (400), which a superuser without a
    # CAN role does not see (404, as voting:proposals).
    "voting:proposals_reopen": {
        "expect": only({"can": 400}, default=404),
        "method": "post",
    },
    "voting:proposals_xlsx": {"expect": only({"can": 200}, default=404)},
    "voting:results": {"expect": everyone(200), "stage": "vote_open"},
    "voting:selections": {"expect": everyone(404), "stage": "vote_open"},
    "voting:tie": {
        "expect": only({"can": REDIRECT}, default=404),
        "method": "post",
        "stage": "vote_open",
    },
    "voting:turnout": {"expect": everyone(200), "stage": "vote_open"},
}


# --- the machinery ------------------------------------------------------------------------------


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name or route, route, pattern) for every URL pattern, includes followed."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from url_patterns(entry, route, ns)
        elif isinstance(entry, URLPattern):
            if getattr(entry.callback, "view_class", None) is MovedView:
                continue
            name = f"{namespace}{entry.name}" if entry.name else route
            yield name, route


def covered_urls():
    found = {}
    for name, route in url_patterns():
        clean = route.lstrip("^")
        if clean.startswith(SKIPPED_PREFIXES):
            continue
        found[name] = clean
    return found


def outcome(response):
    if response.status_code in (301, 302, 303):
        target = response["Location"]
        if target.split("?")[0] == reverse(settings.LOGIN_URL):
            return LOGIN
        return REDIRECT
    return response.status_code


def url_for(name, world):
    route = covered_urls()[name]
    args = ARGS[name](world) if name in ARGS else default_args(name, route, world)
    return reverse(name, kwargs=args)


def observe(client, world, name, entry):
    url = url_for(name, world)
    method = entry.get("method", "get")
    seen = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.people[role])
        with transaction.atomic():
            response = getattr(client, method)(url, secure=False)
            seen[role] = outcome(response)
            transaction.set_rollback(True)
    return url, seen


OTHER_PROVINCE_URLS = [
    "cycles:cycle_detail",
    "events:detail",
    "events:committee",
    "events:readiness",
    "events:team",
    "events:attendance",
    "events:minutes",
    "events:photos",
    "events:materials",
    "events:event_ics",
    "events:checkin_code",
    "evaluations:event_recap",
    "voting:proposal_detail",
    "voting:proposal_edit",
    "reports:evidence_detail",
    "reports:evidence_download",
]


def other_province_world(world):
    """Sumatera Selatan's cycle and an event of one of its regencies, in the same database."""
    from organization.models import Office

    sumsel, _ = Office.objects.get_or_create(
        code="1600",
        defaults={
            "name": "BPS Provinsi Sumatera Selatan",
            "short_name": "Sumatera Selatan",
            "level": Office.Level.PROVINCE,
        },
    )
    Office.objects.get_or_create(
        code="1601",
        defaults={
            "name": "BPS Kabupaten Ogan Komering Ulu",
            "short_name": "OKU",
            "level": Office.Level.REGENCY,
            "parent": sumsel,
        },
    )
    from cycles.services.cycle import create_cycle

    other = World()
    other.__dict__.update(world.__dict__)
    other.cycle = create_cycle(
        province=sumsel, year=world.year, start_date=datetime.date(world.year, 1, 5), by=None
    )
    other.event = make_event(
        host="1601", cycle=other.cycle, event_date=world.event.date, title="Tema Sumsel"
    )
    from voting.models import ThemeProposal

    other.proposal = ThemeProposal.objects.create(
        cycle=other.cycle,
        office=Office.objects.get(code="1601"),
        title="Usulan Sumsel",
        abstract="Ringkasan.",
        relevance="Manfaat.",
        preferred_quarter=3,
    )
    from django.core.files.base import ContentFile

    from reports.models import EvidencePack

    other.pack = EvidencePack.objects.create(
        cycle=other.cycle, requested_by=world.people["can"], status=EvidencePack.Status.DONE
    )
    other.pack.archive.save("bukti-dukung.zip", ContentFile(_empty_zip()))
    return other


# Entries with "stage" are observed after this change of the world (then rolled back).
STAGES = {
    "event_held": lambda w: type(w.event).objects.filter(pk=w.event.pk).update(status="held"),
    "vote_open": lambda w: make_open_vote(w.cycle, w.people["can"]),
}


def test_every_url_has_an_entry():
    urls = covered_urls()
    missing = sorted(set(urls) - set(MATRIX))
    stale = sorted(set(MATRIX) - set(urls))
    assert not missing, (
        "add these URLs to MATRIX in tests/test_permission_matrix.py:\n"
        + "\n".join(f"  {name}  ({urls[name]})" for name in missing)
    )
    assert not stale, f"MATRIX lists URLs that no longer exist: {stale}"
    for name, entry in MATRIX.items():
        assert set(entry["expect"]) == set(ROLES), f"{name}: one outcome per role"


def observe_all(client, world, entries):
    """{name: (url, {role: outcome})}, each stage's entries inside one rolled-back change."""
    results = {}
    stages = sorted({entry.get("stage", "") for entry in entries.values()})
    for stage in stages:
        with transaction.atomic():
            if stage:
                STAGES[stage](world)
            for name, entry in sorted(entries.items()):
                if entry.get("stage", "") == stage:
                    results[name] = observe(client, world, name, entry)
            transaction.set_rollback(True)
    return results


@pytest.mark.django_db
def test_permission_matrix(client):
    world = build_world()
    wrong = []
    for name, (url, seen) in observe_all(client, world, MATRIX).items():
        for role in ROLES:
            expected = MATRIX[name]["expect"][role]
            if seen[role] != expected:
                wrong.append(f"{name} {url} as {role}: expected {expected}, got {seen[role]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_another_provinces_objects_answer_404(client):
    world = build_world()
    other = other_province_world(world)
    wrong = []
    for name in OTHER_PROVINCE_URLS:
        url, seen = observe(client, other, name, MATRIX[name])
        for role in ROLES[1:-1]:  # everyone of Bengkulu; the superuser sees every province
            # Who may open such an object at home gets 404 here; who may not, may get 403.
            allowed = {404} if MATRIX[name]["expect"][role] != 403 else {403, 404}
            if seen[role] not in allowed:
                wrong.append(f"{name} {url} as {role}: expected 404, got {seen[role]}")
        assert seen["anonymous"] == LOGIN
    assert not wrong, "\n".join(wrong)
