"""The rating forms waiting for one person, for the home page (cycles.home.register_todos): an
attendee's presenter rating and a CAN member's organiser rating, while the form is open."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cycles.home import Todo
from events.models import Attendance, CommitteeMember

from .models import OrganizerRating, PresenterEvaluation, RaterRecord


def _open_forms(user, today):
    province = getattr(user, "province", None)
    if province is None:
        return PresenterEvaluation.objects.none()
    return PresenterEvaluation.objects.filter(
        closes_on__gte=today, mixed_at__isnull=True, event__cycle__province=province
    )


def rating_todos(user, today) -> list[Todo]:
    forms = _open_forms(user, today)
    attended = Attendance.objects.during_event().filter(employee=user).values("event_id")
    presenting = CommitteeMember.objects.filter(
        employee=user, role=CommitteeMember.Role.SPEAKER
    ).values("event_id")
    rated = RaterRecord.objects.filter(employee=user).values("event_id")
    mine = (
        forms.filter(event_id__in=attended)
        .exclude(event_id__in=presenting)
        .exclude(event_id__in=rated)
        .select_related("event")
    )
    todos = [
        Todo(
            _("Nilai narasumber: %(title)s") % {"title": form.event.title},
            reverse("evaluations:rate", args=[form.event_id]),
            form.closes_on,
            _("Anda hadir pada kegiatan ini; penilaian bersifat anonim."),
        )
        for form in mine
    ]
    if user.has_perm("evaluations.rate_organizer"):
        judged = OrganizerRating.objects.filter(rater=user).values("event_id")
        todos += [
            Todo(
                _("Nilai penyelenggara: %(title)s") % {"title": form.event.title},
                reverse("evaluations:rate_organizer", args=[form.event_id]),
                form.closes_on,
                form.event.host_office.name,
            )
            for form in forms.exclude(event_id__in=judged).select_related("event__host_office")
        ]
    return todos
