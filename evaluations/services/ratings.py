"""Writes of step 11 (evaluate presenters and organisers). Each function is one transaction and
records who and when; anonymity of presenter ratings is kept here (see evaluations.models)."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cycles import planning
from cycles.services.cycle import complete_step, start_step, submit_step, withdraw_submission
from events.models import Attendance, CommitteeMember, Event
from notifications import kinds
from notifications.services import notify

from ..criteria import ORGANIZER_KEYS, PRESENTER_KEYS
from ..models import OrganizerRating, PresenterEvaluation, PresenterRating, RaterRecord
from . import rating_box
from .errors import EvaluationError

EVALUATION_STEP = 11


@transaction.atomic
def open_presenter_evaluation(event: Event, *, by=None) -> PresenterEvaluation:
    """Step 11 starts right after the event: open the presenter form until the end of the
    event's quarter and tell every attendee, with a link to the form. Idempotent."""
    evaluation, created = PresenterEvaluation.objects.get_or_create(
        event=event,
        defaults={"closes_on": planning.quarter_end(event.date), "opened_by": by},
    )
    step = event.steps.filter(number=EVALUATION_STEP).first()
    if step is not None:
        start_step(step)
    attendees = [
        a.employee for a in Attendance.objects.filter(event=event).select_related("employee")
    ]
    notify(
        attendees,
        kind=kinds.EVALUATION_OPEN,
        title=_("Evaluasi narasumber: %(title)s") % {"title": event.title},
        body=_(
            "Terima kasih telah hadir. Berikan penilaian Anda untuk narasumber sampai "
            "%(date)s. Penilaian bersifat anonim."
        )
        % {"date": date_format(evaluation.closes_on, "j F Y")},
        url=reverse("evaluations:rate", args=[event.pk]),
        key=f"evaluation-open-{event.pk}",
    )
    return evaluation


def _rated(event: Event) -> bool:
    return (
        PresenterRating.objects.filter(event=event).exists()
        or RaterRecord.objects.filter(event=event).exists()
    )


@transaction.atomic
def hand_in_evaluation(event: Event, *, when=None) -> bool:
    """The quarter's report, which carries the event's recap of ratings, went to the CC: step
    11 then waits for the CC's approval, as step 10 does (cycles.sop: the approver). An event
    nobody rated has no recap to hand in and stays open. Returns whether it was handed in."""
    step = event.steps.filter(number=EVALUATION_STEP).first()
    if step is None or not _rated(event):
        return False
    submit_step(step, when=when)
    return True


@transaction.atomic
def take_back_evaluation(event: Event) -> None:
    """The CC returned the report: step 11 is the CAN's again, with step 10."""
    step = event.steps.filter(number=EVALUATION_STEP).first()
    if step is not None:
        withdraw_submission(step)


@transaction.atomic
def complete_evaluation(event: Event, *, by, when=None) -> bool:
    """Step 11 done: the event's recap of ratings has gone out, approved by the CC in the
    quarter's activity report (reports.services.report.approve_report calls this). The ledger links
    the recap page. An event nobody rated stays open. Returns whether the step is complete."""
    step = event.steps.filter(number=EVALUATION_STEP).first()
    if step is None or not _rated(event):
        return False
    start_step(step, when=when)
    complete_step(
        step, by=by, output_url=reverse("evaluations:event_recap", args=[event.pk]), when=when
    )
    return True


def on_event_held(sender, event, by=None, **kwargs):
    """Receiver of events.signals.event_held."""
    open_presenter_evaluation(event, by=by)


def rateable_presenters(event: Event, rater) -> list[CommitteeMember]:
    """The Narasumber of an event that `rater` may rate (a presenter does not rate themself)."""
    return [
        m
        for m in event.committee.filter(role=CommitteeMember.Role.SPEAKER).select_related(
            "employee"
        )
        if m.employee_id != rater.pk
    ]


def check_can_rate_presenters(event: Event, rater, today=None) -> None:
    """Raise EvaluationError unless `rater` may rate this event's presenters now."""
    evaluation = PresenterEvaluation.objects.filter(event=event).first()
    if evaluation is None:
        raise EvaluationError(_("Formulir evaluasi kegiatan ini belum dibuka."))
    if not evaluation.is_open(today) or evaluation.mixed_at is not None:
        raise EvaluationError(_("Formulir evaluasi kegiatan ini sudah ditutup."))
    if not Attendance.objects.during_event().filter(event=event, employee=rater).exists():
        raise EvaluationError(_("Hanya peserta yang hadir yang dapat menilai narasumber."))
    if RaterRecord.objects.filter(event=event, employee=rater).exists():
        raise EvaluationError(_("Anda sudah memberikan penilaian untuk kegiatan ini."))


def rate_presenters(*, event: Event, rater, ratings: dict, today=None) -> int:
    """An attendee rates the event's presenters once (SOP step 11a), anonymously.

    `ratings` maps each rateable presenter (CommitteeMember) to a dict with the five criteria
    (1-5) and optional "comment" and "suggestion". Records that `rater` rated (RaterRecord) and
    drops what was given, sealed, into the event's box (evaluations.services.rating_box), from which
    it is mixed into PresenterRating with no link to the rater. A second rating is refused by the
    database even when two requests race. Returns the number of ratings given.
    """
    check_can_rate_presenters(event, rater, today)
    allowed = {m.pk for m in rateable_presenters(event, rater)}
    if not ratings or any(member.pk not in allowed for member in ratings):
        raise EvaluationError(_("Narasumber yang dinilai tidak sesuai dengan kegiatan ini."))
    for values in ratings.values():
        if any(values.get(key) not in (1, 2, 3, 4, 5) for key in PRESENTER_KEYS):
            raise EvaluationError(_("Setiap kriteria harus dinilai dengan angka 1 sampai 5."))
    sealed = [
        {
            "presenter_id": member.pk,
            "comment": (values.get("comment") or "").strip(),
            "suggestion": (values.get("suggestion") or "").strip(),
            **{key: values[key] for key in PRESENTER_KEYS},
        }
        for member, values in ratings.items()
    ]
    try:
        with transaction.atomic():
            RaterRecord.objects.create(event=event, employee=rater)
            rating_box.drop_in_box(event, sealed)
    except IntegrityError as exc:
        raise EvaluationError(_("Anda sudah memberikan penilaian untuk kegiatan ini.")) from exc
    return len(ratings)


def check_can_rate_organizer(event: Event, rater, today=None) -> None:
    evaluation = PresenterEvaluation.objects.filter(event=event).first()
    if evaluation is None:
        raise EvaluationError(_("Evaluasi kegiatan ini belum dibuka."))
    if not evaluation.is_open(today):
        raise EvaluationError(_("Evaluasi kegiatan ini sudah ditutup."))
    if OrganizerRating.objects.filter(event=event, rater=rater).exists():
        raise EvaluationError(_("Anda sudah menilai penyelenggara kegiatan ini."))


def rate_organizer(*, event: Event, rater, scores: dict, comment: str = "", today=None):
    """A CAN Provinsi member rates the host office of an event once (SOP step 11b).

    Whether the activity report came on time is not asked: the recap reads it from the ledger.
    """
    check_can_rate_organizer(event, rater, today)
    if any(scores.get(key) not in (1, 2, 3, 4, 5) for key in ORGANIZER_KEYS):
        raise EvaluationError(_("Setiap kriteria harus dinilai dengan angka 1 sampai 5."))
    try:
        with transaction.atomic():
            return OrganizerRating.objects.create(
                event=event,
                rater=rater,
                comment=comment.strip(),
                created_at=timezone.now(),
                **{key: scores[key] for key in ORGANIZER_KEYS},
            )
    except IntegrityError as exc:
        raise EvaluationError(_("Anda sudah menilai penyelenggara kegiatan ini.")) from exc
